// Surviving mutants accepted after review, each with the reason no test can
// (or should) tell it from the original: equivalent mutants, or behaviour
// nothing outside the code can observe. A survivor is matched by file,
// mutator, the original text and the replacement (whitespace folded), not by
// line, so an entry stops matching when the code it speaks of changes and must
// be reviewed again.

export interface Accepted {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  reason: string;
}

export const accepted: Accepted[] = [];
