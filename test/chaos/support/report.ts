// Each scenario's outcome, printed and kept for the chaos report that
// tools/test.ts writes at the end of the run (reports/chaos/latest.{md,json}):
// a passed scenario leaves its figure line, a failed one is marked failed.
import { appendFile, mkdir } from 'node:fs/promises';
import test, { type ExecutionContext } from 'ava';

export const figuresFile = new URL('../../../.data/chaos/figures.jsonl', import.meta.url);

async function record(entry: Record<string, unknown>): Promise<void> {
  await mkdir(new URL('.', figuresFile), { recursive: true });
  await appendFile(figuresFile, `${JSON.stringify({ ...entry, at: new Date().toISOString() })}\n`);
}

/** The figure line of a scenario that passed every assertion before it. */
export async function figure(
  t: ExecutionContext,
  scenario: number,
  title: string,
  line: string,
  data: Record<string, unknown>,
): Promise<void> {
  t.log(`[chaos ${scenario}] ${line}`);
  process.stdout.write(`  [chaos ${scenario}] ${title}: ${line}\n`);
  await record({ scenario, title, status: 'passed', line, data });
}

/** Registers that a failure of this file's scenario is reported as failed, not left out. */
export function reportFailures(scenario: number, title: string): void {
  test.afterEach.always(async (t) => {
    if (!t.passed)
      await record({
        scenario,
        title,
        status: 'failed',
        line: `failed: ${t.title.replace(/^afterEach.always hook for /, '')}`,
        data: {},
      });
  });
}
