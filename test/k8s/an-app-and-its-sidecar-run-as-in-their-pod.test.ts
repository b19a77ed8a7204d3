import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { repoRoot } from '../../tools/lib/paths.ts';
import { PodNetwork, statusFromNode } from './support/pod.ts';
import { asList, injectedPods, rendered, type Container, type K8sObject } from './support/manifests.ts';

interface Secret extends K8sObject {
  data: Record<string, string>;
}

interface ConfigMap extends K8sObject {
  data: Record<string, string>;
}

const app = 'auth';

/** The environment Kubernetes gives a container: ConfigMaps whole, values, Secrets' and ConfigMaps' keys, the pod's own fields. */
function environment(container: Container, objects: readonly K8sObject[], pod: { name: string; ip: string }) {
  const secrets = objects.filter((o): o is Secret => o.kind === 'Secret');
  const configMaps = objects.filter((o): o is ConfigMap => o.kind === 'ConfigMap');
  const configMap = (name: string) => {
    const found = configMaps.find((c) => c.metadata.name === name);
    if (!found) throw new Error(`${container.name}: no ConfigMap ${name}`);
    return found.data;
  };
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, configMap(from.configMapRef.name));
  }
  for (const e of container.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    const setting = e.valueFrom?.configMapKeyRef;
    const field = e.valueFrom?.fieldRef?.fieldPath;
    if (ref) {
      const data = secrets.find((s) => s.metadata.name === ref.name)?.data[ref.key];
      if (data === undefined) throw new Error(`${container.name}: no Secret ${ref.name}/${ref.key}`);
      env[e.name] = Buffer.from(data, 'base64').toString();
    } else if (setting) {
      const value = configMap(setting.name)[setting.key];
      if (value === undefined) throw new Error(`${container.name}: no ConfigMap key ${setting.name}/${setting.key}`);
      env[e.name] = value;
    } else if (field) {
      env[e.name] = field === 'metadata.name' ? pod.name : field === 'status.podIP' ? pod.ip : '';
    } else {
      env[e.name] = e.value ?? '';
    }
  }
  return env;
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} within ${ms / 1000}s`);
}

test('in a network of its own, an app and its sidecar answer probes on the pod address and refuse callers without their tokens', async (t) => {
  t.timeout(180_000);
  const daprd = process.env['ROOMSTAY_DAPRD'];
  if (!daprd) throw new Error('ROOMSTAY_DAPRD is not set: run these tests with `npm run test:k8s`');
  if (process.getuid?.() !== 0) throw new Error('a network namespace of its own needs root (ip netns)');

  const { objects } = await rendered();
  const pod = (await injectedPods()).find((p) => p.metadata.name === `${app}-validation`);
  const [appContainer, sidecar] = [
    pod?.spec.containers.find((c) => c.name === app),
    pod?.spec.containers.find((c) => c.name === 'daprd'),
  ];
  if (!appContainer || !sidecar) throw new Error(`no ${app} pod with its sidecar`);

  const dir = await mkdtemp(join(tmpdir(), 'roomstay-pod-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  // Teardowns run last first: the pod's processes stop before their folder goes.
  const network = await PodNetwork.create();
  t.teardown(() => network.destroy());
  const podInfo = { name: `${app}-validation`, ip: network.podIp };

  // The sidecar as injected, but standalone: no control plane here, so its
  // components and Configuration are files (the rendered ones), and no Sentry,
  // so no mTLS (sidecar to sidecar is not what this pod shows).
  const resources = join(dir, 'resources');
  await mkdir(resources);
  const config = objects.find((o) => o.kind === 'Configuration') as K8sObject & { spec: Record<string, unknown> };
  const { mtls: _mtls, ...standaloneSpec } = config.spec;
  await writeFile(join(dir, 'config.json'), JSON.stringify({ ...config, spec: standaloneSpec }));
  const components = objects.filter(
    (o) =>
      ['Component', 'Resiliency'].includes(o.kind) &&
      (!('scopes' in o) || (o as { scopes: string[] }).scopes.includes(app)),
  );
  await writeFile(join(resources, 'resources.json'), asList(components));
  // The injected command line, less what needs the control plane (mode, its
  // address, Sentry's, mTLS), with the Configuration and components from files.
  const injected = sidecar.args?.slice(1) ?? [];
  const args: string[] = [];
  for (let i = 0; i < injected.length; i++) {
    const flag = injected[i] ?? '';
    if (['--mode', '--control-plane-address', '--sentry-address'].includes(flag)) i++;
    else if (flag === '--config') {
      args.push(flag, join(dir, 'config.json'));
      i++;
    } else if (flag !== '--enable-mtls') args.push(flag);
  }
  args.push('--resources-path', resources);
  const sidecarEnv = environment(sidecar, objects, podInfo);
  network.start(
    daprd,
    args,
    { PATH: process.env['PATH'] ?? '', ...sidecarEnv },
    { cwd: dir, log: join(dir, 'daprd.log') },
  );

  // The app as its container runs it (WORKDIR /app, node <args>, the image's NODE_ENV), its volume a folder here.
  const appEnv = environment(appContainer, objects, podInfo);
  appEnv['AUTH_DATA_DIR'] = join(dir, 'data');
  network.start(
    process.execPath,
    ['--enable-source-maps', ...(appContainer.args ?? [])],
    { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', ...appEnv },
    { cwd: repoRoot, log: join(dir, 'app.log') },
  );

  const appPort = Number(pod?.metadata.annotations?.['dapr.io/app-port']);
  const onPod = (port: number, path: string) => `http://${network.podIp}:${port}${path}`;
  await until(
    'the app answers its probe on the pod address',
    async () => (await statusFromNode(onPod(appPort, '/health'))) === 200,
  );
  await until(
    'the sidecar is healthy',
    async () => (await network.statusInside('http://127.0.0.1:3500/v1.0/healthz')) === 204,
  );

  // The kubelet's probes, from the node to the pod address.
  t.is(await statusFromNode(onPod(appPort, '/health')), 200, 'liveness');
  t.is(await statusFromNode(onPod(appPort, '/ready')), 200, 'readiness');
  // Anyone else at the app's port is refused without the app token, whatever they send.
  t.is(await statusFromNode(onPod(appPort, '/auth/jwks')), 401, 'no token');
  t.is(await statusFromNode(onPod(appPort, '/auth/jwks'), { 'dapr-api-token': 'guess' }), 401, 'a wrong token');
  // The sidecar's API listens on the pod's loopback only, and wants the API token there too.
  t.is(await statusFromNode(onPod(3500, '/v1.0/healthz')), 0, "the sidecar's API is not on the pod address");
  const invoke = `http://127.0.0.1:3500/v1.0/invoke/${app}/method/auth/jwks`;
  t.is(await network.statusInside(invoke), 401, 'the sidecar wants its API token');
  // With it, the sidecar reaches the app, presenting the app token the app requires.
  t.is(
    await network.statusInside(invoke, { 'dapr-api-token': appEnv['DAPR_API_TOKEN'] ?? '' }),
    200,
    'the path the design uses',
  );
});
