// The rendered kustomization as a cluster would get it, and the API server the
// test runner started (tools/k8s/validation.ts) to judge it. Rendering works on
// a copy of the repository's manifests, with Secrets and an image made by the
// same step a deployment uses (`npm run k8s:prepare`), so a developer's own
// k8s/deploy/ is never read or written.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { kubectl as runKubectl } from '../../../tools/k8s/cluster.ts';
import { prepareDeployment } from '../../../tools/k8s/prepare.ts';
import type { RunResult } from '../../../tools/lib/exec.ts';
import { repoRoot } from '../../../tools/lib/paths.ts';

export interface Metadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  spec?: unknown;
}

interface ValueFrom {
  secretKeyRef?: { name: string; key: string };
  configMapKeyRef?: { name: string; key: string };
  fieldRef?: { fieldPath: string };
}

export interface Probe {
  httpGet?: { path: string; port: number | string };
  tcpSocket?: { port: number | string };
  exec?: { command: string[] };
}

export interface Container {
  name: string;
  image?: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: ValueFrom }[];
  envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface Volume {
  name: string;
  secret?: { secretName: string };
  configMap?: { name: string };
  persistentVolumeClaim?: { claimName: string };
}

export interface PodSpec {
  serviceAccountName?: string;
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
}

export interface PodTemplate {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

export interface Workload extends K8sObject {
  kind: 'Deployment' | 'StatefulSet';
  spec: {
    replicas?: number;
    template: PodTemplate;
    volumeClaimTemplates?: { metadata: { name: string } }[];
  };
}

export interface Pod extends K8sObject {
  kind: 'Pod';
  spec: PodSpec;
}

/** The image tag a deployment would give (any tag but `latest`). */
export const validationImage = 'registry.example/roomstay:validation';

let rendering: Promise<{ text: string; objects: K8sObject[] }> | undefined;

/** `kubectl kustomize k8s`, plain (no load-restrictor flag), of a prepared copy of the manifests. */
export function rendered(): Promise<{ text: string; objects: K8sObject[] }> {
  rendering ??= render();
  return rendering;
}

/**
 * The manifests as a deployment that changes some of its settings renders them: an overlay
 * over the prepared copy whose generators merge these values into k8s/'s ConfigMaps.
 */
export function renderedWithSettings(
  settings: Record<string, Record<string, string>>,
): Promise<{ text: string; objects: K8sObject[] }> {
  return render(settings);
}

async function render(
  settings?: Record<string, Record<string, string>>,
): Promise<{ text: string; objects: K8sObject[] }> {
  const root = await mkdtemp(join(tmpdir(), 'roomstay-manifests-'));
  let result: RunResult;
  try {
    for (const dir of ['k8s', 'components', 'dapr']) {
      await cp(join(repoRoot, dir), join(root, dir), {
        recursive: true,
        filter: (source) => !source.startsWith(join(repoRoot, 'k8s', 'deploy')),
      });
    }
    await prepareDeployment(join(root, 'k8s'), validationImage);
    let target = join(root, 'k8s');
    if (settings) {
      target = join(root, 'overlay');
      await mkdir(target);
      await writeFile(
        join(target, 'kustomization.yaml'),
        stringify({
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          resources: ['../k8s'],
          configMapGenerator: Object.entries(settings).map(([name, values]) => ({
            name,
            behavior: 'merge',
            literals: Object.entries(values).map(([key, value]) => `${key}=${value}`),
          })),
        }),
      );
    }
    result = await kubectl(['kustomize', target]);
  } finally {
    // The copy holds generated Secrets: it goes as soon as it is rendered, or fails to be.
    await rm(root, { recursive: true, force: true });
  }
  if (result.code !== 0) throw new Error(`kubectl kustomize failed: ${result.stderr}`);
  const objects = parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
  return { text: result.stdout, objects };
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with \`npm run test:k8s\``);
  return value;
}

/** kubectl against the validation API server. */
export function kubectl(args: readonly string[], input?: string): Promise<RunResult> {
  return runKubectl(env('ROOMSTAY_KUBECTL'), env('ROOMSTAY_KUBECONFIG'), args, input);
}

/**
 * Objects as one JSON List for kubectl's stdin. Not YAML: kubectl reads YAML
 * 1.1, where an unquoted `yes` (as a YAML 1.2 writer leaves it) is a boolean.
 */
export const asList = (objects: readonly object[]): string =>
  JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects });

/**
 * Creates objects for real, as `kubectl apply` does (so a later dry-run apply
 * of the same objects sees what it expects). Namespaced objects can be judged
 * only in a namespace that exists, pods only with their service accounts.
 */
export async function ensureExist(kinds: readonly string[]): Promise<void> {
  const { objects } = await rendered();
  const result = await kubectl(['apply', '-f', '-'], asList(objects.filter((o) => kinds.includes(o.kind))));
  if (result.code !== 0) throw new Error(`creating ${kinds.join(', ')} failed: ${result.stderr}`);
}

export const workloads = (objects: readonly K8sObject[]): Workload[] =>
  objects.filter((o): o is Workload => o.kind === 'Deployment' || o.kind === 'StatefulSet');

/** The Deployments with Dapr's sidecar: the eight apps. */
export const apps = (objects: readonly K8sObject[]): Workload[] =>
  workloads(objects).filter((w) => w.spec.template.metadata.annotations?.['dapr.io/enabled'] === 'true');

/**
 * One pod per workload as its controller would create it, then as Dapr's
 * injector (tools/provision/daprd/inject, the daprd release) would change it.
 */
export async function injectedPods(): Promise<Pod[]> {
  const { objects } = await rendered();
  const pods = workloads(objects).map((w) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${w.metadata.name}-validation`,
      namespace: w.metadata.namespace,
      labels: w.spec.template.metadata.labels,
      annotations: w.spec.template.metadata.annotations,
    },
    spec: {
      ...w.spec.template.spec,
      // A StatefulSet's pod gets its claims as volumes.
      volumes: [
        ...(w.spec.template.spec.volumes ?? []),
        ...(w.spec.volumeClaimTemplates ?? []).map((claim) => ({
          name: claim.metadata.name,
          persistentVolumeClaim: { claimName: `${claim.metadata.name}-${w.metadata.name}-0` },
        })),
      ],
    },
  }));
  return JSON.parse(await runInject(JSON.stringify(pods))) as Pod[];
}

function runInject(input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(env('ROOMSTAY_DAPR_INJECT'), [], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`dapr-inject: ${stderr}`))));
    child.stdin.end(input);
  });
}

/** The run file the local stack starts from. */
export async function runFileApps(): Promise<{ appID: string; appPort: number; appProtocol: string }[]> {
  const file = parse(await readFile(join(repoRoot, 'dapr.yaml'), 'utf8')) as {
    common: { appProtocol: string };
    apps: { appID: string; appPort: number; appProtocol?: string }[];
  };
  return file.apps.map((a) => ({
    appID: a.appID,
    appPort: a.appPort,
    appProtocol: a.appProtocol ?? file.common.appProtocol,
  }));
}
