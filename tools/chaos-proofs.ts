// "The test catches it": each chaos scenario run once more with a proving
// fault that makes its claim false (packages/platform/src/faults.ts), on the
// same stack; the scenario must fail. Written to reports/chaos/proofs.md.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ProvingFault } from '@roomstay/platform';
import { describeHead } from './chaos-report.ts';
import { say, warn } from './lib/log.ts';
import { dataDir, repoRoot } from './lib/paths.ts';
import type { InfraFault } from './stack/infra.ts';
import type { Stack } from './stack/stack.ts';

export interface Proof {
  scenario: number;
  file: string;
  /** The fault: of apps (which run with it), or of the infrastructure (the launcher's). */
  fault: { app: ProvingFault; apps: readonly string[] } | { infra: InfraFault };
  /** What the fault breaks, in the scenario's words. */
  breaks: string;
  /** Cheap enough for every CI run. */
  inCi: boolean;
  /**
   * What the red run must say: the claim's own assertion, so that a run red for
   * another reason (a timeout, a stack that did not start) is not taken for a
   * caught fault. Without it, any failure counts.
   */
  expect?: RegExp;
}

export const proofs: readonly Proof[] = [
  {
    scenario: 1,
    file: 'test/chaos/01-room-down-stops-nothing.test.ts',
    fault: { app: 'ask-room', apps: ['reservation'] },
    breaks: 'reservation depends on room management answering',
    inCi: false,
    expect: /every request succeeded while room was down/,
  },
  {
    scenario: 2,
    file: 'test/chaos/02-overloaded-promotion-trips-the-circuit.test.ts',
    fault: { app: 'publish-twice', apps: ['promotion'] },
    breaks: 'a double grant: a second PromotionSaved with another coupon',
    inCi: false,
    expect: /exactly one PromotionSaved per payment/,
  },
  {
    scenario: 3,
    file: 'test/chaos/03-roominfo-catches-up.test.ts',
    fault: { app: 'lose-events', apps: ['roominfo'] },
    breaks: 'roominfo loses one event in ten while catching up',
    inCi: false,
    expect: /not so within 120000 ms|one line per reservation|every line matches its events/,
  },
  {
    scenario: 4,
    file: 'test/chaos/04-replicas-share-events.test.ts',
    fault: { app: 'handle-twice', apps: ['notice'] },
    breaks: 'notice handles every event twice',
    inCi: true,
    expect: /no notice told twice/,
  },
  {
    scenario: 5,
    file: 'test/chaos/05-rolling-restart-of-payment.test.ts',
    fault: { app: 'serve-before-ready', apps: ['payment'] },
    breaks: 'a new payment replica takes requests before it can serve them (409 for its first 5 s)',
    inCi: false,
    expect: /every request succeeded while payment's replicas restarted/,
  },
  {
    scenario: 6,
    file: 'test/chaos/06-kafka-restart-loses-nothing.test.ts',
    fault: { app: 'forget-owed', apps: ['payment', 'reservation'] },
    breaks: 'an event whose publish failed while the broker was down is forgotten instead of owed',
    inCi: false,
    expect: /events not on Kafka yet|every owed event on Kafka/,
  },
  {
    scenario: 7,
    file: 'test/chaos/07-promotion-killed-mid-write.test.ts',
    fault: { app: 'ack-before-commit', apps: ['promotion'] },
    breaks: 'promotion answers a grant before its commit is durable',
    inCi: false,
    expect: /every acknowledged promotion survived the kills|one promotion per paid reservation/,
  },
  {
    scenario: 8,
    file: 'test/chaos/08-poison-message-goes-to-dead-letter.test.ts',
    fault: { app: 'retry-malformed', apps: ['roominfo'] },
    breaks: 'a malformed event is retried instead of dead-lettered',
    inCi: true,
    expect: /no matching record on PromotionSaved\.roominfo\.deadletter/,
  },
  {
    scenario: 9,
    file: 'test/chaos/09-payment-sidecar-killed.test.ts',
    fault: { app: 'publish-twice', apps: ['payment'] },
    breaks: 'a second charge: another PaymentApproved with another payment id',
    inCi: true,
    expect: /no reservation charged twice/,
  },
  {
    scenario: 10,
    file: 'test/chaos/10-owed-events-survive-a-crash-of-everything.test.ts',
    fault: { app: 'no-relay', apps: ['reservation', 'payment', 'room'] },
    breaks: 'owed events have no relay after a crash',
    inCi: false,
    expect: /owed events not on Kafka|every owed event on Kafka/,
  },
  {
    scenario: 11,
    file: 'test/chaos/11-redis-restarted-under-load-loses-nothing.test.ts',
    fault: { infra: 'redis-replays-no-transaction' },
    breaks: 'Redis drops every transaction of its append-only file when it starts (the defect of issue 18)',
    inCi: true,
    expect: /every reservation answered 201 is readable/,
  },
  {
    scenario: 12,
    file: 'test/chaos/12-postgres-restarted-under-load-loses-nothing.test.ts',
    fault: { infra: 'postgres-commits-asynchronously' },
    breaks: 'PostgreSQL answers commits before their WAL is written: a crash loses the latest payments',
    inCi: false,
    expect: /paying again answers the payment first made|one event id per reservation and kind/,
  },
  {
    scenario: 13,
    file: 'test/chaos/13-room-store-restarted-under-load-loses-nothing.test.ts',
    fault: { app: 'lose-events', apps: ['room'] },
    breaks: 'room loses one event in ten: booked nights shown free',
    inCi: false,
    expect: /booked nights free/,
  },
  {
    scenario: 14,
    file: 'test/chaos/14-promotion-store-restarted-under-load-loses-nothing.test.ts',
    fault: { app: 'publish-twice', apps: ['promotion'] },
    breaks: 'a double grant: a second PromotionSaved with another coupon',
    inCi: false,
    expect: /one event id per reservation and kind/,
  },
  {
    scenario: 15,
    file: 'test/chaos/15-whole-stack-restarted-under-load-loses-nothing.test.ts',
    fault: { infra: 'redis-replays-no-transaction' },
    breaks: 'Redis drops every transaction of its append-only file when it starts (the defect of issue 18)',
    inCi: false,
    expect: /every reservation answered 201 is readable/,
  },
];

const faultName = (proof: Proof): string =>
  'app' in proof.fault
    ? `\`${proof.fault.app}\` (${proof.fault.apps.join(', ')})`
    : `\`${proof.fault.infra}\` (launcher)`;

/** Switches a proof's fault on or off. */
async function withFault(stack: Stack, proof: Proof, on: boolean): Promise<void> {
  if ('infra' in proof.fault) {
    await stack.setInfraFault(on ? proof.fault.infra : undefined);
    return;
  }
  for (const app of proof.fault.apps) await stack.setAppEnv(app, on ? { FAULT_PROVE: proof.fault.app } : {});
}

/** Runs the chosen proofs; resolves whether every one of them turned its scenario red. */
export async function runProofs(
  stack: Stack,
  chosen: readonly Proof[],
  /** Runs one scenario file, its output written to `log`; resolves its exit code. */
  runScenario: (file: string, log: string) => Promise<number>,
): Promise<boolean> {
  const outcomes: Array<{ proof: Proof; caught: boolean; seconds: number }> = [];
  for (const proof of chosen) {
    say('test', `proof ${proof.scenario}: ${faultName(proof)} (${proof.breaks})`);
    await withFault(stack, proof, true);
    const began = Date.now();
    const log = join(dataDir, 'chaos', `proof-${proof.scenario}.log`);
    const code = await runScenario(proof.file, log);
    const seconds = (Date.now() - began) / 1000;
    await withFault(stack, proof, false);
    const said = proof.expect ? proof.expect.test(await readFile(log, 'utf8')) : true;
    if (code !== 0 && !said)
      warn('test', `proof ${proof.scenario}: red, but not by its claim's assertion (${proof.expect})`);
    const caught = code !== 0 && said;
    (caught ? say : warn)(
      'test',
      `proof ${proof.scenario}: ${caught ? 'caught (red, as it must be)' : 'MISSED'}; its output: ${relative(repoRoot, join(dataDir, 'chaos', `proof-${proof.scenario}.log`))}`,
    );
    outcomes.push({ proof, caught, seconds });
  }
  // The scenarios' own figures file is the chaos report's; a prove run leaves nothing in it.
  await rm(join(dataDir, 'chaos', 'figures.jsonl'), { force: true });
  const out = join(repoRoot, 'reports', 'chaos');
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, 'proofs.md'),
    [
      '# Chaos proofs: each scenario turns red when its claim is made false',
      '',
      `Commit ${describeHead()}, ${new Date().toISOString()}. Written by \`npm run test:chaos -- --prove\`.`,
      '',
      '| # | fault (apps) | what it breaks | scenario | time |',
      '| --- | --- | --- | --- | --- |',
      ...outcomes.map(
        ({ proof, caught, seconds }) =>
          `| ${proof.scenario} | ${faultName(proof)} | ${proof.breaks} | ${caught ? 'failed: caught' : '**passed: MISSED**'} | ${seconds.toFixed(0)} s |`,
      ),
      '',
    ].join('\n'),
  );
  return outcomes.every((o) => o.caught);
}
