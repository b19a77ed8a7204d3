// First step of `npm start`, `npm test` and `npm run setup`: installs node
// dependencies when they are missing or older than the lockfile, then builds
// the TypeScript workspaces. Plain JavaScript because nothing is installed yet.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[setup] ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

const installed = 'node_modules/.package-lock.json';
const stale =
  !existsSync(installed) ||
  (existsSync('package-lock.json') && statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs);
if (stale) {
  console.log('[setup] node dependencies: installing (npm ci)');
  run(
    'npm',
    existsSync('package-lock.json') ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'],
  );
}
console.log('[setup] TypeScript: building workspaces (tsc -b)');
run(process.execPath, ['node_modules/typescript/bin/tsc', '-b']);
