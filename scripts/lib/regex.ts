/**
 * The text of a capture group that the pattern always fills: a group that is neither optional nor in
 * one branch of an alternative. The types cannot tell those groups from the optional ones, so this
 * says so once, and fails loudly if the pattern is ever changed so that it no longer holds.
 */
export function group(match: RegExpMatchArray, index: number): string {
  const text = match[index];
  if (text === undefined) throw new Error(`capture group ${index} of a match of "${match[0]}" is empty; the pattern no longer always fills it`);
  return text;
}
