/** One line of the report's goal table, and the usual kind of goal: a figure at or under a limit. */
export interface Goal {
  figure: string;
  value: number;
  unit: string;
  goal: string;
  pass: boolean;
}

/** A figure that must be at most `limit`; a figure that could not be measured (NaN) misses. */
export const within = (figure: string, value: number, unit: string, limit: number): Goal => ({
  figure,
  value,
  unit,
  goal: `≤ ${limit} ${unit}`,
  pass: Number.isFinite(value) && value <= limit,
});
