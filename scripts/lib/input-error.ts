/**
 * One kind of error for every bad input file (config, handout, UI strings, audio, timings). It always
 * names the file and, where it can, the field or line, so that staff editing a file by hand can go
 * straight to the mistake. Build steps collect these and stop before writing anything.
 */
export interface InputProblem {
  file: string;
  /** Dotted field path (`idle.warningSeconds`) or `line 12`. */
  where?: string;
  message: string;
}

export class InputError extends Error {
  readonly problems: InputProblem[];

  constructor(problems: InputProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}

export function formatProblem(problem: InputProblem): string {
  return problem.where ? `${problem.file}: ${problem.where}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}
