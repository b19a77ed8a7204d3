// Everything the stack keeps under .data/ is its owner's alone: every event
// (Kafka's log), the stores (Redis's append-only file, room.db, promotion's
// journal, PostgreSQL's cluster), the secrets and the logs. The launcher works
// with a umask of 077, which every process it spawns inherits (daprd, the apps,
// Kafka, Redis, PostgreSQL, Sentry, the test runners), so whatever they create
// is 0700 or 0600; .data itself is made 0700, and what an earlier run (or a
// release before this rule) left open to others is closed at each start.
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { warn } from '../lib/log.ts';
import { dataDir } from '../lib/paths.ts';

/** No permission for group or others on anything created from now on. */
export const privateUmask = 0o077;

const code = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

/** Takes group's and others' permissions off the path and everything under it (symbolic links are left alone). */
async function closeToOthers(path: string): Promise<void> {
  let stat;
  try {
    stat = await lstat(path);
  } catch (error) {
    if (code(error) === 'ENOENT') return; // gone meanwhile: nothing to close
    throw error;
  }
  if (stat.isSymbolicLink()) return;
  if (stat.mode & 0o077) {
    try {
      await chmod(path, stat.mode & 0o7700);
    } catch (error) {
      // A file of another account (left by a run as another user) stays as it is; say so.
      if (code(error) !== 'EPERM') throw error;
      warn('stack', `${path} is not yours and stays readable by others: remove it`);
    }
  }
  if (stat.isDirectory()) {
    for (const entry of await readdir(path).catch(() => [])) await closeToOthers(join(path, entry));
  }
}

/**
 * Sets the launcher's umask (inherited by every process it spawns from now
 * on), makes the data folder 0700 and closes what is in it to others.
 */
export async function keepDataPrivate(dir = dataDir): Promise<void> {
  process.umask(privateUmask);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await closeToOthers(dir);
}
