// The images the node runs, built here with buildah (Debian's), never pulled:
// - the app image from the project's own Dockerfile, unmodified, over a stand-in
//   for its base `node:<version>-bookworm-slim` made from Debian (mmdebstrap,
//   minbase) with the Node.js release of tools/node.mjs and npm from the npm
//   registry, and the machine's CA bundle (the registries are reached through it);
// - the pause image every pod's sandbox runs: Debian's catatonit alone; the
//   cluster's DNS: the CoreDNS built here alone.
// buildah keeps its layers in the machine cache (a rebuild of unchanged sources
// is a cache hit) and runs in a mount namespace of its own, so no mount it makes
// outlives it. Images reach the node as OCI archives (ClusterNode.importImage).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debianMirrors } from '../../lib/debian.ts';
import { capture, which } from '../../lib/exec.ts';
import { say } from '../../lib/log.ts';
import { machineCache, repoRoot } from '../../lib/paths.ts';
import { aptInstall } from '../../provision.ts';
import { pauseImage } from './config.ts';
import { borrowMountPoints } from './host.ts';
import type { NodeTools } from './provision.ts';

const nodeVersion = process.versions.node;
const npmVersion = '11.19.1';
const baseImage = `docker.io/library/node:${nodeVersion}-bookworm-slim`;
/** What the Dockerfile copies, and itself: a change to any of them is a new app image. */
const appSources = [
  'Dockerfile',
  '.dockerignore',
  'package.json',
  'package-lock.json',
  'tsconfig*.json',
  'packages',
  'services',
];

/**
 * What buildah writes at fixed paths whatever it is told (its blob cache, its network's lock, runc's
 * state): each a tmpfs in buildah's mount namespace, the mount point made for the run if missing.
 */
const borrowedByBuildah = ['/var/lib/containers', '/etc/cni', '/run/runc'];

export class ImageBuilder {
  private constructor(
    private readonly tools: NodeTools,
    private readonly runroot: string,
    /** The mount points made for the run (the topmost folder of each): removed at close. */
    private readonly made: readonly string[],
  ) {}

  static async create(tools: NodeTools): Promise<ImageBuilder> {
    await mkdir(join(machineCache, 'images'), { recursive: true });
    const made = await borrowMountPoints(borrowedByBuildah);
    const builder = new ImageBuilder(tools, await mkdtemp(join(tmpdir(), 'roomstay-buildah-')), made);
    // A build that failed half-way leaves its working container: none is needed across runs.
    await builder.buildah(['rm', '--all']);
    return builder;
  }

  private async buildah(args: readonly string[], cwd = repoRoot): Promise<string> {
    const { tools } = this;
    const result = await capture(
      'unshare',
      [
        ...['--mount', '--propagation', 'private', '--', 'sh', '-ec'],
        [...borrowedByBuildah.map((path) => `mount -t tmpfs roomstay-buildah ${path}`), 'exec "$0" "$@"'].join('\n'),
        tools.buildah,
        ...['--root', join(machineCache, 'images', 'storage'), '--runroot', this.runroot],
        ...['--storage-driver', 'overlay'],
        ...args,
      ],
      {
        cwd,
        env: {
          ...process.env,
          ...tools.env,
          CONTAINERS_REGISTRIES_CONF: tools.registriesConf,
          // RUN steps in runc (buildah's chroot mode re-executes itself without the unpacked libraries).
          BUILDAH_ISOLATION: 'oci',
          BUILDAH_RUNTIME: tools.runc,
        },
      },
    );
    if (result.code !== 0) throw new Error(`buildah ${args.join(' ')}: ${result.stderr.trim().slice(-3000)}`);
    return result.stdout.trim();
  }

  private async has(ref: string): Promise<boolean> {
    return this.buildah(['inspect', '--type', 'image', ref]).then(
      () => true,
      () => false,
    );
  }

  private policy(): string[] {
    return ['--signature-policy', this.tools.signaturePolicy];
  }

  /** An image of one static binary and nothing else, run as an unprivileged user. */
  async binary(ref: string, file: string, entrypoint: readonly string[]): Promise<string> {
    if (await this.has(ref)) return ref;
    const container = await this.buildah(['from', ...this.policy(), 'scratch']);
    await this.buildah(['copy', container, file, entrypoint[0] ?? '/']);
    await this.buildah(['config', '--entrypoint', JSON.stringify(entrypoint), '--user', '65535:65535', container]);
    await this.buildah(['commit', ...this.policy(), '--rm', container, ref]);
    say('k8s', `image ${ref}: built`);
    return ref;
  }

  /** The pause image: catatonit as PID 1 of the sandbox, reaping its zombies. */
  pause(): Promise<string> {
    return this.binary(pauseImage, this.tools.catatonit, ['/pause', '-P']);
  }

  /** The Dockerfile's base: Debian bookworm (minbase) with this Node.js, npm, a `node` user (1000). */
  private async base(): Promise<void> {
    if (await this.has(baseImage)) return;
    const started = Date.now();
    const scratch = await mkdtemp(join(tmpdir(), 'roomstay-base-'));
    try {
      const rootfs = join(scratch, 'rootfs.tar');
      if (!(await which('mmdebstrap'))) await aptInstall(['mmdebstrap']);
      const debootstrap = await capture('mmdebstrap', [
        ...['--variant=minbase', '--include=ca-certificates', '--mode=root', '--quiet'],
        ...['bookworm', rootfs, ...debianMirrors],
      ]);
      if (debootstrap.code !== 0) throw new Error(`mmdebstrap: ${debootstrap.stderr.trim().slice(-2000)}`);
      const npm = await capture('npm', ['pack', '--silent', `npm@${npmVersion}`, '--pack-destination', scratch]);
      if (npm.code !== 0) throw new Error(`npm pack npm@${npmVersion}: ${npm.stderr}`);
      const container = await this.buildah(['from', ...this.policy(), 'scratch']);
      await this.buildah(['add', container, rootfs, '/']);
      await this.buildah(['copy', container, process.execPath, '/usr/local/bin/node']);
      await this.buildah(['add', container, join(scratch, `npm-${npmVersion}.tgz`), '/usr/local/lib/node_modules/']);
      await this.buildah(['copy', container, '/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/']);
      await this.buildah([
        ...['run', '--network', 'host', '--cni-config-dir', join(this.runroot, 'cni'), container, '--', 'sh', '-ec'],
        [
          'mv /usr/local/lib/node_modules/package /usr/local/lib/node_modules/npm',
          'ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm',
          'ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx',
          'groupadd --gid 1000 node',
          'useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
          'node --version && npm --version',
        ].join('\n'),
      ]);
      await this.buildah([
        ...['config', '--env', `NODE_VERSION=${nodeVersion}`],
        ...['--env', 'NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt', '--cmd', 'node', container],
      ]);
      await this.buildah(['commit', ...this.policy(), '--rm', container, baseImage]);
      say('k8s', `image ${baseImage}: built from Debian in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** The app image of the working tree, from the Dockerfile, tagged with a digest of what it is built from. */
  async app(): Promise<string> {
    const ref = `roomstay.local/roomstay:${await sourcesDigest()}`;
    if (await this.has(ref)) return ref;
    await this.base();
    const started = Date.now();
    await this.buildah([
      ...['bud', ...this.policy(), '--pull=never', '--network', 'host', '--cni-config-dir', join(this.runroot, 'cni')],
      '--layers',
      ...['-t', ref, '-f', 'Dockerfile', '.'],
    ]);
    say('k8s', `image ${ref}: built from the Dockerfile in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return ref;
  }

  /** The image as an OCI archive in `dir` (uncompressed: it only crosses to the node's containerd). */
  async archive(ref: string, dir: string): Promise<string> {
    const file = join(dir, `${ref.replace(/[^\w.-]/g, '_')}.tar`);
    if (!existsSync(file))
      await this.buildah(['push', ...this.policy(), '--disable-compression', ref, `oci-archive:${file}:${ref}`]);
    return file;
  }

  async close(): Promise<void> {
    await rm(this.runroot, { recursive: true, force: true });
    for (const top of this.made) await rm(top, { recursive: true, force: true });
  }
}

/** A digest of the app image's sources as they are in the working tree (committed or not). */
async function sourcesDigest(): Promise<string> {
  const files = await capture('git', ['ls-files', '-s', '--', ...appSources], { cwd: repoRoot });
  const changes = await capture('git', ['diff', 'HEAD', '--', ...appSources], { cwd: repoRoot });
  const untracked = await capture('git', ['ls-files', '--others', '--exclude-standard', '--', ...appSources], {
    cwd: repoRoot,
  });
  return createHash('sha256')
    .update(files.stdout)
    .update(changes.stdout)
    .update(untracked.stdout)
    .digest('hex')
    .slice(0, 12);
}
