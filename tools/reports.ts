// `npm run reports`: every generated report from one run on HEAD, together —
// the chaos scenarios and their proofs (reports/chaos/), the benchmark
// (bench/results/), and README's tables copied from them. Refuses to run on a
// working tree that differs from HEAD: a report describes a commit.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { say, warn } from './lib/log.ts';
import { repoRoot } from './lib/paths.ts';
import { replaceBlock } from './lib/readme.ts';

function changed(): string[] {
  return execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot })
    .toString()
    .split('\n')
    .filter((line) => line.trim() && !/ (reports|bench\/results)\//.test(line) && !/ README\.md$/.test(line));
}

function step(script: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import=tsx', join(repoRoot, 'tools', script), ...args], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** The table lines of a generated markdown file (its first table). */
async function firstTable(file: string): Promise<string> {
  const lines = (await readFile(join(repoRoot, file), 'utf8')).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

const dirty = changed();
if (dirty.length) {
  warn('reports', `the working tree differs from HEAD; commit first:\n${dirty.join('\n')}`);
  process.exit(1);
}
const began = Date.now();
say('reports', 'chaos scenarios and their proofs');
const chaos = await step('test.ts', ['chaos', '--prove']);
say('reports', 'benchmark');
const bench = await step('bench.ts', []);
let readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
readme = replaceBlock(readme, 'chaos', await firstTable('reports/chaos/latest.md'));
readme = replaceBlock(readme, 'proofs', await firstTable('reports/chaos/proofs.md'));
readme = replaceBlock(readme, 'bench', await firstTable('bench/results/latest.md'));
await writeFile(join(repoRoot, 'README.md'), readme);
execFileSync(
  process.execPath,
  [join(repoRoot, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--write', 'README.md'],
  {
    cwd: repoRoot,
  },
);
say(
  'reports',
  `reports/, bench/results/ and README's tables refreshed in ${((Date.now() - began) / 1000).toFixed(0)}s`,
);
if (chaos !== 0 || bench !== 0) {
  warn('reports', `chaos ${chaos === 0 ? 'passed' : 'FAILED'}, bench ${bench === 0 ? 'passed' : 'FAILED'}`);
  process.exit(1);
}
