// Provisions the runtime the stack needs from package registries only: daprd and
// Dapr Sentry built from the Go module proxy at one pinned Dapr release, Kafka jars from
// Maven Central, Redis and PostgreSQL from Debian packages. Every step is
// idempotent and cached per machine; what a user already has (`dapr init`, a
// system Redis or PostgreSQL binary) is used as it is.
import { access, constants, cp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { capture, run, which } from './lib/exec.ts';
import { say } from './lib/log.ts';
import { daprBinDir, machineCache, repoRoot } from './lib/paths.ts';

const provisionDir = join(repoRoot, 'tools', 'provision');

export interface Runtime {
  daprd: string;
  sentry: string;
  /** The Dapr CLI (`dapr list`, `dapr run -f .`); the stack itself never needs it. */
  daprCli: string;
  kafkaLibs: string;
  redisServer: string;
  postgresBin: string;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The version a module in tools/provision pins: `github.com/dapr/dapr v1.18.3`. */
export async function pinnedGoModule(dir: string, module: string): Promise<string> {
  const goMod = await readFile(join(provisionDir, dir, 'go.mod'), 'utf8');
  const match = new RegExp(`^\\s*${module.replaceAll('.', '\\.')} (v[^\\s]+)`, 'm').exec(goMod);
  if (!match?.[1]) throw new Error(`tools/provision/${dir}/go.mod does not require ${module}`);
  return match[1];
}

async function goDirective(dir: string): Promise<string> {
  const goMod = await readFile(join(provisionDir, dir, 'go.mod'), 'utf8');
  return /^go (\S+)/m.exec(goMod)?.[1] ?? '0';
}

function versionAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map(Number);
  const b = need.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export async function requireGo(dir: string): Promise<void> {
  const need = await goDirective(dir);
  const { code, stdout } = await capture('go', ['env', 'GOVERSION']);
  const have = stdout.trim().replace(/^go/, '');
  if (code !== 0) throw new Error('Go is needed to build the Dapr runtime and was not found on PATH');
  if (!versionAtLeast(have, need)) {
    throw new Error(`tools/provision/${dir} needs Go ${need}; this machine has ${have}`);
  }
}

/** Builds one Go command from a pinning module; prints a heartbeat while `go build` is silent. */
async function goBuild(
  dir: string,
  pkg: string,
  output: string,
  ldflags: string,
  tags: string[],
  env: Record<string, string> = {},
): Promise<void> {
  await requireGo(dir);
  await mkdir(daprBinDir, { recursive: true });
  const partial = `${output}.partial`;
  const started = Date.now();
  const heartbeat = setInterval(
    () => say('setup', `  still building ${pkg} (${Math.round((Date.now() - started) / 1000)}s)`),
    30_000,
  );
  try {
    await run(
      'go',
      [
        'build',
        '-trimpath',
        ...(tags.length ? ['-tags', tags.join(',')] : []),
        '-ldflags',
        ldflags,
        '-o',
        partial,
        pkg,
      ],
      { cwd: join(provisionDir, dir), env: { ...process.env, ...env, CGO_ENABLED: '0' } },
    );
  } finally {
    clearInterval(heartbeat);
  }
  await rename(partial, output);
  say('setup', `  built ${output} in ${Math.round((Date.now() - started) / 1000)}s`);
}

async function findInstalled(name: string): Promise<string | undefined> {
  const onPath = await which(name);
  if (onPath) return onPath;
  const inDaprHome = join(daprBinDir, name);
  return (await isExecutable(inDaprHome)) ? inDaprHome : undefined;
}

/** Version ldflags, so `daprd --version` and the logs name the release, not "edge". */
export async function daprLdflags(): Promise<string> {
  const pinned = await pinnedGoModule('daprd', 'github.com/dapr/dapr');
  const bare = pinned.replace(/^v/, '');
  return [
    '-s -w',
    `-X github.com/dapr/dapr/pkg/buildinfo.version=${bare}`,
    `-X github.com/dapr/dapr/pkg/buildinfo.gitversion=${pinned}`,
    `-X github.com/dapr/kit/logger.DaprVersion=${bare}`,
  ].join(' ');
}

/**
 * Dapr's component registry package panics at start in a build with neither of
 * its flavour tags (cmd/daprd/components/zz_notag.go, "a more user-friendly
 * error" for a build that forgot them). The project's build registers its
 * components itself, so it builds from a copy of the pinned release's source
 * with that file emptied: a Go workspace (GOWORK, under the machine cache)
 * replaces the module with the copy. Answers the environment for `go build`.
 */
async function withoutFlavourGuard(): Promise<Record<string, string>> {
  const daprdDir = join(provisionDir, 'daprd');
  const { stdout } = await capture('go', ['mod', 'download', '-json', 'github.com/dapr/dapr'], { cwd: daprdDir });
  const { Dir: dir, Version: version } = JSON.parse(stdout) as { Dir?: string; Version?: string };
  if (!dir || !version) throw new Error('go mod download found no source of github.com/dapr/dapr');
  const copy = join(machineCache, `dapr-${version}-src`);
  if (!existsSync(join(copy, 'go.mod'))) {
    await rm(copy, { recursive: true, force: true });
    await cp(dir, copy, { recursive: true });
    await run('chmod', ['-R', 'u+w', copy]);
    await writeFile(
      join(copy, 'cmd', 'daprd', 'components', 'zz_notag.go'),
      '// The project registers its components itself (tools/provision/daprd/main.go).\npackage components\n',
    );
  }
  const goVersion = /^go (\S+)$/m.exec(await readFile(join(daprdDir, 'go.mod'), 'utf8'))?.[1] ?? '1.26';
  const work = join(machineCache, 'daprd.go.work');
  await writeFile(work, `go ${goVersion}\n\nuse ${daprdDir}\n\nreplace github.com/dapr/dapr ${version} => ${copy}\n`);
  return { GOWORK: work };
}

/** What the project's Dapr binaries are built from: one built from another recipe is built again. */
export async function daprRecipe(files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) hash.update(await readFile(join(provisionDir, 'daprd', file)));
  hash.update(await daprLdflags());
  return hash.digest('hex');
}

/**
 * A Dapr binary in ~/.dapr/bin: one the user already has (`dapr init`, or on
 * PATH) wins; one the project built (its fingerprint beside it, the recipe's
 * hash) is used while the recipe is the same, and built again otherwise.
 */
async function ensureDaprBinary(
  name: 'daprd' | 'sentry' | 'dapr',
  recipe: string,
  build: (output: string) => Promise<void>,
): Promise<string> {
  const output = join(daprBinDir, name);
  const fingerprint = `${output}.roomstay`;
  const found = await findInstalled(name);
  const ours = found === output && existsSync(fingerprint);
  if (found && (!ours || (await readFile(fingerprint, 'utf8')).trim() === recipe)) {
    const { stdout } = await capture(found, ['--version']);
    say('setup', `${name} ${stdout.trim()}: ${found}`);
    return found;
  }
  await build(output);
  await writeFile(fingerprint, `${recipe}\n`);
  return output;
}

/** daprd: the runtime of the pinned release with only the components the project declares (tools/provision/daprd/main.go). */
export async function ensureDaprd(): Promise<string> {
  const recipe = await daprRecipe(['main.go', 'go.mod', 'go.sum']);
  return ensureDaprBinary('daprd', recipe, async (output) => {
    const pinned = await pinnedGoModule('daprd', 'github.com/dapr/dapr');
    say(
      'setup',
      `daprd: building ${pinned} with the project's components from the Go module proxy (first time only, ~5 min on 2 cores)`,
    );
    await goBuild('daprd', '.', output, await daprLdflags(), [], await withoutFlavourGuard());
  });
}

/** Dapr Sentry, the certificate authority behind mTLS between sidecars, from the same release as daprd. */
export async function ensureSentry(): Promise<string> {
  const recipe = await daprRecipe(['go.mod', 'go.sum']);
  return ensureDaprBinary('sentry', recipe, async (output) => {
    const pinned = await pinnedGoModule('daprd', 'github.com/dapr/dapr');
    say('setup', `sentry: building ${pinned} from the Go module proxy (first time only)`);
    await goBuild('daprd', 'github.com/dapr/dapr/cmd/sentry', output, await daprLdflags(), []);
  });
}

/**
 * The Dapr CLI at the release pinned in tools/provision/dapr-cli/go.mod, from
 * the Go module proxy, into ~/.dapr/bin/dapr; one the user has wins.
 */
export async function ensureDaprCli(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum']) hash.update(await readFile(join(provisionDir, 'dapr-cli', file)));
  return ensureDaprBinary('dapr', hash.digest('hex'), async (output) => {
    const pinned = await pinnedGoModule('dapr-cli', 'github.com/dapr/cli');
    say('setup', `dapr CLI: building ${pinned} from the Go module proxy (first time only, ~4 min on 2 cores)`);
    const bare = pinned.replace(/^v/, '');
    await goBuild(
      'dapr-cli',
      'github.com/dapr/cli',
      output,
      `-s -w -X main.version=${bare} -X main.apiVersion=1.0`,
      [],
    );
  });
}

export async function kafkaVersion(): Promise<string> {
  const pom = await readFile(join(provisionDir, 'kafka', 'pom.xml'), 'utf8');
  const version = /<artifactId>kafka_2\.13<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)?.[1];
  if (!version) throw new Error('tools/provision/kafka/pom.xml pins no kafka_2.13 version');
  return version;
}

export async function ensureKafka(): Promise<string> {
  const version = await kafkaVersion();
  const home = join(machineCache, `kafka-${version}`);
  const libs = join(home, 'libs');
  const complete = join(home, '.complete');
  if (existsSync(complete)) {
    say('setup', `kafka ${version}: ${libs}`);
    return libs;
  }
  if (!(await which('mvn'))) throw new Error('Maven (mvn) is needed to fetch the Kafka jars from Maven Central');
  say('setup', `kafka ${version}: fetching the broker jars from Maven Central`);
  await rm(libs, { recursive: true, force: true });
  await mkdir(libs, { recursive: true });
  await run('mvn', [
    '-B',
    '-q',
    '-f',
    join(provisionDir, 'kafka', 'pom.xml'),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${libs}`,
  ]);
  await writeFile(complete, `${new Date().toISOString()}\n`);
  say('setup', `kafka ${version}: ${(await readdir(libs)).length} jars in ${libs}`);
  return libs;
}

export async function aptInstall(packages: string[]): Promise<void> {
  const root = process.getuid?.() === 0;
  if (!root && !(await which('sudo'))) {
    throw new Error(`installing ${packages.join(' ')} needs root or sudo (Debian packages)`);
  }
  const apt = (args: string[]) =>
    root
      ? run('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      : run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]);
  const install = ['install', '-y', '-q', '--no-install-recommends', ...packages];
  say('setup', `apt-get ${install.join(' ')}`);
  try {
    await apt(install);
  } catch {
    say('setup', 'apt-get update (package lists were stale)');
    await apt(['update', '-q']);
    await apt(install);
  }
}

export async function ensureRedis(): Promise<string> {
  let server = await which('redis-server');
  if (!server) {
    say('setup', 'redis: installing from Debian packages');
    await aptInstall(['redis-server']);
    server = await which('redis-server');
  }
  if (!server) throw new Error('redis-server is still missing after apt-get install');
  const { stdout } = await capture(server, ['--version']);
  say('setup', `redis ${/v=(\S+)/.exec(stdout)?.[1] ?? '?'}: ${server}`);
  return server;
}

/**
 * Schemathesis in a virtual environment of its own (pinned in
 * tools/provision/schemathesis/requirements.txt); only the fuzzing test needs it.
 */
export async function ensureSchemathesis(): Promise<string> {
  const requirements = await readFile(join(provisionDir, 'schemathesis', 'requirements.txt'), 'utf8');
  const version = /^schemathesis==(\S+)/m.exec(requirements)?.[1];
  if (!version) throw new Error('tools/provision/schemathesis/requirements.txt pins no schemathesis version');
  const venv = join(machineCache, `schemathesis-${version}`);
  const st = join(venv, 'bin', 'st');
  if (existsSync(join(venv, '.complete'))) return st;
  const started = Date.now();
  say('setup', `schemathesis ${version}: installing from PyPI into ${venv} (tests only)`);
  await rm(venv, { recursive: true, force: true });
  await run('python3', ['-m', 'venv', venv]);
  await run(join(venv, 'bin', 'pip'), ['install', '-q', '-r', join(provisionDir, 'schemathesis', 'requirements.txt')]);
  await writeFile(join(venv, '.complete'), `${new Date().toISOString()}\n`);
  say('setup', `  schemathesis: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return st;
}

/** siege, the load tool the original used; only the benchmark needs it. */
export async function ensureSiege(): Promise<string> {
  let siege = await which('siege');
  if (!siege) {
    say('setup', 'siege: installing from Debian packages (benchmark only)');
    await aptInstall(['siege']);
    siege = await which('siege');
  }
  if (!siege) throw new Error('siege is still missing after apt-get install');
  return siege;
}

async function findPostgresBin(): Promise<string | undefined> {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = (await readdir(base)).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = join(base, v, 'bin');
      if ((await isExecutable(join(bin, 'postgres'))) && (await isExecutable(join(bin, 'initdb')))) return bin;
    }
  }
  const initdb = await which('initdb');
  return initdb ? join(initdb, '..') : undefined;
}

export async function ensurePostgres(): Promise<string> {
  let bin = await findPostgresBin();
  if (!bin) {
    say('setup', 'postgresql: installing from Debian packages');
    await aptInstall(['postgresql']);
    bin = await findPostgresBin();
  }
  if (!bin) throw new Error('PostgreSQL server binaries are still missing after apt-get install');
  const { stdout } = await capture(join(bin, 'postgres'), ['--version']);
  say('setup', `${stdout.trim()}: ${bin}`);
  return bin;
}

/** Prints how long one provisioning step took, so a cold start's time can be read step by step. */
export async function timed<T>(step: string, work: Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work;
  say('setup', `  ${step}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return result;
}

/** Everything, in an order that overlaps the slow Go builds with the rest. */
export async function provision(): Promise<Runtime> {
  const started = Date.now();
  // Package installs and the Maven fetch run while Go builds; the Go builds
  // (daprd, Sentry, the Dapr CLI) run one after the other so 2 cores are not split between two linkers.
  // apt-get runs one at a time too (dpkg holds a lock).
  const daprdBuilt = timed('daprd', ensureDaprd());
  const sentryBuilt = daprdBuilt.then(() => timed('sentry', ensureSentry()));
  const [daprd, sentry, daprCli, kafkaLibs, [redisServer, postgresBin]] = await Promise.all([
    daprdBuilt,
    sentryBuilt,
    sentryBuilt.then(() => timed('dapr CLI', ensureDaprCli())),
    timed('kafka', ensureKafka()),
    timed('redis', ensureRedis()).then(async (redis) => [redis, await timed('postgresql', ensurePostgres())] as const),
  ]);
  say('setup', `runtime ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return { daprd, sentry, daprCli, kafkaLibs, redisServer, postgresBin };
}
