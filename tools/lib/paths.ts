import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root; every project path is derived from it at run time. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Runtime data of this checkout (Kafka log dirs, database files, logs); gitignored. */
export const dataDir = join(repoRoot, '.data');
export const logDir = join(dataDir, 'logs');
export const runDir = join(dataDir, 'run');

/** Per-machine cache shared by every checkout: downloaded jars, build scratch. */
export const machineCache = join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'roomstay');

/** Where `dapr init` puts daprd and where the Dapr CLI looks for it. */
export const daprBinDir = join(homedir(), '.dapr', 'bin');
