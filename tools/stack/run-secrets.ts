// What `dapr run -f .` cannot give each process itself: the Dapr CLI passes one
// environment to every daprd of a run file, and a run file's `env` is plain
// text. So each app's secrets are written here, one file for its sidecar and
// one for the app, readable by their owner only, and the run file starts every
// daprd and app through a wrapper (tools/dapr-cli) that reads its own app's
// file and nothing else. The launcher gives the same values to the processes it
// starts (apps.ts), from the same functions.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appSecretEnv, sidecarEnv, type Credentials } from './apps.ts';
import { secretsDir } from './secrets.ts';

export const runSecretsDir = join(secretsDir, 'run');

/** `KEY='value'` lines a POSIX shell reads back with `.` (values may span lines: the trust anchors do). */
function shellEnv(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([key, value]) => `${key}='${value.replaceAll("'", `'\\''`)}'`)
    .join('\n')
    .concat('\n');
}

export async function writeRunSecrets(appIds: readonly string[], credentials: (appId: string) => Credentials) {
  await rm(runSecretsDir, { recursive: true, force: true });
  await mkdir(runSecretsDir, { recursive: true, mode: 0o700 });
  for (const appId of appIds) {
    const own = credentials(appId);
    await writeFile(join(runSecretsDir, `${appId}.sidecar.env`), shellEnv(sidecarEnv(appId, own)), { mode: 0o600 });
    await writeFile(join(runSecretsDir, `${appId}.app.env`), shellEnv(appSecretEnv(appId, own)), { mode: 0o600 });
  }
}

/** Nothing of a run's secrets outlives the infrastructure it was written for. */
export const removeRunSecrets = (): Promise<void> => rm(runSecretsDir, { recursive: true, force: true });
