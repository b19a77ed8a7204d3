import test from 'ava';
import { rendered, type K8sObject } from './support/manifests.ts';

interface Selector {
  matchLabels?: Record<string, string>;
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: unknown;
}
interface NetworkPolicy extends K8sObject {
  spec: {
    podSelector: Selector;
    policyTypes: string[];
    ingress?: { from?: Peer[]; ports?: { port: number }[] }[];
  };
}
interface Ingress extends K8sObject {
  spec: { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] };
}
interface Service extends K8sObject {
  spec: { type?: string; selector: Record<string, string> };
}

test('outside traffic reaches the gateway alone; every other path is denied unless a policy opens it', async (t) => {
  const { objects } = await rendered();
  const ingresses = objects.filter((o): o is Ingress => o.kind === 'Ingress');
  t.is(ingresses.length, 1);
  const backends = ingresses.flatMap((i) =>
    i.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name)),
  );
  t.deepEqual([...new Set(backends)], ['gateway']);
  // No Service is exposed beyond the cluster: the Ingress is the one way in.
  for (const s of objects.filter((o): o is Service => o.kind === 'Service')) {
    t.true(s.spec.type === undefined || s.spec.type === 'ClusterIP', s.metadata.name);
  }
  const policies = objects.filter((o): o is NetworkPolicy => o.kind === 'NetworkPolicy');
  const denyAll = policies.find(
    (p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !('egress' in p.spec),
  );
  t.deepEqual(denyAll?.spec.policyTypes.sort(), ['Egress', 'Ingress'], 'everything is denied by default');
  // Only the gateway admits peers from another namespace (the ingress controller), and only on its port.
  for (const p of policies) {
    for (const rule of p.spec.ingress ?? []) {
      if (!(rule.from ?? []).some((peer) => peer.namespaceSelector || peer.ipBlock)) continue;
      t.deepEqual(p.spec.podSelector.matchLabels, { app: 'gateway' }, p.metadata.name);
      t.deepEqual(
        rule.ports?.map((x) => x.port),
        [8080],
        p.metadata.name,
      );
    }
  }
});
