// Under .data are every event, the stores, the secrets and the logs: the
// launcher keeps all of it to its owner (tools/stack/private-data.ts), closing
// what an earlier run left open and creating, itself and through every process
// it spawns, nothing that group or others may read, write or enter.
import { execFile } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { keepDataPrivate } from '../../tools/stack/private-data.ts';

const run = promisify(execFile);

/** Every path under `dir` (itself included) whose mode gives group or others anything, with that mode. */
async function openToOthers(dir: string): Promise<string[]> {
  const open: string[] = [];
  const stat = await lstat(dir);
  if (stat.isSymbolicLink()) return open;
  if (stat.mode & 0o077) open.push(`${dir} ${(stat.mode & 0o777).toString(8)}`);
  if (stat.isDirectory()) for (const entry of await readdir(dir)) open.push(...(await openToOthers(join(dir, entry))));
  return open;
}

test('what an earlier run left open under the data folder is closed to group and others at start', async (t) => {
  const scratch = await mkdtemp(join(tmpdir(), 'private-data-'));
  t.teardown(() => rm(scratch, { recursive: true, force: true }));
  const data = join(scratch, '.data');
  await mkdir(join(data, 'kafka', 'logs', 'PaymentApproved-0'), { recursive: true });
  await writeFile(join(data, 'kafka', 'logs', 'PaymentApproved-0', '00000000000000000000.log'), 'events');
  await mkdir(join(data, 'auth'));
  await writeFile(join(data, 'room.db'), 'rooms');
  await chmod(join(data, 'room.db'), 0o666);
  for (const dir of [data, join(data, 'kafka'), join(data, 'kafka', 'logs'), join(data, 'auth')]) {
    await chmod(dir, 0o755);
  }
  await chmod(join(data, 'kafka', 'logs', 'PaymentApproved-0'), 0o777);
  await symlink('/etc/hostname', join(data, 'a-link'));

  await keepDataPrivate(data);

  t.deepEqual(await openToOthers(data), []);
  t.is((await lstat(data)).mode & 0o777, 0o700);
  t.is((await lstat(join(data, 'room.db'))).mode & 0o777, 0o600, "the owner's own rights are kept");
});

test('what the launcher and the processes it spawns create afterwards is private to its owner', async (t) => {
  const scratch = await mkdtemp(join(tmpdir(), 'private-data-'));
  t.teardown(() => rm(scratch, { recursive: true, force: true }));
  const data = join(scratch, '.data');

  await keepDataPrivate(data);
  await mkdir(join(data, 'logs'));
  await writeFile(join(data, 'logs', 'app-room.log'), 'started');
  // As Redis, Kafka or an app would: a process of its own, with the default modes of its tools.
  await run('sh', ['-c', 'mkdir -p redis/appendonlydir && echo "SET" > redis/appendonlydir/appendonly.aof'], {
    cwd: data,
  });

  t.deepEqual(await openToOthers(data), []);
});
