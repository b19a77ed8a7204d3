// `npm run soak -- [flows]`: a long run of paid flows (100,000 unless said) on
// the local stack, through the ingress as a customer makes them (reserve, then
// pay), in rounds of 10,000. After each round it reads what reservation keeps
// in Redis, by kind of key, and Redis's memory in all. It fails if any booking
// or payment is not answered 201 / 200. Writes reports/soak/latest.{md,json}.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import { Redis } from 'ioredis';
import { describeHead } from './chaos-report.ts';
import { say, warn } from './lib/log.ts';
import { stopOnSignal } from './lib/stop-on-signal.ts';
import { repoRoot } from './lib/paths.ts';
import { provision } from './provision.ts';
import { ports } from './stack/infra.ts';
import { adminSecrets } from './stack/secrets.ts';
import { Stack } from './stack/stack.ts';
import { reservableRoom, users } from '../test/support/api.ts';

const total = Number(process.argv[2] ?? 100_000);
const round = 10_000;
const nightsPerRoom = 2_000;
const gateway = 'http://localhost:8080';

interface Sample {
  flows: number;
  seconds: number;
  answers: Record<string, number>;
  redisUsedMiB: number;
  /** What reservation keeps in Redis (its keys "reservation||<kind>:..."), by kind: keys and bytes. */
  reservation: Record<string, { keys: number; bytes: number }>;
}

/** Stays on rooms of their own: each room takes `nightsPerRoom` consecutive nights from 2030 on. */
function stays() {
  const rooms: string[] = [];
  let n = 0;
  return {
    async ensure(count: number) {
      while (rooms.length * nightsPerRoom < n + count) rooms.push(await reservableRoom(50_000));
    },
    next() {
      const room = rooms[Math.floor(n / nightsPerRoom)];
      const night = n % nightsPerRoom;
      n++;
      if (!room) throw new Error('no room registered for this stay');
      return {
        roomId: room,
        checkIn: new Date(Date.UTC(2030, 0, 1) + night * 86_400_000).toISOString().slice(0, 10),
        nights: 1,
      };
    },
  };
}

async function flowsOf(count: number, token: string, next: () => object): Promise<Record<string, number>> {
  const answers: Record<string, number> = {};
  const count1 = (kind: string, status: number) =>
    (answers[`${kind} ${status}`] = (answers[`${kind} ${status}`] ?? 0) + 1);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const requests: Request[] = [
    {
      method: 'POST',
      path: '/reservations',
      headers,
      setupRequest: (request: Request) => ({ ...request, body: JSON.stringify(next()) }),
      onResponse: (status: number, body: string, context: object) => {
        count1('reserve', status);
        (context as { id?: string }).id =
          status === 201 ? (JSON.parse(body) as { reservationId: string }).reservationId : undefined;
      },
    },
    {
      method: 'POST',
      headers,
      setupRequest: (request: Request, context: object) => ({
        ...request,
        path: `/reservations/${(context as { id?: string }).id ?? 'not-reserved'}/payment`,
      }),
      onResponse: (status: number) => count1('pay', status),
    },
  ];
  const connections = 16;
  const result = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url: gateway, connections, requests, amount: count * 2, timeout: 30 }, (error, r) =>
      error ? reject(error) : resolve(r),
    ),
  );
  if (result.errors + result.timeouts) answers['no answer'] = result.errors + result.timeouts;
  return answers;
}

async function reservationKeys(redis: Redis): Promise<Sample['reservation']> {
  const kinds: Sample['reservation'] = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'reservation||*', 'COUNT', 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key);
    const sizes = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const kind = /^reservation\|\|([a-z]+)/.exec(key)?.[1] ?? 'other';
      const entry = (kinds[kind] ??= { keys: 0, bytes: 0 });
      entry.keys++;
      entry.bytes += Number(sizes[i]?.[1] ?? 0);
    });
  } while (cursor !== '0');
  return kinds;
}

const runtime = await provision();
const stack = await Stack.start(runtime, { appEnv: { RESERVATION_HOLD_LIMIT: '0' } });
// Ctrl-C ends the soak with its stack: no process of it is left behind.
stopOnSignal(() => stack.stop());
const admin = new Redis({
  port: ports.redis,
  host: '127.0.0.1',
  username: 'admin',
  password: (await adminSecrets()).redis,
});
const samples: Sample[] = [];
let failed = false;
try {
  const began = Date.now();
  const redisUsedMiB = async () => Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1] ?? 0) / 2 ** 20;
  samples.push({
    flows: 0,
    seconds: 0,
    answers: {},
    redisUsedMiB: await redisUsedMiB(),
    reservation: await reservationKeys(admin),
  });
  const rooms = stays();
  for (let done = 0; done < total;) {
    const count = Math.min(round, total - done);
    await rooms.ensure(count);
    // Access tokens last an hour: a new one for every round.
    const answers = await flowsOf(count, await users.alice(), () => rooms.next());
    done += count;
    const sample = {
      flows: done,
      seconds: Math.round((Date.now() - began) / 1000),
      answers,
      redisUsedMiB: Math.round((await redisUsedMiB()) * 10) / 10,
      reservation: await reservationKeys(admin),
    };
    samples.push(sample);
    const refused = Object.entries(answers).filter(([kind]) => !['reserve 201', 'pay 200'].includes(kind));
    say('soak', `${done} flows in ${sample.seconds}s: Redis ${sample.redisUsedMiB} MiB; ${JSON.stringify(answers)}`);
    if (refused.length) {
      failed = true;
      warn('soak', `bookings not all answered: ${JSON.stringify(Object.fromEntries(refused))}`);
    }
  }
} finally {
  admin.disconnect();
  await stack.stop();
}

const kinds = [...new Set(samples.flatMap((s) => Object.keys(s.reservation)))].sort();
const kib = (bytes: number) => (bytes / 1024).toFixed(0);
const md = [
  '# Soak: paid flows on the local stack',
  '',
  `Commit ${describeHead()}, ${new Date().toISOString()}. Written by \`npm run soak -- ${total}\`.`,
  `${total} paid flows (reserve, pay) by one customer through the ingress, 16 at a time; ${failed ? '**some were not answered 201 / 200**' : 'every one answered 201 / 200'}.`,
  "Reservation's keys in Redis by kind after each round: count, and KiB by `MEMORY USAGE`.",
  '',
  `| flows | seconds | Redis used MiB | ${kinds.map((k) => `${k} keys | ${k} KiB`).join(' | ')} |`,
  `| --- | --- | --- | ${kinds.map(() => '--- | ---').join(' | ')} |`,
  ...samples.map(
    (s) =>
      `| ${s.flows} | ${s.seconds} | ${s.redisUsedMiB} | ${kinds.map((k) => `${s.reservation[k]?.keys ?? 0} | ${kib(s.reservation[k]?.bytes ?? 0)}`).join(' | ')} |`,
  ),
  '',
].join('\n');
const out = join(repoRoot, 'reports', 'soak');
await mkdir(out, { recursive: true });
await writeFile(join(out, 'latest.md'), md);
await writeFile(
  join(out, 'latest.json'),
  `${JSON.stringify({ commit: describeHead(), total, failed, samples }, null, 2)}\n`,
);
say('soak', `report: reports/soak/latest.md`);
process.exit(failed ? 1 : 0);
