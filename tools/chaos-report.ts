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
  line: string;
  data: Record<string, unknown>;
  at: string;
}

export async function startChaosReport(): Promise<void> {
  await rm(figures, { force: true });
}

export async function writeChaosReport(): Promise<void> {
  const lines = (await readFile(figures, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Figure)
    .sort((a, b) => a.scenario - b.scenario);
  if (lines.length === 0) return;
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
  const machine = { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, 'latest.json'),
    `${JSON.stringify({ commit, machine, at: new Date().toISOString(), scenarios: lines }, null, 2)}\n`,
  );
  const md = [
    '# Chaos report',
    '',
    `Commit ${commit}, ${new Date().toISOString()}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}.`,
    'Written by `npm run test:chaos` (and `npm test`) on the real stack: daprd, Kafka, Redis, PostgreSQL.',
    '',
    '| # | scenario | figures |',
    '| --- | --- | --- |',
    ...lines.map((f) => `| ${f.scenario} | ${f.title} | ${f.line} |`),
    '',
  ].join('\n');
  await writeFile(join(out, 'latest.md'), md);
  say('test', `chaos report: ${join('reports', 'chaos', 'latest.md')}`);
}
