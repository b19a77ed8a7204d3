// `npm run test:mutation`: mutation testing of every service's domain and
// application code with Stryker, one service at a time, each against its own
// tests (services/<name>/test) through the AVA runner in tools/mutation/.
// Writes reports/mutation/latest.md and latest.json from the run: the score
// per service, its counts, and every surviving mutant, each either accepted
// (tools/mutation/accepted.ts says why) or not. Fails when a service scores
// under the bar. `tsx tools/mutation.ts payment room` runs those services only
// and leaves latest.* alone (their reports go to reports/mutation/<name>/).
//
// Incremental (Stryker's own): a mutant whose code did not change keeps the
// result of the last run on this machine (reports/mutation/<name>/incremental.json)
// if the test files that killed it did not change (a killed mutant), or no test
// file newly reaches it (a survivor); everything else runs. Without that file
// (a clean clone, CI) every mutant runs; `--full` runs every mutant anyway.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { LogLevel, MutantResult, PartialStrykerOptions } from '@stryker-mutator/api/core';
import { Stryker } from '@stryker-mutator/core';
import { accepted, type Accepted } from './mutation/accepted.ts';
import { repoRoot } from './lib/paths.ts';
import { writeReadmeBlocks } from './lib/readme.ts';

/** The services measured, in report order (the longest last); each has src/domain and/or src/application. */
const services = ['promotion', 'payment', 'notice', 'room', 'auth', 'roominfo', 'reservation'] as const;
type Service = (typeof services)[number];
/** The bar every service must reach. */
const BAR = 80;

const reportDir = join(repoRoot, 'reports', 'mutation');

function testFiles(service: Service): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', `services/${service}/test`],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  return out
    .split('\n')
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
}

const incrementalFile = (service: Service) => join('reports', 'mutation', service, 'incremental.json');

function options(service: Service, full: boolean): PartialStrykerOptions {
  return {
    incremental: true,
    incrementalFile: incrementalFile(service),
    force: full,
    testRunner: 'ava',
    plugins: ['@stryker-mutator/typescript-checker', join(repoRoot, 'tools', 'mutation', 'ava-runner.ts')],
    // Mutants that do not compile are discarded before any test runs.
    checkers: ['typescript'],
    tsconfigFile: `services/${service}/tsconfig.json`,
    mutate: [`services/${service}/src/domain/**/*.ts`, `services/${service}/src/application/**/*.ts`],
    coverageAnalysis: 'perTest',
    // The machine is shared: one mutant at a time, at the lowest priority (set below).
    concurrency: 1,
    testRunnerNodeArgs: ['--import=tsx'],
    checkerNodeArgs: ['--import=tsx'],
    avaRunner: { files: testFiles(service) },
    // A run is AVA's start plus the files that reach the mutant; on a loaded machine that varies a lot.
    timeoutMS: 60_000,
    timeoutFactor: 3,
    dryRunTimeoutMinutes: 30,
    reporters: ['html', 'json', 'progress'],
    htmlReporter: { fileName: join('reports', 'mutation', service, 'index.html') },
    jsonReporter: { fileName: join('reports', 'mutation', service, 'mutation.json') },
    thresholds: { high: 90, low: BAR, break: null },
    // A sandbox per service, so that runs of two services (by hand) do not share one.
    tempDirName: join('.stryker-tmp', service),
    cleanTempDir: 'always',
    // The sandbox needs the workspaces and their configuration, nothing of the stack or the reports.
    ignorePatterns: [
      '/.stryker-tmp',
      '/bench',
      '/k8s',
      '/reports',
      '/components',
      '/dapr',
      '/.data',
      '/.cache',
      '/coverage',
    ],
    // A const enum in Stryker's types: its string values, typed.
    fileLogLevel: 'off' as LogLevel,
    logLevel: 'info' as LogLevel,
  };
}

interface Survivor {
  file: string;
  line: number;
  mutator: string;
  original: string;
  replacement: string;
  /** Why it is accepted, if it is. */
  reason?: string;
}

interface ServiceResult {
  service: Service;
  score: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  compileErrors: number;
  runtimeErrors: number;
  ignored: number;
  seconds: number;
  /** Mutants whose result was taken from the previous run (incremental), as Stryker reported it. */
  reused: number;
  survivors: Survivor[];
}

/** The source text a mutant replaced. */
function originalText(result: MutantResult): string {
  const lines = readFileSync(resolve(repoRoot, result.fileName), 'utf8').split('\n');
  const { start, end } = result.location;
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  const first = (lines[start.line - 1] ?? '').slice(start.column - 1);
  const last = (lines[end.line - 1] ?? '').slice(0, end.column - 1);
  return [first, ...lines.slice(start.line, end.line - 1), last].join('\n');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function acceptance(survivor: Omit<Survivor, 'reason'>): Accepted | undefined {
  const source = readFileSync(resolve(repoRoot, survivor.file), 'utf8').split('\n')[survivor.line - 1] ?? '';
  return accepted.find(
    (a) =>
      a.file === survivor.file &&
      a.mutator === survivor.mutator &&
      oneLine(a.original) === oneLine(survivor.original) &&
      oneLine(a.replacement) === oneLine(survivor.replacement) &&
      (a.line === undefined || source.includes(a.line)),
  );
}

function summarise(service: Service, results: MutantResult[], seconds: number, reused: number): ServiceResult {
  const count = (status: MutantResult['status']) => results.filter((r) => r.status === status).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  const survivors = results
    .filter((r) => r.status === 'Survived' || r.status === 'NoCoverage')
    .map((r) => {
      const file = relative(repoRoot, resolve(repoRoot, r.fileName));
      const base = {
        file,
        mutator: r.mutatorName,
        original: originalText(r),
        replacement: r.replacement ?? '',
      };
      const located = { ...base, line: r.location.start.line };
      return { ...located, reason: acceptance(located)?.reason };
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    service,
    score: valid === 0 ? 100 : Math.floor((detected / valid) * 1000) / 10,
    killed,
    timeout,
    survived,
    noCoverage,
    compileErrors: count('CompileError'),
    runtimeErrors: count('RuntimeError'),
    ignored: count('Ignored'),
    seconds,
    reused,
    survivors,
  };
}

/**
 * Runs `work` while reading Stryker's log for its count of reused results
 * ("N of M mutant result(s) are reused"), which its API does not return.
 */
async function watchingReuse<T>(onReused: (count: number) => void, work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    // eslint-disable-next-line no-control-regex
    const match = /(\d+) of \d+ mutant result\(s\) are reused/.exec(text.replace(/\u001b\[[0-9;]*m/g, ''));
    if (match?.[1]) onReused(Number(match[1]));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
}

const minutes = (s: number) => `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;

const code = (text: string) => '`' + oneLine(text).replace(/`/g, "'").slice(0, 120) + '`';

function markdown(results: ServiceResult[], totalSeconds: number, commit: string): string {
  const lines = [
    '# Mutation testing',
    '',
    `Generated by \`npm run test:mutation\` (tools/mutation.ts) on commit ${commit}; never edited by hand.`,
    '',
    'Stryker mutates `src/domain` and `src/application` of each service and runs the tests of that service',
    '(`services/<name>/test`) that reach each mutant. Score = (killed + timeout) / (killed + timeout + survived +',
    `no coverage); accepted survivors count as survivors. The bar is ${BAR}% per service. Mutants that do not`,
    'compile are discarded by the TypeScript checker.',
    '',
    '| service | score | killed | timeout | survived | no coverage | accepted survivors | not compiling | reused | time |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.service} | ${r.score.toFixed(1)}% ${r.score >= BAR ? '' : '**under the bar**'} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.survivors.filter((s) => s.reason).length} | ${r.compileErrors} | ${r.reused} | ${minutes(r.seconds)} |`,
    ),
    '',
    '"reused": mutants whose result comes from the previous run on the same machine (Stryker\'s incremental mode:',
    'the mutated code is unchanged, and so are the test files that killed it, or no test file newly reaches a',
    'survivor). 0 everywhere means every mutant ran (`--full`, or no previous run).',
    '',
    `Total time: ${minutes(totalSeconds)} (concurrency 1, lowest CPU priority).`,
    '',
  ];
  for (const r of results) {
    if (r.survivors.length === 0) continue;
    lines.push(`## ${r.service}: surviving mutants`, '');
    lines.push('| where | mutator | original → mutant | accepted because |', '| --- | --- | --- | --- |');
    for (const s of r.survivors) {
      lines.push(
        `| ${s.file}:${s.line} | ${s.mutator} | ${code(s.original)} → ${code(s.replacement)} | ${s.reason ?? '**not accepted**'} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** README's short table: the score of each service, from the same run as latest.md. */
function readmeTable(results: ServiceResult[], totalSeconds: number, commit: string): string {
  return [
    '| service | mutation score | killed + timed out | survived (accepted) | time |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.service} | ${r.score.toFixed(1)}% | ${r.killed + r.timeout} | ${r.survived + r.noCoverage} (${r.survivors.filter((s) => s.reason).length}) | ${minutes(r.seconds)} |`,
    ),
    '',
    `Commit ${commit}, ${minutes(totalSeconds)} in all.`,
  ].join('\n');
}

async function main(): Promise<void> {
  // A background job on a shared machine: every process it starts inherits the lowest priority.
  setPriority(19);
  process.chdir(repoRoot);
  const args = process.argv.slice(2);
  const full = args.includes('--full');
  const chosen = args.filter((a) => a !== '--full') as Service[];
  const unknown = chosen.filter((s) => !services.includes(s));
  if (unknown.length) throw new Error(`unknown services: ${unknown.join(', ')}`);
  const run = chosen.length ? chosen : [...services];
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
  const started = Date.now();
  const results: ServiceResult[] = [];
  let reusedNow = 0;
  for (const service of run) {
    const t0 = Date.now();
    const mutants = await watchingReuse(
      (reused) => {
        reusedNow = reused;
      },
      () => new Stryker(options(service, full)).runMutationTest(),
    );
    const result = summarise(service, mutants, (Date.now() - t0) / 1000, reusedNow);
    reusedNow = 0;
    results.push(result);
    console.log(
      `[mutation] ${service}: ${result.score}% (killed ${result.killed}, timeout ${result.timeout}, survived ${result.survived}, no coverage ${result.noCoverage}) in ${Math.round(result.seconds)} s`,
    );
  }
  const totalSeconds = (Date.now() - started) / 1000;
  const text = markdown(results, totalSeconds, `${commit}${dirty ? ' (with uncommitted changes)' : ''}`);
  if (chosen.length) {
    console.log(text);
  } else {
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(join(reportDir, 'latest.md'), text);
    writeFileSync(
      join(reportDir, 'latest.json'),
      JSON.stringify({ commit, dirty, bar: BAR, totalSeconds, services: results }, null, 2) + '\n',
    );
    await writeReadmeBlocks({ mutation: readmeTable(results, totalSeconds, commit) });
  }
  const under = results.filter((r) => r.score < BAR);
  if (under.length) {
    console.error(`[mutation] under ${BAR}%: ${under.map((r) => `${r.service} ${r.score}%`).join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
