// The project's own workloads as k8s/ renders them (test/k8s/support/manifests.ts),
// moved into a test's namespace with the image built here. Unless asked for, no
// sidecar is injected (the pod's dapr.io/enabled says "false"): what runs is
// the app with the deployment's own strategy, probes, preStop, security context
// and Secrets, with nothing of Dapr's it would wait for.
import { rendered, type K8sObject, type Workload } from '../../k8s/support/manifests.ts';
import { appImage, must } from './node.ts';

type Rendering = readonly K8sObject[];

/**
 * The Deployment of `app` from k8s/ (or another rendering of it), in namespace `ns`, on the image
 * built here, with `replicas`; with its Dapr sidecar only if `sidecar`.
 */
export async function deploymentOf(
  app: string,
  ns: string,
  replicas: number,
  rendering?: Rendering,
  sidecar = false,
): Promise<Workload> {
  const deployment = await copyInto<Workload>('Deployment', app, ns, rendering);
  const spec = deployment.spec as {
    replicas?: number;
    template: {
      metadata: { annotations?: Record<string, string> };
      spec: { containers: { image: string; imagePullPolicy?: string }[] };
    };
  };
  spec.replicas = replicas;
  spec.template.metadata.annotations = { ...spec.template.metadata.annotations, 'dapr.io/enabled': String(sidecar) };
  for (const container of spec.template.spec.containers) {
    container.image = appImage();
    container.imagePullPolicy = 'Never';
  }
  return deployment;
}

/** The Secrets, the settings (ConfigMaps) and the ServiceAccount a workload of k8s/ refers to, in namespace `ns`. */
export async function dependenciesOf(app: string, ns: string, rendering?: Rendering): Promise<K8sObject[]> {
  return (rendering ?? (await rendered()).objects)
    .filter(
      (o) =>
        (o.kind === 'Secret' && o.metadata.name.startsWith(`${app}-`)) ||
        o.kind === 'ConfigMap' ||
        (o.kind === 'ServiceAccount' && o.metadata.name === app),
    )
    .map((o) => ({ ...structuredClone(o), metadata: { ...o.metadata, namespace: ns } }));
}

/** A ClusterIP Service in front of `app`'s pods on their `http` port; answers its address. */
export async function serviceFor(app: string, ns: string): Promise<string> {
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app, namespace: ns },
    spec: { selector: { app }, ports: [{ port: 80, targetPort: 'http' }] },
  };
  await must(['apply', '-f', '-'], JSON.stringify(service));
  return (await must(['-n', ns, 'get', 'service', app, '-o', 'jsonpath={.spec.clusterIP}'])).trim();
}

/** Applies objects (as one JSON List: kubectl reads YAML 1.1). */
export async function apply(objects: readonly object[]): Promise<void> {
  await must(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
}

export interface Autoscaler extends K8sObject {
  spec: { minReplicas: number; maxReplicas: number; scaleTargetRef: { name: string } };
}

/** The HorizontalPodAutoscaler of `app` from k8s/, in namespace `ns`. */
export function autoscalerOf(app: string, ns: string): Promise<Autoscaler> {
  return copyInto<Autoscaler>('HorizontalPodAutoscaler', app, ns);
}

/** A copy of the object of `kind` named `name` that k8s/ (or another rendering of it) renders, moved into namespace `ns`. */
async function copyInto<T extends K8sObject>(
  kind: string,
  name: string,
  ns: string,
  rendering?: Rendering,
): Promise<T> {
  const found = (rendering ?? (await rendered()).objects).find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`k8s/ renders no ${kind} ${name}`);
  const copy = structuredClone(found) as T;
  copy.metadata.namespace = ns;
  return copy;
}
