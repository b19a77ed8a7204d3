// The real thing: a process committing promotions as fast as it can, with
// snapshots every few dozen commits, SIGKILLed at random moments, again and
// again on the same files. After every kill the store opens and holds every
// commit the process reported answered, and none it never attempted.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { openStore, tempDatabase } from './support/sqljs.ts';

const child = fileURLToPath(new URL('./support/commit-until-killed.ts', import.meta.url));
const kills = 12;
const workers = 4;

/** Starts the committing process, kills it `delay` ms after it opened the store (or after it started), returns the ids it printed. */
function runAndKill(file: string, prefix: string, delay: number, fromSpawn: boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, file, prefix], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const kill = () => setTimeout(() => proc.kill('SIGKILL'), delay);
    if (fromSpawn) kill();
    proc.stdout.on('data', (chunk: Buffer) => {
      const first = out.length === 0 || !out.includes('ready\n');
      out += chunk.toString('utf8');
      if (!fromSpawn && first && out.includes('ready\n')) kill();
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`the child ended with ${code ?? signal}: ${err}`));
      // Only whole lines: an id is printed with its newline in one synchronous write.
      const lines = out.split('\n').slice(0, -1);
      resolve(lines.filter((line) => line !== 'ready'));
    });
  });
}

test('every commit answered before a SIGKILL is there after it, twelve kills in a row', async (t) => {
  t.timeout(180_000);
  const file = await tempDatabase(t);
  const answered: string[] = [];
  const perRound: number[] = [];
  let snapshotsSeen = 0;
  let tornBytes = 0;
  for (let round = 1; round <= kills; round++) {
    // Mostly at a random moment of the commit loop; every fourth round at a random moment from the start, which may fall while it opens.
    const fromSpawn = round % 4 === 0;
    const printed = await runAndKill(
      file,
      `R${round}`,
      Math.floor(Math.random() * (fromSpawn ? 2000 : 800)),
      fromSpawn,
    );
    answered.push(...printed);
    perRound.push(printed.length);

    const store = await openStore(t, file);
    const missing = [];
    for (const id of answered) if (!(await store.find(id))) missing.push(id);
    t.deepEqual(missing, [], `round ${round}: every answered commit is there`);
    const stored = store.stats().promotions;
    t.true(stored >= answered.length, `round ${round}: no fewer promotions than answered commits`);
    t.true(stored <= answered.length + round * workers, `round ${round}: none beyond those attempted`);
    if (store.recovery.snapshotSeq > 0) snapshotsSeen++;
    tornBytes += store.recovery.tornBytes;
    await store.close();
  }
  t.true(answered.length > 0);
  t.log(
    `${kills} kills, ${answered.length} answered commits all found (per round: ${perRound.join(', ')}); opened over a snapshot ${snapshotsSeen} times; ${tornBytes} torn bytes cut`,
  );
});
