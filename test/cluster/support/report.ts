// A test's figure: shown in its output and kept for reports/cluster (tools/k8s/node/report.ts).
import { appendFile } from 'node:fs/promises';
import type { ExecutionContext } from 'ava';

export async function figure(t: ExecutionContext, line: string, data: Record<string, unknown>): Promise<void> {
  t.log(line);
  const file = process.env['ROOMSTAY_CLUSTER_FIGURES'];
  if (file) await appendFile(file, `${JSON.stringify({ test: t.title, line, data })}\n`);
}
