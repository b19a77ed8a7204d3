// Each scenario's one figure line, printed and kept for the chaos report that
// tools/test.ts writes at the end of the run (reports/chaos/latest.{md,json}).
import { appendFile, mkdir } from 'node:fs/promises';
import type { ExecutionContext } from 'ava';

export const figuresFile = new URL('../../../.data/chaos/figures.jsonl', import.meta.url);

export async function figure(
  t: ExecutionContext,
  scenario: number,
  title: string,
  line: string,
  data: Record<string, unknown>,
): Promise<void> {
  t.log(`[chaos ${scenario}] ${line}`);
  process.stdout.write(`  [chaos ${scenario}] ${title}: ${line}\n`);
  await mkdir(new URL('.', figuresFile), { recursive: true });
  await appendFile(figuresFile, `${JSON.stringify({ scenario, title, line, data, at: new Date().toISOString() })}\n`);
}
