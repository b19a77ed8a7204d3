// `npm test`: unit, in-process API and contract tests first; then the
// Kubernetes manifests, judged by a real API server of our own (no stack
// needed), and the project's image and workloads on a Kubernetes node of our
// own (tools/k8s/node); then the real stack (daprd, Kafka, Redis, PostgreSQL, every app) is
// started and the end-to-end tests run against it through the ingress and the
// sidecars.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { say, warn } from './lib/log.ts';
import { repoRoot } from './lib/paths.ts';
import { ensureSchemathesis, provision } from './provision.ts';
import { ensureBrowser } from './provision-browser.ts';
import { startChaosReport, writeChaosReport } from './chaos-report.ts';
import { controlPort, Stack } from './stack/stack.ts';
import { attackCount, startAttackLedger } from './attack-ledger.ts';
import { proofs, runProofs } from './chaos-proofs.ts';
import { startValidation } from './k8s/validation.ts';
import { startCluster } from './k8s/node/cluster.ts';
import { startClusterReport, writeClusterReport } from './k8s/node/report.ts';

/** `--files=a,b`: only these test files of the suites chosen (while working on them). */
const onlyFiles = process.argv
  .find((a) => a.startsWith('--files='))
  ?.slice('--files='.length)
  .split(',');

/** Runs ava; with `log`, its output goes to that file instead of the terminal. */
async function ava(suitePatterns: string[], env: Record<string, string> = {}, log?: string): Promise<number> {
  const patterns = onlyFiles ? [...suitePatterns.filter((a) => a.startsWith('--')), ...onlyFiles] : suitePatterns;
  const out = log ? createWriteStream(log) : undefined;
  if (out) await new Promise((resolve) => out.once('open', resolve));
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'node_modules', 'ava', 'entrypoints', 'cli.mjs'), ...patterns],
      {
        cwd: repoRoot,
        stdio: out ? ['ignore', out, out] : 'inherit',
        env: { ...process.env, ...env },
      },
    );
    child.on('close', (code) => {
      out?.end();
      resolve(code ?? 1);
    });
  });
}

/** The suites that failed, named again at the end so the last lines of a long log say what broke. */
const failures: string[] = [];
function judge(suite: string, code: number): void {
  if (code !== 0) failures.push(suite);
}

const suites = {
  // test/lint: the boundaries lint enforces (a forbidden import fails); test/tools: the launcher's parts, in process.
  unit: [
    'packages/*/test/**/*.test.ts',
    'services/*/test/**/*.test.ts',
    'test/contract/**/*.test.ts',
    'test/lint/**/*.test.ts',
    'test/tools/**/*.test.ts',
  ],
  // The Kubernetes manifests on a kube-apiserver of our own, with Dapr's and Strimzi's CRDs.
  k8s: ['test/k8s/**/*.test.ts'],
  // The project on a real node (kubelet, containerd) of our own; one file at a time, each uses the node whole.
  cluster: ['--serial', '--concurrency=1', '--timeout=10m', 'test/cluster/**/*.test.ts'],
  e2e: ['test/e2e/**/*.test.ts'],
  // The site in a real Chromium (Debian's, unpacked by the test setup), one browser at a time.
  browser: ['--serial', '--timeout=5m', 'test/browser/**/*.test.ts'],
  // The attack suite: as an outsider and as a compromised app, on the real stack.
  security: ['test/security/**/*.test.ts'],
  // Property-based fuzzing of the whole API from its OpenAPI document.
  fuzz: ['--timeout=10m', 'test/fuzz/**/*.test.ts'],
  // One file at a time: each restarts an app of the shared stack with settings of its own.
  holds: ['--serial', '--concurrency=1', 'test/holds/**/*.test.ts'],
  // One scenario at a time: each one kills, pauses or scales parts of the shared stack.
  chaos: ['--serial', '--concurrency=1', '--timeout=6m', 'test/chaos/**/*.test.ts'],
  // After the test stack is down: npm start itself, up and down again; `dapr run -f .`.
  // One file at a time: each starts the whole stack on its fixed ports.
  launcher: ['--serial', '--concurrency=1', '--timeout=5m', 'test/launcher/**/*.test.ts'],
};

/**
 * The shared test stack's settings beyond the local profile: one test customer
 * drives every load test (dozens of unpaid reservations at once), so no cap on
 * unpaid holds; the holds suite restarts reservation with a cap of its own.
 */
const testProfile = { RESERVATION_HOLD_LIMIT: '0' };

const only = process.argv[2];
/**
 * `--prove`: after the chaos scenarios, run each once more with a fault that
 * makes its claim false, and fail unless every one turns red. `--prove=4,8`
 * chooses scenarios; `npm test` proves the cheap ones (`inCi`).
 */
const proveArg = process.argv.find((a) => a.startsWith('--prove'));
const proving = proveArg
  ? proveArg.includes('=')
    ? proofs.filter((p) => proveArg.slice('--prove='.length).split(',').map(Number).includes(p.scenario))
    : proofs
  : only
    ? []
    : proofs.filter((p) => p.inCi);
const chaosOnlyProofs = process.argv.includes('--proofs-only');
const started = Date.now();

if (!only || only === 'unit') {
  say('test', 'unit, in-process API and contract tests');
  judge('unit', await ava(suites.unit));
}

if (!only || only === 'k8s') {
  say('test', 'Kubernetes manifests on a real API server (server-side dry run, strict validation)');
  const k8sStarted = Date.now();
  try {
    // Provisioning or the API server failing is this suite's failure; the suites after it still run.
    const validation = await startValidation();
    try {
      judge('k8s', await ava(suites.k8s, validation.env));
    } finally {
      await validation.stop();
    }
  } catch (error) {
    warn('test', `Kubernetes validation could not run: ${error instanceof Error ? error.message : String(error)}`);
    failures.push('k8s (could not start)');
  }
  say('test', `Kubernetes validation: ${((Date.now() - k8sStarted) / 1000).toFixed(1)}s in all`);
}

if (!only || only === 'cluster') {
  say('test', 'the project on a real Kubernetes node (kubelet on containerd), images built here');
  const clusterStarted = Date.now();
  try {
    await startClusterReport();
    const cluster = await startCluster();
    // Interrupted, the node is torn down first (a run killed outright is torn down by the next: host.ts).
    const stopOnSignal = () => void cluster.stop().finally(() => process.exit(130));
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    try {
      const code = await ava(suites.cluster, cluster.env);
      judge('cluster', code);
      await writeClusterReport(code === 0, cluster.timings);
    } finally {
      process.off('SIGINT', stopOnSignal);
      process.off('SIGTERM', stopOnSignal);
      await cluster.stop().catch((error: unknown) => {
        warn('test', `the node was not torn down: ${error instanceof Error ? error.message : String(error)}`);
        failures.push('cluster (teardown)');
      });
    }
  } catch (error) {
    warn('test', `the cluster suite could not run: ${error instanceof Error ? error.message : String(error)}`);
    failures.push('cluster (could not run)');
  }
  say('test', `cluster suite: ${((Date.now() - clusterStarted) / 1000).toFixed(1)}s in all`);
}

if (!only || ['e2e', 'browser', 'security', 'fuzz', 'holds', 'chaos'].includes(only)) {
  const runtime = await provision();
  // Tests only (npm start never needs a browser): before the stack, so a failed download costs no stack time.
  const browserReady =
    !only || only === 'browser'
      ? ensureBrowser().then(
          () => true,
          (error: unknown) => {
            warn(
              'test',
              `the browser could not be provisioned: ${error instanceof Error ? error.message : String(error)}`,
            );
            return false;
          },
        )
      : Promise.resolve(false);
  if (!(await browserReady) && (!only || only === 'browser')) failures.push('browser (could not provision)');
  say('test', 'starting the stack for the end-to-end tests');
  const stack = await Stack.start(runtime, { appEnv: testProfile });
  await stack.serveControl();
  const stopOnSignal = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const env = {
    STACK_CONTROL: `http://127.0.0.1:${controlPort}`,
    ROOMSTAY_DAPRD: runtime.daprd,
    ROOMSTAY_REDIS: runtime.redisServer,
  };
  try {
    if (!only || only === 'e2e') {
      say('test', 'end-to-end tests on the real stack');
      judge('e2e', await ava(suites.e2e, env));
    }
    if (!only || only === 'browser') {
      say('test', 'the site in a real Chromium on the real stack');
      const browserStarted = Date.now();
      if (await browserReady) judge('browser', await ava(suites.browser, env));
      say('test', `browser suite: ${((Date.now() - browserStarted) / 1000).toFixed(1)}s`);
    }
    if (!only || only === 'security') {
      say('test', 'attack suite on the real stack');
      await startAttackLedger();
      judge('security', await ava(suites.security, env));
      const { tried, refused } = await attackCount();
      (tried > 0 && tried === refused ? say : warn)('test', `${tried} attacks tried, ${refused} refused`);
      if (tried === 0 || tried !== refused) failures.push('security (attack ledger)');
    }
    if (!only || only === 'fuzz') {
      say('test', 'fuzzing the API from /openapi.json (schemathesis)');
      const st = await ensureSchemathesis();
      judge('fuzz', await ava(suites.fuzz, { ...env, ROOMSTAY_SCHEMATHESIS: st }));
    }
    if (!only || only === 'holds') {
      say('test', 'unpaid holds: capped and expiring, on the real stack');
      judge('holds', await ava(suites.holds, env));
    }
    if ((!only || only === 'chaos') && !chaosOnlyProofs) {
      say('test', 'chaos scenarios on the real stack');
      await startChaosReport();
      // `--scenarios=2,4` runs only those scenarios (while working on them).
      const chosen = process.argv
        .find((a) => a.startsWith('--scenarios='))
        ?.slice('--scenarios='.length)
        .split(',');
      const files = chosen
        ? [
            ...suites.chaos.filter((a) => a.startsWith('--')),
            ...chosen.map((n) => `test/chaos/${n.padStart(2, '0')}-*.test.ts`),
          ]
        : suites.chaos;
      judge('chaos', await ava(files, env));
      await writeChaosReport();
    }
    if ((!only || only === 'chaos') && proving.length) {
      say('test', `chaos proofs: ${proving.length} scenarios with their claim made false`);
      // A proof's run is meant to fail: its long output goes to a file, and only the assertions
      // that turned it red are shown.
      const runScenario = async (file: string, log: string) => {
        await mkdir(dirname(log), { recursive: true });
        const code = await ava(['--serial', '--timeout=6m', file], env, log);
        const red = (await readFile(log, 'utf8')).split('\n').filter((line) => line.includes('✘'));
        for (const line of red.slice(0, 5)) say('test', `  ${line.trim()}`);
        return code;
      };
      if (!(await runProofs(stack, proving, runScenario))) failures.push('chaos proofs');
    }
  } finally {
    await stack.stop();
  }
}

if (!only || only === 'launcher') {
  say('test', 'npm start, up and down');
  judge('launcher', await ava(suites.launcher));
}

const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (failures.length) {
  warn('test', `FAILED after ${seconds}s: ${failures.join(', ')}`);
  process.exit(1);
}
say('test', `all passed in ${seconds}s`);
