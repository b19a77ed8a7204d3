// The node the test runner started (tools/k8s/node/cluster.ts), entered the way
// its own tools are: by its namespaces' holder. A client here is outside the
// cluster (not a pod) and on the node's network only.
import { randomBytes } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cgroupRoot, enter } from '../../../tools/k8s/node/namespaces.ts';
import type { RunResult } from '../../../tools/lib/exec.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the cluster suite through \`npm run test:cluster\``);
  return value;
}

/** Runs a command in the node's namespaces; never throws on its exit code. */
export function inside(command: string, args: readonly string[], input?: string): Promise<RunResult> {
  return enter(required('ROOMSTAY_NODE_HOLDER'), command, args, input === undefined ? {} : { input });
}

export function kubectl(args: readonly string[], input?: string): Promise<RunResult> {
  return inside(
    required('ROOMSTAY_NODE_KUBECTL'),
    ['--kubeconfig', required('ROOMSTAY_NODE_KUBECONFIG'), ...args],
    input,
  );
}

/** kubectl that must succeed: its output. */
export async function must(args: readonly string[], input?: string): Promise<string> {
  const result = await kubectl(args, input);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** The app image the runner built from the Dockerfile and loaded into the node. */
export const appImage = (): string => required('ROOMSTAY_APP_IMAGE');

/**
 * A namespace of this test's own, admitted as production's is (Pod Security
 * "restricted", enforced), deleted with everything in it when the test ends.
 */
export async function namespace(t: ExecutionContext): Promise<string> {
  const name = `roomstay-test-${randomBytes(4).toString('hex')}`;
  await must(['create', 'namespace', name]);
  t.teardown(async () => {
    await kubectl(['delete', 'namespace', name, '--wait=false']);
  });
  await must(['label', 'namespace', name, 'pod-security.kubernetes.io/enforce=restricted']);
  return name;
}

/** An HTTP GET from the node's network (outside every pod): status and body. */
export async function get(url: string): Promise<{ status: number; body: string }> {
  const script = `fetch(${JSON.stringify(url)}, { signal: AbortSignal.timeout(5000) })
    .then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.text() })))
    .catch((e) => { console.log(JSON.stringify({ status: 0, body: String(e.cause ?? e) })); });`;
  const result = await inside(process.execPath, ['-e', script]);
  return JSON.parse(result.stdout.trim() || '{"status":0,"body":"no answer"}') as { status: number; body: string };
}

/** Tags the app image anew in the node's containerd (a "new release" of the same build); answers the new name. */
export async function retaggedAppImage(tag: string): Promise<string> {
  const image = appImage();
  const target = `${image.slice(0, image.lastIndexOf(':'))}:${tag}`;
  const result = await inside(required('ROOMSTAY_NODE_CTR'), [
    ...['--address', required('ROOMSTAY_NODE_CONTAINERD'), '-n', 'k8s.io'],
    ...['images', 'tag', '--force', image, target],
  ]);
  if (result.code !== 0) throw new Error(`ctr images tag: ${result.stderr}`);
  return target;
}

/**
 * The first answer of 200 to a GET, asking once a second for up to `timeoutMs`, or the last
 * answer: a new Service is reachable once kube-proxy has written its endpoints' rules.
 */
export async function getOnceReachable(url: string, timeoutMs = 30_000): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await get(url);
    if (answer.status === 200 || Date.now() > deadline) return answer;
    await sleep(1_000);
  }
}

/** The node's own pids of a container's processes (from its cgroup, under the node's cgroup root). */
export async function containerPids(containerId: string): Promise<number[]> {
  const find = async (dir: string): Promise<string | undefined> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (entry.name === containerId) return join(dir, entry.name);
      const found = await find(join(dir, entry.name));
      if (found) return found;
    }
    return undefined;
  };
  const dir = await find(join(cgroupRoot, 'pids', required('ROOMSTAY_NODE_CGROUP')));
  if (!dir) throw new Error(`no cgroup for container ${containerId}`);
  return (await readFile(join(dir, 'cgroup.procs'), 'utf8'))
    .split('\n')
    .map(Number)
    .filter((n) => n > 0);
}
