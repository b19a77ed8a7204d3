// The environment of the `k8s` test suite (test/k8s): the tools provisioned,
// an API server started on loopback, the CRDs the manifests use installed in
// it. The tests render the kustomization and ask the server to judge it.
import { say } from '../lib/log.ts';
import { ApiServer } from './cluster.ts';
import { provisionKubernetes } from './provision.ts';

export interface Validation {
  /** Variables for the test processes: where the server and the tools are. */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startValidation(): Promise<Validation> {
  const tools = await provisionKubernetes();
  let started = Date.now();
  const server = await ApiServer.start(tools);
  say('k8s', `etcd and kube-apiserver up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  try {
    started = Date.now();
    for (const file of tools.crds) {
      // Server-side: Strimzi's Kafka CRD is larger than client-side apply's annotation may be.
      const result = await server.kubectl(['apply', '--server-side', '-f', file]);
      if (result.code !== 0) throw new Error(`installing ${file}: ${result.stderr}`);
    }
    const established = await server.kubectl([
      'wait',
      '--for=condition=Established',
      'customresourcedefinitions',
      '--all',
      '--timeout=60s',
    ]);
    if (established.code !== 0) throw new Error(`CRDs not established: ${established.stderr}`);
    say('k8s', `${tools.crds.length} CRDs installed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    env: {
      ROOMSTAY_KUBECONFIG: server.kubeconfig,
      ROOMSTAY_KUBECTL: tools.kubectl,
      ROOMSTAY_DAPR_INJECT: tools.daprInject,
      ROOMSTAY_DAPRD: tools.daprd,
    },
    stop: () => server.stop(),
  };
}
