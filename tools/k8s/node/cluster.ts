// The environment of the `cluster` test suite (test/cluster): the node's tools
// provisioned, the images built, the node started with them loaded. The tests
// reach the node by entering its namespaces (test/cluster/support/node.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { say } from '../../lib/log.ts';
import { timed } from '../../provision.ts';
import { ImageBuilder } from './images.ts';
import { ClusterNode } from './node.ts';
import { provisionNode } from './provision.ts';

export interface Cluster {
  /** Variables for the test processes: how to enter the node and what runs on it. */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const tools = await provisionNode();
  const builder = await ImageBuilder.create(tools);
  const archives = await mkdtemp(join(tmpdir(), 'roomstay-images-'));
  try {
    const [pause, app] = await timed('images', (async () => [await builder.pause(), await builder.app()] as const)());
    const files = await timed(
      'image archives',
      Promise.all([builder.archive(pause, archives), builder.archive(app, archives)]),
    );
    const node = await ClusterNode.start(tools);
    try {
      const started = Date.now();
      for (const file of files) await node.importImage(file);
      say('k8s', `images loaded into the node in ${((Date.now() - started) / 1000).toFixed(1)}s`);
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
        ROOMSTAY_APP_IMAGE: app,
      },
      stop: () => node.stop(),
    };
  } finally {
    await rm(archives, { recursive: true, force: true });
    await builder.close();
  }
}
