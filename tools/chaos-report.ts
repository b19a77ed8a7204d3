// Collects the figure line each chaos scenario prints into one report:
// reports/chaos/latest.md and latest.json, linked from the README.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { say } from './lib/log.ts';
import { dataDir, repoRoot } from './lib/paths.ts';

const figures = join(dataDir, 'chaos', 'figures.jsonl');
const out = join(repoRoot, 'reports', 'chaos');

interface Figure {
  scenario: number;
  title: string;
  status: 'passed' | 'failed';
  line: string;
  data: Record<string, unknown>;
  at: string;
}

/** The commit a report describes, marked when the working tree differed from it. */
export function describeHead(): string {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot })
    .toString()
    .split('\n')
    .filter((l) => l.trim() && !/ reports\/| bench\/results\//.test(l)).length;
  return dirty ? `${commit} with uncommitted changes` : commit;
}

export async function startChaosReport(): Promise<void> {
  await rm(figures, { force: true });
}

export async function writeChaosReport(): Promise<void> {
  const recorded = (await readFile(figures, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Figure);
  if (recorded.length === 0) return;
  // One line per scenario: a failure wins over a figure recorded before it failed.
  const byScenario = new Map<number, Figure>();
  for (const f of recorded) {
    const known = byScenario.get(f.scenario);
    if (!known || f.status === 'failed') byScenario.set(f.scenario, f);
  }
  const lines = [...byScenario.values()].sort((a, b) => a.scenario - b.scenario);
  const failed = lines.filter((f) => f.status === 'failed').length;
  const commit = describeHead();
  const machine = { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, 'latest.json'),
    `${JSON.stringify({ commit, machine, at: new Date().toISOString(), passed: lines.length - failed, failed, scenarios: lines }, null, 2)}\n`,
  );
  const md = [
    '# Chaos report',
    '',
    `Commit ${commit}, ${new Date().toISOString()}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}.`,
    'Written by `npm run test:chaos` (and `npm test`) on the real stack: daprd, Kafka, Redis, PostgreSQL.',
    `${lines.length - failed} passed, ${failed} failed.`,
    '',
    '| # | scenario | outcome | figures |',
    '| --- | --- | --- | --- |',
    ...lines.map((f) => `| ${f.scenario} | ${f.title} | ${f.status ?? 'passed'} | ${f.line} |`),
    '',
  ].join('\n');
  await writeFile(join(out, 'latest.md'), md);
  say('test', `chaos report: ${join('reports', 'chaos', 'latest.md')}`);
}
