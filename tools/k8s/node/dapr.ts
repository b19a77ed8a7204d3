// Dapr on the node as a cluster's operator installs it: the control plane
// (operator, sidecar injector, Sentry) of the pinned Dapr module
// (tools/provision/daprd), installed by Helm (its pinned release,
// tools/provision/helm) from that module's own chart, mTLS on. The sidecar the
// injector adds is the project's daprd: its components, plus the name
// resolution a sidecar on Kubernetes uses. Actors and the scheduler are off:
// the project uses neither, so no placement and no scheduler's etcd.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { say } from '../../lib/log.ts';
import { machineCache } from '../../lib/paths.ts';
import { daprLdflags, daprRecipe, ensureDaprd, ensureSentry, pinnedGoModule } from '../../provision.ts';
import { daprModuleDir, goBuild } from '../provision.ts';
import type { ImageBuilder } from './images.ts';
import type { ClusterNode } from './node.ts';

export interface DaprTools {
  /**
   * The images' tag, one for all as the chart names them: the release without its "v", and the
   * recipe the binaries were built from, so that a changed daprd is a new image, never a stale one.
   */
  tag: string;
  operator: string;
  injector: string;
  sentry: string;
  daprd: string;
  /** The chart in the pinned module's source (charts/dapr). */
  chart: string;
}

export const daprNamespace = 'dapr-system';
const registry = 'roomstay.local/dapr';

/** The control plane's commands built once per machine (and again when the recipe changes), daprd and Sentry as the local stack has them. */
export async function provisionDapr(): Promise<DaprTools> {
  const pinned = await pinnedGoModule('daprd', 'github.com/dapr/dapr');
  const out = join(machineCache, `dapr-control-plane-${(await daprRecipe(['go.mod', 'go.sum'])).slice(0, 12)}`);
  if (!existsSync(join(out, '.complete'))) {
    say(
      'k8s',
      `dapr ${pinned}: building the operator and the sidecar injector from the Go module proxy (first time only)`,
    );
    await goBuild(
      'daprd',
      ['github.com/dapr/dapr/cmd/operator', 'github.com/dapr/dapr/cmd/injector'],
      out,
      await daprLdflags(),
    );
    await writeFile(join(out, '.complete'), `${new Date().toISOString()}\n`);
  }
  return {
    tag: `${pinned.replace(/^v/, '')}-${(await daprRecipe(['main.go', 'go.mod', 'go.sum'])).slice(0, 12)}`,
    operator: join(out, 'operator'),
    injector: join(out, 'injector'),
    sentry: await ensureSentry(),
    daprd: await ensureDaprd(),
    chart: join(await daprModuleDir(), 'charts', 'dapr'),
  };
}

/** The images the chart names (`<registry>/<name>:<tag>`): each the static binary alone. */
export async function daprImages(builder: ImageBuilder, dapr: DaprTools): Promise<string[]> {
  const images: string[] = [];
  for (const name of ['operator', 'injector', 'sentry', 'daprd'] as const) {
    images.push(await builder.binary(`${registry}/${name}:${dapr.tag}`, dapr[name], [`/${name}`]));
  }
  return images;
}

/** `helm install` of the module's chart, as README's "On a real cluster" does with the published one, but for images built here. */
export async function installDapr(node: ClusterNode, helm: string, dapr: DaprTools): Promise<void> {
  const settings = {
    'global.registry': registry,
    'global.tag': dapr.tag,
    'global.imagePullPolicy': 'Never',
    'global.mtls.enabled': 'true',
    'global.actors.enabled': 'false',
    'global.scheduler.enabled': 'false',
    'dapr_sidecar_injector.sidecarImagePullPolicy': 'Never',
    // Pod Security "restricted" admits no container that keeps a capability.
    'dapr_sidecar_injector.sidecarDropALLCapabilities': 'true',
  };
  const installed = await node.inside(
    helm,
    [
      ...['install', 'dapr', dapr.chart, '--namespace', daprNamespace, '--create-namespace'],
      ...['--kubeconfig', node.pki.kubeconfig.admin, '--wait', '--timeout', '5m'],
      ...Object.entries(settings).flatMap(([key, value]) => ['--set', `${key}=${value}`]),
    ],
    undefined,
    // Helm's cache and settings stay in the run's folder.
    Object.fromEntries(
      ['HELM_CACHE_HOME', 'HELM_CONFIG_HOME', 'HELM_DATA_HOME'].map((name) => [name, join(node.dir, 'helm')]),
    ),
  );
  if (installed.code !== 0) throw new Error(`helm install dapr: ${installed.stderr.trim()}\n${installed.stdout}`);
}
