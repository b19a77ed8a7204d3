// Local readers: under .data are every event (Kafka's log), Redis's
// append-only file, promotion's journal, room.db, PostgreSQL's cluster, the
// secrets and every log. Issue 20 found them readable by every local user
// (.data/auth 0755, the files 0644). Walked here while the stack runs: nothing
// gives group or others any permission. One exception, when the launcher runs
// as root: PostgreSQL then runs as the postgres account, whose group (and only
// it) may enter .data itself (search, not list) to reach its own 0700 folder.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { refused } from './support/attacks.ts';

const data = fileURLToPath(new URL('../../.data', import.meta.url));

/** What the stack keeps there, for a walk that cannot pass by finding nothing. */
const kept = ['kafka', 'redis', 'postgres', 'promotion', 'room', 'auth', 'secrets', 'logs'];

const isGone = (error: unknown) => (error as { code?: unknown }).code === 'ENOENT';

test('no file or folder under .data can be read, written or entered by group or others', async (t) => {
  const root = await lstat(data);
  const postgres = await lstat(join(data, 'postgres'));
  const postgresPassesThrough = postgres.uid !== root.uid && root.gid === postgres.gid;

  const open: string[] = [];
  let walked = 0;
  const walk = async (path: string): Promise<void> => {
    // Files come and go while the stack runs (segments, snapshots): one gone meanwhile is not looked at.
    const stat = await lstat(path).catch((error: unknown) => (isGone(error) ? undefined : Promise.reject(error)));
    if (!stat || stat.isSymbolicLink()) return;
    walked++;
    const allowed = path === data && postgresPassesThrough ? 0o010 : 0;
    if (stat.mode & 0o077 & ~allowed) open.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (!stat.isDirectory()) return;
    const entries = await readdir(path).catch((error: unknown) => (isGone(error) ? [] : Promise.reject(error)));
    for (const entry of entries) await walk(join(path, entry));
  };
  await walk(data);

  const present = await readdir(data);
  t.deepEqual(
    kept.filter((name) => !present.includes(name)),
    [],
    'the walk saw what the stack keeps',
  );
  t.log(`${walked} files and folders walked`);
  refused(t, 'another local user reads, writes or enters what the stack keeps in .data', open.length === 0, {
    open: open.slice(0, 20),
    more: Math.max(0, open.length - 20),
  });
});
