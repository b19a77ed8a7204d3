// The promotion store at 1k, 10k, 100k and 1M stored promotions, without the
// stack: `npm run bench -- store` alone, and first in every `npm run bench`.
//
// Each step runs in a fresh process, so that memory figures are each size's own:
//   seed      bulk inserts in transactions of 10,000, then a snapshot;
//   commits   open (timed), a warm-up, then serial promotion grants through
//             the store's transact (latencies, CPU per commit). Run in rounds
//             that take the sizes in turn, so that whatever else the machine
//             does at a given moment falls on every size alike;
//   snapshot  grants while a snapshot is written (what a commit costs
//             meanwhile), file sizes, RSS;
//   fill      concurrent grants, with the outbox drained as the relay does,
//             until the journal is just short of the size that makes a
//             snapshot due: the longest replay opening can meet;
//   reopen    open over that full journal (timed), RSS.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqlJsPromotionStore } from '../services/promotion/src/adapters/sqljs-store.ts';
import { makeGrantPromotion } from '../services/promotion/src/application/promotions.ts';
import { decideGrant, type PaymentFacts, type Promotion } from '../services/promotion/src/domain/promotion.ts';

const MiB = 2 ** 20;
const WARM_UP = 300;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Resident memory now and at its peak, from the kernel's own accounting. */
async function memory(): Promise<{ rssMiB: number; peakRssMiB: number }> {
  const status = await readFile('/proc/self/status', 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMiB: round(kib('VmRSS') / 1024, 0), peakRssMiB: round(kib('VmHWM') / 1024, 0) };
}

/** A paid payment with ids shaped like the services' (PAY-/RSV-/CPN- and a UUID). */
function payment(): PaymentFacts {
  return {
    paymentId: `PAY-${randomUUID()}`,
    reservationId: `RSV-${randomUUID()}`,
    customerId: `customer-${Math.floor(Math.random() * 10_000)}`,
    customerName: 'Bench Customer',
    paymentPrice: 60_000 + Math.floor(Math.random() * 100_000),
    paymentStatus: 'Y',
  };
}

function promotion(): Promotion {
  const decision = decideGrant(payment(), `CPN-${randomUUID()}`, new Date().toISOString());
  if (decision.kind !== 'grant') throw new Error('a paid payment is granted');
  return decision.promotion;
}

function grants(store: SqlJsPromotionStore) {
  return makeGrantPromotion({
    store,
    clock: { now: () => new Date().toISOString() },
    ids: { couponId: () => `CPN-${randomUUID()}` },
    onCommitted: () => undefined,
  });
}

/** Serial grants, each timed from the call to its durable answer. */
async function serialCommits(store: SqlJsPromotionStore, count: number, until?: () => boolean) {
  const grant = grants(store);
  const times: number[] = [];
  const cpu = process.cpuUsage();
  while (until ? !until() : times.length < count) {
    const began = performance.now();
    await grant(payment());
    times.push(performance.now() - began);
  }
  const used = process.cpuUsage(cpu);
  return {
    times,
    /** CPU per commit, which the machine's other load does not change much, unlike the latencies. */
    cpuMs: (used.user + used.system) / 1000 / Math.max(1, times.length),
  };
}

// --- phases, each in its own process -------------------------------------------------

async function seed(file: string, size: number) {
  const began = performance.now();
  const store = await SqlJsPromotionStore.open(file);
  for (let done = 0; done < size;) {
    const n = Math.min(10_000, size - done);
    await store.transact((tx) => {
      for (let i = 0; i < n; i++) tx.put(promotion());
    });
    done += n;
  }
  await store.checkpoint();
  const files = store.files();
  await store.close();
  return {
    seedSeconds: round((performance.now() - began) / 1000, 1),
    snapshotMiB: round(files.snapshotBytes / MiB, 1),
  };
}

async function commitsPhase(file: string, commits: number) {
  const { store, openSeconds, openCpuSeconds } = await timedOpen(file);
  const afterOpen = await memory();
  // The first commits of a process run while V8 still compiles the code they use, on other threads too.
  await serialCommits(store, WARM_UP);
  const serial = await serialCommits(store, commits);
  await store.close();
  return { openSeconds, openCpuSeconds, rssAfterOpenMiB: afterOpen.rssMiB, times: serial.times, cpuMs: serial.cpuMs };
}

async function snapshotPhase(file: string) {
  const store = await SqlJsPromotionStore.open(file);
  await serialCommits(store, WARM_UP);
  const files = store.files();
  // A snapshot written while commits go on: what it costs them, and how long it takes.
  const began = performance.now();
  let done = false;
  const snapshot = store.checkpoint().finally(() => {
    done = true;
  });
  const during = await serialCommits(store, 0, () => done);
  await snapshot;
  const snapshotSeconds = round((performance.now() - began) / 1000, 2);
  const end = await memory();
  await store.close();
  return {
    commits: during.times.length,
    p50Ms: round(percentile(during.times, 50)),
    p99Ms: round(percentile(during.times, 99)),
    maxMs: round(Math.max(0, ...during.times)),
    snapshotSeconds,
    snapshotMiB: round(files.snapshotBytes / MiB, 1),
    snapshotDueAtMiB: round(files.snapshotDueAtBytes / MiB, 1),
    rssMiB: end.rssMiB,
    peakRssMiB: end.peakRssMiB,
  };
}

async function fill(file: string) {
  const store = await SqlJsPromotionStore.open(file);
  const grant = grants(store);
  const began = performance.now();
  let commits = 0;
  // Stop short of the size that makes a snapshot due, with room for the records in flight.
  const target = () => store.files().snapshotDueAtBytes * 0.97;
  const full = () => store.files().journalBytes >= target();
  const worker = async () => {
    while (!full()) {
      await grant(payment());
      commits++;
    }
  };
  // As in service: the relay publishes each event soon after its commit and the outbox forgets it.
  const relay = async () => {
    while (!full()) {
      const entries = await store.unpublished(100);
      if (entries.length > 0) await store.markPublished(entries.map((entry) => entry.seq));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  await Promise.all([relay(), ...Array.from({ length: 64 }, worker)]);
  const files = store.files();
  await store.close();
  return {
    commits,
    commitsPerSecond: round(commits / ((performance.now() - began) / 1000), 0),
    journalMiB: round(files.journalBytes / MiB, 1),
  };
}

/** Opens the store, timed by the clock and by the CPU it used (the second does not depend on what else the machine runs). */
async function timedOpen(file: string) {
  const began = performance.now();
  const cpu = process.cpuUsage();
  const store = await SqlJsPromotionStore.open(file);
  const used = process.cpuUsage(cpu);
  return {
    store,
    openSeconds: round((performance.now() - began) / 1000, 2),
    openCpuSeconds: round((used.user + used.system) / 1e6, 2),
  };
}

async function reopen(file: string) {
  const { store, openSeconds, openCpuSeconds } = await timedOpen(file);
  const mem = await memory();
  const { replayed, replayMs } = store.recovery;
  await store.close();
  return { openSeconds, openCpuSeconds, replayed, replaySeconds: round(replayMs / 1000, 2), rssMiB: mem.rssMiB };
}

// --- the driver ---------------------------------------------------------------------

const self = fileURLToPath(import.meta.url);

/** Runs one phase in a fresh Node process and returns what it printed as its last line. */
function phase(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', self, ...args], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`store bench phase ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? ''));
      } catch (error) {
        reject(new Error(`store bench phase ${args.join(' ')} printed no result`, { cause: error }));
      }
    });
  });
}

/** The value of `key` in what a phase printed. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Reads a number a phase printed; anything else is a broken phase. */
function num(value: unknown, key: string): number {
  const at = field(value, key);
  if (typeof at !== 'number') throw new Error(`store bench: ${key} is not a number`);
  return at;
}

function nums(value: unknown, key: string): number[] {
  const at = field(value, key);
  if (!Array.isArray(at) || !at.every((n) => typeof n === 'number')) {
    throw new Error(`store bench: ${key} is not a list of numbers`);
  }
  return at;
}

const median = (values: readonly number[]) => percentile(values, 50);

export interface StoreBenchRow {
  promotions: number;
  seedSeconds: number;
  snapshotMiB: number;
  /** Opening right after a snapshot: wall clock, and CPU (which does not depend on the machine's other load). */
  openSeconds: number;
  openCpuSeconds: number;
  rssAfterOpenMiB: number;
  commit: { p50Ms: number; p99Ms: number; maxMs: number; commits: number; cpuMs: number };
  duringSnapshot: { p50Ms: number; p99Ms: number; maxMs: number; commits: number; snapshotSeconds: number };
  /** Opening over the longest journal there can be: just short of the size that makes a snapshot due. */
  fullJournal: {
    journalMiB: number;
    snapshotDueAtMiB: number;
    records: number;
    openSeconds: number;
    openCpuSeconds: number;
    rssMiB: number;
  };
  peakRssMiB: number;
}

export interface StoreBench {
  sizes: StoreBenchRow[];
  /** p50 at the largest size over p50 at the smallest; the goal is at most 1.5. */
  p50Ratio: number;
}

export async function storeBench(
  dir: string,
  sizes: readonly number[] = [1_000, 10_000, 100_000, 1_000_000],
  commits = 1000,
  progress: (message: string) => void = () => undefined,
): Promise<StoreBench> {
  const rounds = 5;
  const n = (size: number) => size.toLocaleString('en');
  const file = (size: number) => join(dir, `store-${size}`, 'promotion.sqlite');
  const clear = () =>
    Promise.all(sizes.map((size) => rm(join(dir, `store-${size}`), { recursive: true, force: true })));
  await clear();
  try {
    const seeded = new Map<number, unknown>();
    for (const size of sizes) {
      progress(`seeding ${n(size)} promotions`);
      seeded.set(size, await phase(['seed', file(size), String(size)]));
    }
    const runs = new Map<number, unknown[]>(sizes.map((size) => [size, []]));
    for (let round = 1; round <= rounds; round++) {
      progress(`round ${round} of ${rounds}: ${Math.ceil(commits / rounds)} serial commits at each size`);
      for (const size of sizes) {
        runs.get(size)?.push(await phase(['commits', file(size), String(Math.ceil(commits / rounds))]));
      }
    }
    const rows: StoreBenchRow[] = [];
    for (const size of sizes) {
      progress(`${n(size)}: commits while a snapshot is written`);
      const snapshot = await phase(['snapshot', file(size)]);
      progress(`${n(size)}: filling the journal to just short of a snapshot, then opening over it`);
      const filled = await phase(['fill', file(size)]);
      const reopened = await phase(['reopen', file(size)]);
      const measured = runs.get(size) ?? [];
      const times = measured.flatMap((run) => nums(run, 'times'));
      rows.push({
        promotions: size,
        seedSeconds: num(seeded.get(size), 'seedSeconds'),
        snapshotMiB: num(snapshot, 'snapshotMiB'),
        // The first round opens right after the seeding's snapshot, with nothing to replay.
        openSeconds: num(measured[0], 'openSeconds'),
        openCpuSeconds: num(measured[0], 'openCpuSeconds'),
        rssAfterOpenMiB: num(measured[0], 'rssAfterOpenMiB'),
        commit: {
          commits: times.length,
          p50Ms: round(percentile(times, 50)),
          p99Ms: round(percentile(times, 99)),
          maxMs: round(Math.max(0, ...times)),
          cpuMs: round(median(measured.map((run) => num(run, 'cpuMs'))), 3),
        },
        duringSnapshot: {
          commits: num(snapshot, 'commits'),
          p50Ms: num(snapshot, 'p50Ms'),
          p99Ms: num(snapshot, 'p99Ms'),
          maxMs: num(snapshot, 'maxMs'),
          snapshotSeconds: num(snapshot, 'snapshotSeconds'),
        },
        fullJournal: {
          journalMiB: num(filled, 'journalMiB'),
          snapshotDueAtMiB: num(snapshot, 'snapshotDueAtMiB'),
          records: num(reopened, 'replayed'),
          openSeconds: num(reopened, 'openSeconds'),
          openCpuSeconds: num(reopened, 'openCpuSeconds'),
          rssMiB: num(reopened, 'rssMiB'),
        },
        peakRssMiB: num(snapshot, 'peakRssMiB'),
      });
    }
    const first = rows[0]?.commit.p50Ms ?? 0;
    const last = rows.at(-1)?.commit.p50Ms ?? 0;
    return { sizes: rows, p50Ratio: first > 0 ? round(last / first) : 0 };
  } finally {
    await clear();
  }
}

export function storeBenchMarkdown(bench: StoreBench): string[] {
  const n = (value: number) => value.toLocaleString('en');
  return [
    '| promotions | snapshot MiB | open s (CPU s) | commit p50 / p99 ms (CPU ms) | while a snapshot is written: commits, p50 / p99 / max ms; snapshot s | longest journal MiB, records: open s (CPU s) | RSS after open / peak MiB |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...bench.sizes.map((r) =>
      [
        '',
        n(r.promotions),
        r.snapshotMiB,
        `${r.openSeconds} (${r.openCpuSeconds})`,
        `**${r.commit.p50Ms}** / ${r.commit.p99Ms} (${r.commit.cpuMs})`,
        `${r.duringSnapshot.commits}, ${r.duringSnapshot.p50Ms} / ${r.duringSnapshot.p99Ms} / ${r.duringSnapshot.maxMs}; ${r.duringSnapshot.snapshotSeconds}`,
        `${r.fullJournal.journalMiB}, ${n(r.fullJournal.records)}: ${r.fullJournal.openSeconds} (${r.fullJournal.openCpuSeconds})`,
        `${r.rssAfterOpenMiB} / ${r.peakRssMiB}`,
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    '',
    `Commit p50 at ${n(bench.sizes.at(-1)?.promotions ?? 0)} promotions over p50 at ${n(bench.sizes[0]?.promotions ?? 0)}: **${bench.p50Ratio}x** (goal: at most 1.5x). A commit is one grant (find, put, enqueue) through the store's transact, answered once fdatasynced; ${bench.sizes[0]?.commit.commits ?? 0} serial commits per size, in rounds taking the sizes in turn, each after ${WARM_UP} to warm up.`,
  ];
}

// A phase, when run as a child process by storeBench.
if (process.argv[1] === self) {
  const [, , name, file, arg] = process.argv;
  if (!file) throw new Error('usage: bench-store.ts <seed|commits|snapshot|fill|reopen> <file> [size|commits]');
  const phases: Record<string, () => Promise<object>> = {
    seed: () => seed(file, Number(arg)),
    commits: () => commitsPhase(file, Number(arg)),
    snapshot: () => snapshotPhase(file),
    fill: () => fill(file),
    reopen: () => reopen(file),
  };
  const run = name === undefined ? undefined : phases[name];
  if (!run) throw new Error(`unknown store bench phase ${name}`);
  process.stdout.write(`${JSON.stringify(await run())}\n`);
}
