// A Kubernetes API server of our own for validating manifests: etcd and
// kube-apiserver on loopback, on free ports the system picks (never the
// stack's fixed ones), with their data in a temporary folder removed at stop.
// No controller, scheduler or kubelet: objects are admitted (schema, strict
// field validation, admission such as Pod Security) and stored, never run.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { capture, type RunResult } from '../lib/exec.ts';
import { sentry } from '../stack/sentry.ts';
import type { KubernetesTools } from './provision.ts';

/** A port nothing listens on now, from the system's ephemeral range. */
function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Free, and not one of the local stack's fixed ports (only Sentry's are in
 * the ephemeral range): a stack started later, or one whose Sentry a chaos
 * test has briefly stopped, must find its ports free.
 */
async function freePort(): Promise<number> {
  const reserved = new Set<number>([sentry.port, sentry.healthzPort]);
  for (;;) {
    const port = await anyFreePort();
    if (!reserved.has(port)) return port;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiServer {
  private constructor(
    private readonly tools: KubernetesTools,
    readonly dir: string,
    readonly kubeconfig: string,
    private readonly processes: ChildProcess[],
  ) {}

  static async start(tools: KubernetesTools): Promise<ApiServer> {
    const dir = await mkdtemp(join(tmpdir(), 'roomstay-apiserver-'));
    const [client, peer, secure] = [await freePort(), await freePort(), await freePort()];
    const log = (name: string) => createWriteStream(join(dir, `${name}.log`));
    const processes: ChildProcess[] = [];
    const start = (name: string, command: string, args: string[]) => {
      const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      const out = log(name);
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
      processes.push(child);
      return child;
    };
    start('etcd', tools.etcd, [
      '--name=validation',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${client}`,
      `--advertise-client-urls=http://127.0.0.1:${client}`,
      `--listen-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-cluster=validation=http://127.0.0.1:${peer}`,
      // A throwaway store: nothing needs to survive a crash.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
    // The service account signing key; the API server verifies with the same key.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'sa.key');
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const token = randomBytes(24).toString('base64url');
    await writeFile(join(dir, 'tokens.csv'), `${token},validator,validator,"system:masters"\n`, { mode: 0o600 });
    await mkdir(join(dir, 'certs'));
    start('kube-apiserver', tools.kubeApiserver, [
      `--etcd-servers=http://127.0.0.1:${client}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${secure}`,
      // A self-signed serving certificate is made here.
      `--cert-dir=${join(dir, 'certs')}`,
      `--token-auth-file=${join(dir, 'tokens.csv')}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${keyFile}`,
      `--service-account-signing-key-file=${keyFile}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      // Pods are judged as a cluster would judge them: privileged containers are not allowed anywhere.
      '--allow-privileged=false',
      '--enable-priority-and-fairness=false',
    ]);
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          { name: 'validation', cluster: { server: `https://127.0.0.1:${secure}`, 'insecure-skip-tls-verify': true } },
        ],
        users: [{ name: 'validator', user: { token } }],
        contexts: [{ name: 'validation', context: { cluster: 'validation', user: 'validator' } }],
        'current-context': 'validation',
      }),
      { mode: 0o600 },
    );
    const server = new ApiServer(tools, dir, kubeconfig, processes);
    await server.waitReady();
    return server;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      for (const child of this.processes) {
        if (child.exitCode !== null) throw new Error(`${child.spawnfile} exited: ${await this.logs()}`);
      }
      if ((await this.kubectl(['get', '--raw', '/readyz'])).code === 0) return;
      await sleep(500);
    }
    throw new Error(`the API server was not ready within 2 minutes: ${await this.logs()}`);
  }

  async logs(): Promise<string> {
    const tail = async (name: string) => {
      const text = await readFile(join(this.dir, `${name}.log`), 'utf8').catch(() => '');
      return `--- ${name}\n${text.split('\n').slice(-30).join('\n')}`;
    };
    return `${await tail('etcd')}\n${await tail('kube-apiserver')}`;
  }

  kubectl(args: readonly string[], input?: string): Promise<RunResult> {
    return kubectl(this.tools.kubectl, this.kubeconfig, args, input);
  }

  async stop(): Promise<void> {
    for (const child of [...this.processes].reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Runs kubectl against a kubeconfig, with stdin when given. Never throws on exit code. */
export function kubectl(
  binary: string,
  kubeconfig: string,
  args: readonly string[],
  input?: string,
): Promise<RunResult> {
  return capture(binary, ['--kubeconfig', kubeconfig, ...args], input === undefined ? {} : { input });
}
