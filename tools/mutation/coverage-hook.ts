// Loaded into each AVA worker of the mutation runner's dry run (one worker per
// test file, a fresh process each): on exit, writes which mutants the process
// reached, so that the runner can tell Stryker which test file covers which
// mutant. Everything a worker reached, at import time or in a test, counts for
// its one test file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Instrumentation {
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
}

const directory = process.env.ROOMSTAY_MUTATION_COVERAGE_DIR;
if (directory) {
  process.on('exit', () => {
    const coverage = (globalThis as { __stryker__?: Instrumentation }).__stryker__?.mutantCoverage;
    const reached: Record<string, number> = { ...coverage?.static };
    for (const perTest of Object.values(coverage?.perTest ?? {})) {
      for (const [id, hits] of Object.entries(perTest)) reached[id] = (reached[id] ?? 0) + hits;
    }
    writeFileSync(join(directory, `${process.pid}.json`), JSON.stringify(reached));
  });
}
