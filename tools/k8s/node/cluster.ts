// The environment of the `cluster` test suite (test/cluster): the node's tools
// provisioned, the images built, the node started with them loaded, its DNS,
// metrics-server and Dapr's control plane installed. The tests reach the node
// by entering its namespaces (test/cluster/support/node.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinnedGoModule, timed } from '../../provision.ts';
import { installAddons } from './addons.ts';
import { daprImages, installDapr, provisionDapr } from './dapr.ts';
import { ImageBuilder } from './images.ts';
import { ClusterNode } from './node.ts';
import { provisionNode } from './provision.ts';
import { clusterFigures } from './report.ts';

export interface Cluster {
  /** Variables for the test processes: how to enter the node and what runs on it. */
  env: Record<string, string>;
  /** Seconds each step took: provisioning, the images, the node, loading the images. */
  timings: Record<string, number>;
  stop: () => Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await timed(name, work());
    timings[name] = (Date.now() - started) / 1000;
    return result;
  };
  const tools = await step('provisioning', provisionNode);
  const dapr = await step('dapr builds', provisionDapr);
  const builder = await ImageBuilder.create(tools);
  const archives = await mkdtemp(join(tmpdir(), 'roomstay-images-'));
  try {
    const [pause, coredns, metricsServer, app, daprs] = await step(
      'images',
      async () =>
        [
          await builder.pause(),
          await builder.binary(
            `roomstay.local/coredns:${await pinnedGoModule('coredns', 'github.com/coredns/coredns')}`,
            tools.coredns,
            ['/coredns'],
          ),
          await builder.binary(
            `roomstay.local/metrics-server:${await pinnedGoModule('metrics-server', 'sigs.k8s.io/metrics-server')}`,
            tools.metricsServer,
            ['/metrics-server'],
          ),
          await builder.app(),
          await daprImages(builder, dapr),
        ] as const,
    );
    const files = await step('image archives', () =>
      Promise.all([pause, coredns, metricsServer, app, ...daprs].map((ref) => builder.archive(ref, archives))),
    );
    const node = await step('node', () => ClusterNode.start(tools));
    try {
      await step('images into the node', async () => {
        for (const file of files) await node.importImage(file);
      });
      await step('cluster DNS and metrics', () => installAddons(node, { coredns, metricsServer }));
      await step('dapr control plane', () => installDapr(node, tools.helm, dapr));
    } catch (error) {
      await node.stop();
      throw error;
    }
    return {
      env: {
        ROOMSTAY_NODE_HOLDER: String(node.holder),
        ROOMSTAY_NODE_KUBECONFIG: node.pki.kubeconfig.admin,
        ROOMSTAY_NODE_KUBECTL: tools.kubectl,
        ROOMSTAY_NODE_CGROUP: node.cgroup,
        ROOMSTAY_NODE_CTR: tools.ctr,
        ROOMSTAY_NODE_CONTAINERD: node.containerdSocket,
        ROOMSTAY_APP_IMAGE: app,
        // For rendering k8s/ (test/k8s/support/manifests.ts): kubectl kustomize needs no server.
        ROOMSTAY_KUBECTL: tools.kubectl,
        ROOMSTAY_KUBECONFIG: '/dev/null',
        ROOMSTAY_CLUSTER_FIGURES: clusterFigures,
      },
      timings,
      stop: () => node.stop(),
    };
  } finally {
    await rm(archives, { recursive: true, force: true });
    await builder.close();
  }
}
