// `npm run bench`: starts the stack with the same launcher as the tests and
// measures, side by side in one run: (a) sidecar overhead, (b) end-to-end paid
// reservations by concurrency, (c) event propagation to my page, (d) the
// original's overload scenario with and without the resiliency policies, and
// (e) the memory and CPU of every process; first, before the stack starts, (f)
// promotion's store at 1k to 1M promotions (tools/bench-store.ts). Writes
// bench/results/<date>-<commit>.{json,md,svg}.
//
// `npm run bench -- store` runs (f) alone, without the stack, and writes
// bench/results/<date>-<commit>-store.{json,md}.
import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon, { type Request } from 'autocannon';
import { Redis } from 'ioredis';
import { floorOf, operationCounts, perFlow, unitCosts } from './bench-floor.ts';
import { storeBench, storeBenchMarkdown } from './bench-store.ts';
import { say } from './lib/log.ts';
import { dataDir, repoRoot } from './lib/paths.ts';
import { ensureSiege, provision } from './provision.ts';
import { ports } from './stack/infra.ts';
import { adminSecrets } from './stack/secrets.ts';
import { Stack } from './stack/stack.ts';
// The tests' own client of the public API: the bench measures what a client sees, through the ingress.
import { percentile } from '../test/chaos/support/load.ts';
import { call, reservableRoom, users } from '../test/support/api.ts';

const run = promisify(execFile);
const gateway = 'http://localhost:8080';
const started = Date.now();

// --- helpers ------------------------------------------------------------------

/** One-night stays on consecutive days; each scenario books its own room, so years are folded into 2030..2099. */
function dates(startYear: number) {
  let day = 0;
  const start = Date.UTC(2030 + (startYear % 70), 0, 1);
  return () => {
    const from = start + day++ * 86_400_000;
    return { checkIn: new Date(from).toISOString().slice(0, 10), nights: 1 };
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function reservationsFor(
  auth: string,
  roomId: string,
  count: number,
  next: () => { checkIn: string; nights: number },
) {
  const ids: string[] = [];
  while (ids.length < count) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, count - ids.length) }, () =>
        call<{ reservationId: string }>('POST', '/reservations', { token: auth, body: { roomId, ...next() } }),
      ),
    );
    for (const r of batch) if (r.status === 201) ids.push(r.body.reservationId);
  }
  return ids;
}

// --- (e) footprint ---------------------------------------------------------------

interface ProcessFootprint {
  name: string;
  /** Proportional set size: each shared page divided among the processes that map it (PostgreSQL's shared buffers once). */
  pssMiB: number;
  rssMiB: number;
  cpuSeconds: number;
}

async function processTree(pid: number): Promise<number[]> {
  const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({ stdout: '' }));
  const children = stdout
    .split('\n')
    .map(Number)
    .filter((n) => n > 0);
  return [pid, ...(await Promise.all(children.map(processTree))).flat()];
}

/**
 * The launcher of this run: npm and tsx above this process (what `npm start`
 * runs too), this process, and its children that are not the stack's.
 */
async function launcherRoot(): Promise<number> {
  let top = process.pid;
  for (let pid = process.ppid; pid > 1;) {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ');
    if (!/\b(npm|tsx|sh -c)\b/.test(cmdline)) break;
    top = pid;
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? [];
    pid = Number(stat[1] ?? 0);
  }
  return top;
}

async function measure(name: string, pids: readonly number[], ticks: number): Promise<ProcessFootprint> {
  let pss = 0;
  let rss = 0;
  let cpu = 0;
  for (const pid of pids) {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
    rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? [];
    cpu += (Number(stat[11] ?? 0) + Number(stat[12] ?? 0)) / ticks;
  }
  return { name, pssMiB: round(pss, 1), rssMiB: round(rss, 1), cpuSeconds: round(cpu, 2) };
}

async function footprint(stack: Stack): Promise<ProcessFootprint[]> {
  const ticks = Number((await run('getconf', ['CLK_TCK'])).stdout.trim()) || 100;
  const result: ProcessFootprint[] = [];
  const stackPids = new Set<number>();
  for (const proc of stack.supervisor.status()) {
    if (!proc.running || !proc.pid) continue;
    const pids = await processTree(proc.pid);
    for (const pid of pids) stackPids.add(pid);
    result.push(await measure(proc.name, pids, ticks));
  }
  const launcher = (await processTree(await launcherRoot())).filter((pid) => !stackPids.has(pid));
  result.push(await measure('launcher', launcher, ticks));
  return result;
}

const totalOf = (key: 'pssMiB' | 'rssMiB') => (f: readonly ProcessFootprint[]) =>
  round(
    f.reduce((s, p) => s + p[key], 0),
    0,
  );
const totalPss = totalOf('pssMiB');
const totalRss = totalOf('rssMiB');
/** The stack's CPU: the launcher (which here also drives the load) is left out. */
const totalCpu = (f: readonly ProcessFootprint[]) =>
  f.filter((p) => p.name !== 'launcher').reduce((s, p) => s + p.cpuSeconds, 0);

// --- scenarios ---------------------------------------------------------------------

/**
 * (a) The same trivial Koa endpoint (notice's /health) directly and through two
 * sidecars, as the gateway calls it: with its API token, over mTLS, past
 * notice's access control.
 */
async function sidecarOverhead(gatewayToken: string) {
  const direct = 'http://127.0.0.1:7007/health';
  const viaSidecars = 'http://127.0.0.1:3500/v1.0/invoke/notice/method/health';
  const measure = async (url: string, rate?: number) => {
    const r = await cannon({
      url,
      headers: { 'dapr-api-token': gatewayToken },
      connections: rate ? 16 : 32,
      duration: 10,
      ...(rate ? { overallRate: rate } : {}),
    });
    return {
      rps: round(r.requests.average, 0),
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      errors: r.errors + r.non2xx,
    };
  };
  const fixedDirect = await measure(direct, 500);
  const fixedSidecars = await measure(viaSidecars, 500);
  const maxDirect = await measure(direct);
  const maxSidecars = await measure(viaSidecars);
  return {
    fixedRate: 500,
    direct: fixedDirect,
    sidecars: fixedSidecars,
    addedMs: {
      p50: round(fixedSidecars.p50 - fixedDirect.p50),
      p90: round(fixedSidecars.p90 - fixedDirect.p90),
      p99: round(fixedSidecars.p99 - fixedDirect.p99),
    },
    saturation: { direct: maxDirect, sidecars: maxSidecars },
    anchor: 'Dapr publishes +1.06 ms p50 / +2.90 ms p99 per HTTP invocation at 1,000 rps',
  };
}

/** (b) token, reserve, pay through the ingress, closed loop at each concurrency. */
async function endToEnd(auth: string, roomId: string, concurrency: number, seconds: number) {
  const next = dates(3000 + concurrency);
  const flowTimes: number[] = [];
  let failures = 0;
  const headers = { authorization: `Bearer ${auth}`, 'content-type': 'application/json' };
  const requests: Request[] = [
    {
      method: 'POST',
      path: '/reservations',
      headers,
      setupRequest: (req: Request, context: object) => {
        (context as { began?: number }).began = performance.now();
        return { ...req, body: JSON.stringify({ roomId, ...next() }) };
      },
      onResponse: (status: number, body: string, context: object) => {
        const ctx = context as { id?: string };
        ctx.id = status === 201 ? (JSON.parse(body) as { reservationId: string }).reservationId : 'failed';
        if (status !== 201) failures++;
      },
    },
    {
      method: 'POST',
      headers,
      setupRequest: (req: Request, context: object) => ({
        ...req,
        path: `/reservations/${(context as { id?: string }).id}/payment`,
      }),
      onResponse: (status: number, _body: string, context: object) => {
        if (status === 200) flowTimes.push(performance.now() - ((context as { began?: number }).began ?? 0));
        else failures++;
      },
    },
  ];
  const began = Date.now();
  await cannon({ url: gateway, connections: concurrency, duration: seconds, requests, timeout: 30 });
  const elapsed = (Date.now() - began) / 1000;
  return {
    concurrency,
    flowsPerSecond: round(flowTimes.length / elapsed, 1),
    flows: flowTimes.length,
    failures,
    p50: round(percentile(flowTimes, 50), 1),
    p99: round(percentile(flowTimes, 99), 1),
  };
}

/** (c) From the payment request to the promotion visible in roominfo's Redis (what GET /mypage reads). */
async function propagation(auth: string, roomId: string, perSecond: number, seconds: number) {
  const operator = { username: 'admin', password: (await adminSecrets()).redis };
  const redis = new Redis({ port: ports.redis, db: 1, ...operator });
  const watcher = new Redis({ port: ports.redis, db: 1, ...operator });
  await redis.config('SET', 'notify-keyspace-events', 'Kh');
  const pending = new Map<string, number>();
  const lags: number[] = [];
  await watcher.subscribe('__keyspace@1__:mypage:bob');
  watcher.on('message', () => {
    void (async () => {
      for (const id of [...pending.keys()]) {
        const raw = await redis.hget('mypage:bob', id);
        // Another notification's pass may have counted it meanwhile: each payment is measured once.
        const sentAt = pending.get(id);
        if (sentAt === undefined) continue;
        if (raw && (JSON.parse(raw) as { promotionStatus?: string }).promotionStatus === 'granted') {
          pending.delete(id);
          lags.push(performance.now() - sentAt);
        }
      }
    })();
  });
  const ids = await reservationsFor(auth, roomId, perSecond * seconds, dates(3500));
  for (const [i, id] of ids.entries()) {
    setTimeout(
      () => {
        pending.set(id, performance.now());
        void call('POST', `/reservations/${id}/payment`, { token: auth });
      },
      (i * 1000) / perSecond,
    );
  }
  const deadline = Date.now() + (seconds + 30) * 1000;
  while ((pending.size > 0 || lags.length < ids.length) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  await watcher.quit();
  await redis.config('SET', 'notify-keyspace-events', '');
  await redis.quit();
  return {
    eventsPerSecond: perSecond,
    measured: lags.length,
    p50: round(percentile(lags, 50), 1),
    p99: round(percentile(lags, 99), 1),
  };
}

/** (d) siege -c100 -t60S on payments while promotion takes 400-620 ms per request. */
async function originalOverload(stack: Stack, siege: string, auth: string, withPolicies: boolean) {
  await stack.restartSidecar('payment', 0, { resiliency: withPolicies });
  await stack.restartSidecar('reservation', 0, { resiliency: withPolicies });
  await stack.restartSidecar('gateway', 0, { resiliency: withPolicies });
  const roomId = await reservableRoom(120_000);
  const ids = await reservationsFor(auth, roomId, 400, dates(withPolicies ? 3700 : 3800));
  const urls = join(dataDir, 'bench', `siege-${withPolicies ? 'with' : 'without'}.txt`);
  await mkdir(join(dataDir, 'bench'), { recursive: true });
  await writeFile(urls, ids.map((id) => `${gateway}/reservations/${id}/payment POST`).join('\n') + '\n');
  const { stdout, stderr } = await run(
    siege,
    [
      '-c100',
      '-t60S',
      '-i',
      '-b',
      '-j',
      '-q',
      '-f',
      urls,
      '-H',
      `Authorization: Bearer ${auth}`,
      '-H',
      'Content-Type: application/json',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? '',
  }));
  const text = `${stdout}\n${stderr}`;
  const start = text.indexOf('{');
  const report = JSON.parse(text.slice(start, text.indexOf('}', start) + 1)) as Record<string, number>;
  return {
    resiliency: withPolicies,
    availability: report['availability'],
    transactions: report['transactions'],
    failed: report['failed_transactions'],
    responseTimeSeconds: report['response_time'],
    longestSeconds: report['longest_transaction'],
    transactionsPerSecond: report['transaction_rate'],
  };
}

function svgChart(points: ReadonlyArray<{ concurrency: number; p50: number; p99: number }>): string {
  const w = 560;
  const h = 300;
  const pad = 50;
  const maxY = Math.max(...points.map((p) => p.p99)) * 1.1 || 1;
  const x = (i: number) => pad + (i * (w - 2 * pad)) / Math.max(1, points.length - 1);
  const y = (v: number) => h - pad - (v / maxY) * (h - 2 * pad);
  const line = (key: 'p50' | 'p99') =>
    points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${w / 2}" y="20" text-anchor="middle">Paid reservation flow latency vs concurrency (ms)</text>
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="black"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="black"/>
${points.map((p, i) => `<text x="${x(i)}" y="${h - pad + 18}" text-anchor="middle">${p.concurrency}</text>`).join('\n')}
${[0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${pad - 6}" y="${y(maxY * f) + 4}" text-anchor="end">${Math.round(maxY * f)}</text>`).join('\n')}
<path d="${line('p50')}" fill="none" stroke="#1f77b4" stroke-width="2"/>
<path d="${line('p99')}" fill="none" stroke="#d62728" stroke-width="2"/>
<text x="${w - pad}" y="${pad}" text-anchor="end" fill="#1f77b4">p50</text>
<text x="${w - pad}" y="${pad + 16}" text-anchor="end" fill="#d62728">p99</text>
<text x="${w / 2}" y="${h - 10}" text-anchor="middle">concurrent clients</text>
</svg>
`;
}

// --- the run -------------------------------------------------------------------------

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const commit = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot })).stdout.trim();
const date = new Date().toISOString().slice(0, 10);
const resultsDir = join(repoRoot, 'bench', 'results');

// (f) needs no stack, and runs before it starts so that nothing else competes for the disk.
say('bench', '(f) promotion store at 1k, 10k, 100k and 1M promotions, seeded directly');
const f = await storeBench(join(dataDir, 'bench'), undefined, undefined, (message) => say('bench', `(f) ${message}`));
if (process.argv.slice(2).includes('store')) {
  const base = join(resultsDir, `${date}-${commit}-store`);
  const md = [
    `# Promotion store benchmark ${date} (${commit})`,
    '',
    `${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.cpu}, Node ${machine.node}; run took ${Math.round((Date.now() - started) / 1000)} s.`,
    '',
    ...storeBenchMarkdown(f),
    '',
  ].join('\n');
  await mkdir(resultsDir, { recursive: true });
  await writeFile(
    `${base}.json`,
    `${JSON.stringify({ date: new Date().toISOString(), commit, machine, f }, null, 2)}\n`,
  );
  await writeFile(`${base}.md`, md);
  say('bench', `results: bench/results/${date}-${commit}-store.{json,md}`);
  process.stdout.write(`\n${md}\n`);
  process.exit(0);
}

// (h) a warm start, as `npm start` makes it: provisioning finds everything in place, then the stack to healthy.
const startBegan = performance.now();
const runtime = await provision();
const provisionedAt = performance.now();
const siege = await ensureSiege();
// One bench customer drives every flow (dozens of unpaid reservations at once): no cap on unpaid holds.
const stackBegan = performance.now();
const stack = await Stack.start(runtime, { appEnv: { RESERVATION_HOLD_LIMIT: '0' } });
const h = {
  provisionSeconds: round((provisionedAt - startBegan) / 1000, 1),
  stackSeconds: round((performance.now() - stackBegan) / 1000, 1),
};
const stop = () => void stack.stop().then(() => process.exit(130));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
try {
  const [alice, bob] = await Promise.all([users.alice(), users.bob()]);
  const idle = await footprint(stack);

  say('bench', '(a) sidecar overhead');
  const a = await sidecarOverhead(stack.credentials('gateway').app.daprApiToken);

  say('bench', '(b) end-to-end paid reservations at concurrency 1, 8, 32, 64');
  const roomId = await reservableRoom(60_000);
  const before = await footprint(stack);
  const cpuBefore = totalCpu(before);
  const opsBefore = await operationCounts();
  const b = [];
  let underLoad: ProcessFootprint[] = [];
  for (const c of [1, 8, 32, 64]) {
    b.push(await endToEnd(alice, roomId, c, 15));
    if (c === 32) underLoad = await footprint(stack);
  }
  const after = await footprint(stack);
  const cpuAfter = totalCpu(after);
  const bCpu = after.map((p) => ({
    name: p.name,
    cpuSeconds: round(p.cpuSeconds - (before.find((q) => q.name === p.name)?.cpuSeconds ?? 0), 1),
  }));
  const flows = b.reduce((s, r) => s + r.flows, 0);
  // Every flow started in (b), finished or not, made its operations: counted over the flows begun.
  const opsPerFlow = perFlow(opsBefore, await operationCounts(), flows + b.reduce((s, r) => s + r.failures, 0));

  say('bench', '(c) event propagation to my page');
  const c = await propagation(bob, await reservableRoom(30_000), 20, 20);

  say('bench', '(g) the floor: each Dapr operation alone');
  const unit = await unitCosts(stack, async () => totalCpu(await footprint(stack)), roomId);
  const cpuSecondsPerFlow = round((cpuAfter - cpuBefore) / Math.max(1, flows), 4);
  const floor = floorOf(opsPerFlow.total, unit);
  const g = {
    unitCpuSeconds: {
      invocation: round(unit.invocation, 5),
      stateRead: round(unit.stateRead, 5),
      stateWrite: round(unit.stateWrite, 5),
      publishAndDelivery: round(unit.publishAndDelivery, 5),
    },
    opsPerFlow: opsPerFlow.total,
    opsPerFlowByApp: opsPerFlow.byApp,
    floorCpuSecondsPerFlow: round(floor, 4),
    cpuSecondsPerFlow,
    multipleOfFloor: round(cpuSecondsPerFlow / Math.max(floor, 1e-9), 2),
  };

  say('bench', '(d) the original overload: promotion at 400-620 ms, siege -c100 -t60S');
  await stack.stopInstance('promotion', 0);
  await stack.startInstance('promotion', 0, { FAULT_DELAY_MS: '400-620' });
  const withPolicies = await originalOverload(stack, siege, alice, true);
  const withoutPolicies = await originalOverload(stack, siege, alice, false);

  const results = {
    date: new Date().toISOString(),
    commit,
    machine,
    a,
    b,
    c,
    d: { with: withPolicies, without: withoutPolicies, originalWithHystrix: 'availability 50%' },
    e: {
      // PSS counts shared pages once; RSS (each process's whole resident set) is kept for earlier runs' figures.
      idleTotalMiB: totalPss(idle),
      underLoadTotalMiB: totalPss(underLoad),
      idleTotalRssMiB: totalRss(idle),
      underLoadTotalRssMiB: totalRss(underLoad),
      idle,
      underLoad,
      cpuSecondsInB: bCpu,
      cpuSecondsPerFlow,
    },
    f,
    g,
    h,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  const dir = resultsDir;
  await mkdir(dir, { recursive: true });
  const base = join(dir, `${date}-${commit}`);
  await writeFile(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(`${base}.svg`, svgChart(b));
  const md = [
    `# Benchmark ${date} (${commit})`,
    '',
    `${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, ${results.machine.cpu}, Node ${results.machine.node}; run took ${results.seconds} s.`,
    '',
    '| scenario | figure |',
    '| --- | --- |',
    `| a. sidecar overhead at ${a.fixedRate} rps | direct p50/p90/p99 ${a.direct.p50}/${a.direct.p90}/${a.direct.p99} ms; through two sidecars ${a.sidecars.p50}/${a.sidecars.p90}/${a.sidecars.p99} ms; added **+${a.addedMs.p50} ms p50, +${a.addedMs.p99} ms p99** (Dapr's published: +1.06 / +2.90) |`,
    `| a. saturation | direct ${a.saturation.direct.rps} rps (p99 ${a.saturation.direct.p99} ms); through sidecars ${a.saturation.sidecars.rps} rps (p99 ${a.saturation.sidecars.p99} ms) |`,
    ...b.map(
      (r) =>
        `| b. paid flows, ${r.concurrency} concurrent | **${r.flowsPerSecond} flows/s**, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.flows} flows, ${r.failures} failures) |`,
    ),
    `| c. propagation at ${c.eventsPerSecond} payments/s | payment request to promotion on my page: p50 ${c.p50} ms, p99 ${c.p99} ms (${c.measured} measured) |`,
    `| d. with resiliency | availability ${withPolicies.availability}%, ${withPolicies.transactions} payments, mean ${withPolicies.responseTimeSeconds} s, longest ${withPolicies.longestSeconds} s |`,
    `| d. without resiliency | availability ${withoutPolicies.availability}%, ${withoutPolicies.transactions} payments, mean ${withoutPolicies.responseTimeSeconds} s, longest ${withoutPolicies.longestSeconds} s (the original reported 50% with Hystrix) |`,
    `| e. memory, with the launcher | idle **${results.e.idleTotalMiB} MiB** PSS (${results.e.idleTotalRssMiB} summing each process's RSS), under load (b, 32 clients) ${results.e.underLoadTotalMiB} MiB PSS (${results.e.underLoadTotalRssMiB} RSS); ${results.e.cpuSecondsPerFlow} CPU s per completed flow |`,
    `| g. the floor | one paid flow makes ${g.opsPerFlow.invocations} invocations, ${g.opsPerFlow.stateReads} state reads, ${g.opsPerFlow.stateWrites} state writes, ${g.opsPerFlow.publishes} publishes, ${g.opsPerFlow.deliveries} deliveries (sidecars' metrics); alone they cost ${g.unitCpuSeconds.invocation} / ${g.unitCpuSeconds.stateRead} / ${g.unitCpuSeconds.stateWrite} / ${g.unitCpuSeconds.publishAndDelivery} CPU s each (invocation / read / write / publish and delivery); floor ${g.floorCpuSecondsPerFlow} CPU s per flow, measured ${cpuSecondsPerFlow}: **${g.multipleOfFloor}× the floor** |`,
    `| h. warm start | provisioning found in place in ${h.provisionSeconds} s, then every process healthy in **${h.stackSeconds} s** (${round(h.provisionSeconds + h.stackSeconds, 1)} s in all) |`,
    '',
    `![latency vs concurrency](${date}-${commit}.svg)`,
    '',
    '| process | idle PSS (RSS) MiB | under load PSS (RSS) MiB | CPU s in (b) |',
    '| --- | --- | --- | --- |',
    ...idle.map((p) => {
      const loaded = underLoad.find((q) => q.name === p.name);
      const during = bCpu.find((q) => q.name === p.name);
      return `| ${p.name} | ${p.pssMiB} (${p.rssMiB}) | ${loaded ? `${loaded.pssMiB} (${loaded.rssMiB})` : ''} | ${during?.cpuSeconds ?? ''} |`;
    }),
    '',
    '## g. Operations per paid flow, by app (sidecar metrics)',
    '',
    '| app | invocations sent | state reads | state writes | publishes | deliveries |',
    '| --- | --- | --- | --- | --- | --- |',
    ...Object.entries(g.opsPerFlowByApp).map(
      ([app, o]) =>
        `| ${app} | ${o.invocations} | ${o.stateReads} | ${o.stateWrites} | ${o.publishes} | ${o.deliveries} |`,
    ),
    '',
    '## f. Promotion store by stored promotions (no stack)',
    '',
    ...storeBenchMarkdown(f),
    '',
  ].join('\n');
  await writeFile(`${base}.md`, md);
  await writeFile(join(dir, 'latest.md'), md.replace(`](${date}-${commit}.svg)`, `](${date}-${commit}.svg)`));
  say('bench', `results: bench/results/${date}-${commit}.{json,md,svg} in ${results.seconds}s`);
  process.stdout.write(`\n${md}\n`);
} finally {
  await stack.stop();
}
