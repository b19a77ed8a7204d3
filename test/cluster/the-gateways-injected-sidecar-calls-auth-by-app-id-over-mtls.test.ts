// Dapr on the node as production runs it: Dapr's control plane (installed by
// Helm from the pinned module's chart) injects each app's sidecar as k8s/
// annotates it, Sentry gives every sidecar its identity, and the gateway's
// sidecar calls auth's by app id over mutual TLS, as the project's
// Configuration (access control, deny by default) allows the gateway. The
// Configuration moves into the test's namespace with the apps: its policies
// name the namespace each caller runs in.
import test from 'ava';
import { rendered, type K8sObject } from '../k8s/support/manifests.ts';
import { figure } from './support/report.ts';
import { getOnceReachable, must, namespace } from './support/node.ts';
import { apply, dependenciesOf, deploymentOf, serviceFor } from './support/workloads.ts';

interface Policies {
  spec: { accessControl?: { policies?: { namespace?: string }[] } };
}

interface PodList {
  items: {
    metadata: { labels: Record<string, string> };
    spec: { containers: { name: string }[] };
    status: { containerStatuses?: { name: string; ready: boolean }[] };
  }[];
}

test("the gateway's injected sidecar calls auth's by app id over mutual TLS, as access control allows", async (t) => {
  const ns = await namespace(t);
  const { objects } = await rendered();
  const configuration = objects.filter((o) => o.kind === 'Configuration' || o.kind === 'Resiliency');
  const moved = configuration.map((o) => {
    const copy = structuredClone(o) as K8sObject & Policies;
    copy.metadata.namespace = ns;
    for (const policy of copy.spec.accessControl?.policies ?? []) policy.namespace = ns;
    return copy;
  });
  t.true(
    moved.some((o) => o.kind === 'Configuration'),
    'k8s/ renders the Configuration the sidecars are annotated with',
  );
  const started = Date.now();
  await apply([
    ...moved,
    ...(await dependenciesOf('auth', ns)),
    ...(await dependenciesOf('gateway', ns)),
    await deploymentOf('auth', ns, 1, undefined, true),
    await deploymentOf('gateway', ns, 1, undefined, true),
  ]);
  const gateway = await serviceFor('gateway', ns);
  for (const app of ['auth', 'gateway']) {
    await must(['-n', ns, 'rollout', 'status', `deployment/${app}`, '--timeout=240s']);
  }
  const readyInMs = Date.now() - started;

  const pods = JSON.parse(await must(['-n', ns, 'get', 'pods', '-o', 'json'])) as PodList;
  t.deepEqual(
    pods.items.map((p) => `${p.metadata.labels['app']}: ${p.spec.containers.map((c) => c.name).join(', ')}`).sort(),
    ['auth: auth, daprd', 'gateway: gateway, daprd'],
    'each app runs with the sidecar the injector added',
  );
  // gateway → its sidecar → (mTLS, Sentry's certificates) → auth's sidecar → auth.
  const jwks = await getOnceReachable(`http://${gateway}/auth/jwks`, 60_000);
  t.is(jwks.status, 200, jwks.body);
  const keys = (JSON.parse(jwks.body) as { keys?: unknown[] }).keys ?? [];
  t.true(keys.length > 0, "auth's signing keys, through the gateway's sidecar");
  const log = await must(['-n', ns, 'logs', 'deployment/gateway', '-c', 'daprd']);
  // Its workload certificate, from Sentry, names it (SPIFFE ID) to auth's sidecar.
  t.regex(
    log,
    /Starting workload identity expiry watcher; cert expires on/,
    "the gateway's sidecar has its identity from Sentry",
  );

  await figure(
    t,
    `gateway and auth, sidecars injected by Dapr's control plane (Helm, the module's chart), ready in ${(readyInMs / 1000).toFixed(0)} s; auth's JWKS through the gateway's sidecar over mTLS: ${keys.length} keys`,
    { readyInMs, keys: keys.length },
  );
});
