// A Stryker test runner for AVA. AVA test files run only under AVA's CLI, so
// every run is an AVA process on some test files; what this adds over
// Stryker's command runner is coverage per test file: the dry run runs each
// file alone and records which mutants its worker reached (coverage-hook.ts),
// and then a mutant runs only the files that reach it, and one that no file
// reaches is reported without running anything. AVA runs each file in a fresh
// process, so a mutant is active from the first line the worker loads
// (module-level mutants included): the active mutant travels in the
// environment variable the instrumented code reads.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTRUMENTER_CONSTANTS, type StrykerOptions } from '@stryker-mutator/api/core';
import type { Logger } from '@stryker-mutator/api/logging';
import { PluginKind, commonTokens, declareClassPlugin, tokens } from '@stryker-mutator/api/plugin';
import {
  DryRunStatus,
  MutantRunStatus,
  TestStatus,
  type DryRunOptions,
  type DryRunResult,
  type MutantRunOptions,
  type MutantRunResult,
  type TestResult,
  type TestRunner,
  type TestRunnerCapabilities,
} from '@stryker-mutator/api/test-runner';

/** The runner's own options, under `avaRunner` in Stryker's options. */
export interface AvaRunnerOptions {
  /** Test files, relative to the project root (Stryker's sandbox). */
  files: string[];
}

const hook = fileURLToPath(new URL('./coverage-hook.ts', import.meta.url));
const avaCli = 'node_modules/ava/entrypoints/cli.mjs';
/** Output kept for a killed mutant's failure message. */
const KEEP_OUTPUT = 4_000;

interface AvaRun {
  status: 'passed' | 'failed' | 'timeout';
  output: string;
  ms: number;
}

/** Runs AVA on `files` in its own process group, so that a run that outlives `timeoutMs` is killed with its workers. */
function runAva(
  files: string[],
  env: NodeJS.ProcessEnv,
  options: { bail: boolean; timeoutMs: number },
): Promise<AvaRun> {
  const started = Date.now();
  const args = [
    avaCli,
    '--tap',
    `--node-arguments=--import=${hook}`,
    ...(options.bail ? ['--fail-fast'] : []),
    ...files,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-64_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      // Workers left behind by a crashed or killed AVA must not outlive the run.
      killGroup(child.pid);
      const status = timedOut ? 'timeout' : code === 0 ? 'passed' : 'failed';
      resolve({ status, output, ms: Date.now() - started });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/** The files among `files` that a failing TAP line names (AVA prefixes titles with the file when it runs several). */
function failedFiles(files: string[], output: string): string[] {
  const failures = output.split('\n').filter((line) => line.startsWith('not ok '));
  if (files.length === 1) return files;
  const named = files.filter((file) => {
    const title = basename(file).replace(/\.test\.ts$/, '');
    return failures.some((line) => line.includes(`${title} › `) || line.includes(file));
  });
  return named.length ? named : files;
}

export class AvaTestRunner implements TestRunner {
  static readonly inject = tokens(commonTokens.logger, commonTokens.options);
  private readonly files: string[];

  constructor(
    private readonly log: Logger,
    options: StrykerOptions,
  ) {
    const own = (options as StrykerOptions & { avaRunner?: AvaRunnerOptions }).avaRunner;
    if (!own?.files.length) throw new Error('avaRunner.files: no test files');
    this.files = own.files;
  }

  capabilities(): TestRunnerCapabilities {
    // Every run is new processes.
    return { reloadEnvironment: true };
  }

  /** Each test file alone, with the mutants its worker reached. */
  async dryRun(options: DryRunOptions): Promise<DryRunResult> {
    const tests: TestResult[] = [];
    const perTest: Record<string, Record<string, number>> = {};
    for (const file of this.files) {
      const directory = mkdtempSync(join(tmpdir(), 'roomstay-mutation-'));
      try {
        const run = await runAva(
          [file],
          { ROOMSTAY_MUTATION_COVERAGE_DIR: directory },
          { bail: false, timeoutMs: options.timeout },
        );
        if (run.status === 'timeout') return { status: DryRunStatus.Timeout, reason: `${file} did not finish` };
        const reached: Record<string, number> = {};
        for (const name of readdirSync(directory)) {
          const hits = JSON.parse(readFileSync(join(directory, name), 'utf8')) as Record<string, number>;
          for (const [id, count] of Object.entries(hits)) reached[id] = (reached[id] ?? 0) + count;
        }
        perTest[file] = reached;
        this.log.debug('%s: %s in %d ms, reaches %d mutants', file, run.status, run.ms, Object.keys(reached).length);
        const base = { id: file, name: file, fileName: file, timeSpentMs: run.ms };
        tests.push(
          run.status === 'passed'
            ? { ...base, status: TestStatus.Success }
            : { ...base, status: TestStatus.Failed, failureMessage: run.output.slice(-KEEP_OUTPUT) },
        );
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    }
    const mutantCoverage = options.coverageAnalysis === 'off' ? undefined : { static: {}, perTest };
    return { status: DryRunStatus.Complete, tests, mutantCoverage };
  }

  /** The files that reach the mutant (all of them if Stryker gives no filter), failing fast unless bail is off. */
  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    const files = options.testFilter ?? this.files;
    const run = await runAva(
      files,
      { [INSTRUMENTER_CONSTANTS.ACTIVE_MUTANT_ENV_VARIABLE]: options.activeMutant.id },
      // Ended just before Stryker's own timeout would restart this runner's process.
      { bail: !options.disableBail, timeoutMs: Math.max(1_000, options.timeout - 500) },
    );
    switch (run.status) {
      case 'timeout':
        return { status: MutantRunStatus.Timeout, reason: `no answer within ${options.timeout} ms` };
      case 'passed':
        return { status: MutantRunStatus.Survived, nrOfTests: files.length };
      case 'failed':
        return {
          status: MutantRunStatus.Killed,
          killedBy: failedFiles(files, run.output),
          failureMessage: run.output.slice(-KEEP_OUTPUT),
          nrOfTests: files.length,
        };
    }
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'ava', AvaTestRunner)];

export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  properties: {
    avaRunner: {
      type: 'object',
      properties: { files: { type: 'array', items: { type: 'string' } } },
      required: ['files'],
    },
  },
};
