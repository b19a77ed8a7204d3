import test from 'ava';
import { injectedPods, rendered, workloads, type K8sObject, type PodSpec } from './support/manifests.ts';

interface Secret extends K8sObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface ConfigMap extends K8sObject {
  data?: Record<string, string>;
}

/** Everything a pod names: Secrets and ConfigMaps (with their keys), claims, its service account. */
function references(spec: PodSpec): { kind: string; name: string; key?: string }[] {
  const found: { kind: string; name: string; key?: string }[] = [];
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const e of c.env ?? []) {
      const s = e.valueFrom?.secretKeyRef;
      if (s) found.push({ kind: 'Secret', name: s.name, key: s.key });
      const m = e.valueFrom?.configMapKeyRef;
      if (m) found.push({ kind: 'ConfigMap', name: m.name, key: m.key });
    }
    for (const from of c.envFrom ?? []) {
      if (from.secretRef) found.push({ kind: 'Secret', name: from.secretRef.name });
      if (from.configMapRef) found.push({ kind: 'ConfigMap', name: from.configMapRef.name });
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.secret) found.push({ kind: 'Secret', name: v.secret.secretName });
    if (v.configMap) found.push({ kind: 'ConfigMap', name: v.configMap.name });
    if (v.persistentVolumeClaim) found.push({ kind: 'PersistentVolumeClaim', name: v.persistentVolumeClaim.claimName });
  }
  if (spec.serviceAccountName) found.push({ kind: 'ServiceAccount', name: spec.serviceAccountName });
  return found;
}

test('every Secret, key, ConfigMap, Service, claim and account the manifests name is among them', async (t) => {
  const { objects } = await rendered();
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const names = (kind: string) => new Set(byKind(kind).map((o) => o.metadata.name));
  const keysOf = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name) as Secret | ConfigMap | undefined;
    return new Set([
      ...Object.keys(found?.data ?? {}),
      ...Object.keys((found as Secret | undefined)?.stringData ?? {}),
    ]);
  };
  // Claims a StatefulSet makes for itself count as existing.
  const claims = names('PersistentVolumeClaim');
  for (const w of workloads(objects)) {
    for (const c of w.spec.volumeClaimTemplates ?? []) claims.add(`${c.metadata.name}-${w.metadata.name}-0`);
  }
  const exists = (kind: string, name: string) => (kind === 'PersistentVolumeClaim' ? claims : names(kind)).has(name);

  // Pods as they run: Dapr's annotations (tokens, env-from-secret) become the sidecar's secretKeyRefs.
  for (const pod of await injectedPods()) {
    for (const ref of references(pod.spec)) {
      const what = `${pod.metadata.name} -> ${ref.kind} ${ref.name}${ref.key ? `/${ref.key}` : ''}`;
      t.true(exists(ref.kind, ref.name), what);
      if (ref.key) t.true(keysOf(ref.kind, ref.name).has(ref.key), what);
    }
  }
  // Services: the Ingress's backends, each Service's pods, each StatefulSet's governing Service.
  interface Ingress extends K8sObject {
    spec: { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] };
  }
  for (const ingress of byKind('Ingress') as Ingress[]) {
    for (const path of ingress.spec.rules.flatMap((r) => r.http.paths)) {
      t.true(names('Service').has(path.backend.service.name), `Ingress -> Service ${path.backend.service.name}`);
    }
  }
  interface Service extends K8sObject {
    spec: { selector: Record<string, string> };
  }
  for (const service of byKind('Service') as Service[]) {
    const selects = workloads(objects).some((w) =>
      Object.entries(service.spec.selector).every(([k, v]) => w.spec.template.metadata.labels?.[k] === v),
    );
    t.true(selects, `Service ${service.metadata.name} selects pods of a workload`);
  }
  for (const w of workloads(objects).filter((x) => x.kind === 'StatefulSet')) {
    const serviceName = (w.spec as { serviceName?: string }).serviceName ?? '';
    t.true(names('Service').has(serviceName), `StatefulSet ${w.metadata.name} -> Service ${serviceName}`);
  }
  // Dapr: each app's Configuration, each component's secret store.
  for (const w of workloads(objects)) {
    const config = w.spec.template.metadata.annotations?.['dapr.io/config'];
    if (config) t.true(names('Configuration').has(config), `${w.metadata.name} -> Configuration ${config}`);
  }
  interface DaprComponent extends K8sObject {
    auth?: { secretStore?: string };
  }
  for (const component of byKind('Component') as DaprComponent[]) {
    const store = component.auth?.secretStore;
    if (store) t.true(names('Component').has(store), `${component.metadata.name} -> Component ${store}`);
  }
  // Strimzi: each user's password Secret and key.
  interface KafkaUser extends K8sObject {
    spec: { authentication: { password: { valueFrom: { secretKeyRef: { name: string; key: string } } } } };
  }
  for (const user of byKind('KafkaUser') as KafkaUser[]) {
    const ref = user.spec.authentication.password.valueFrom.secretKeyRef;
    t.true(keysOf('Secret', ref.name).has(ref.key), `KafkaUser ${user.metadata.name} -> Secret ${ref.name}/${ref.key}`);
  }
});
