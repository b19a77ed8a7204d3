// The floor of a paid flow: what the Dapr operations a flow is made of cost on
// this machine, one kind at a time (CPU seconds of the whole stack per
// operation), and how many of each one paid flow makes, counted by the
// sidecars' own metrics. A flow can cost no less than the sum; the benchmark
// prints its measured CPU as a multiple of it.
import autocannon from 'autocannon';
import { eventType } from '@roomstay/contracts';
import { metric } from '../test/chaos/support/observe.ts';
import { sidecarMetricsPort as metricsPorts } from '../test/support/stack.ts';
import type { Stack } from './stack/stack.ts';

const OPERATIONS = 3_000;

export interface OperationCounts {
  invocations: number;
  stateReads: number;
  stateWrites: number;
  publishes: number;
  deliveries: number;
}

const kinds = ['invocations', 'stateReads', 'stateWrites', 'publishes', 'deliveries'] as const;

/** The operations one sidecar has made so far. */
async function countsOf(port: number): Promise<OperationCounts> {
  const read = (name: string, labels: Record<string, string> = {}) => metric(port, name, labels).catch(() => 0);
  const state = (operation: string) => read('dapr_component_state_count', { operation });
  return {
    invocations: await read('dapr_runtime_service_invocation_req_sent_total'),
    stateReads: (await state('get')) + (await state('bulk_get')),
    stateWrites: (await state('set')) + (await state('delete')) + (await state('bulk_set')),
    publishes: await read('dapr_component_pubsub_egress_count'),
    deliveries: await read('dapr_component_pubsub_ingress_count'),
  };
}

/** The operations each app's sidecar has made so far. */
export async function operationCounts(): Promise<Record<string, OperationCounts>> {
  const entries = await Promise.all(
    Object.entries(metricsPorts).map(async ([app, port]) => [app, await countsOf(port)] as const),
  );
  return Object.fromEntries(entries);
}

/** Per flow, per app and in all, between two readings. */
export function perFlow(
  before: Record<string, OperationCounts>,
  after: Record<string, OperationCounts>,
  flows: number,
): { total: OperationCounts; byApp: Record<string, OperationCounts> } {
  const zero = (): OperationCounts => ({ invocations: 0, stateReads: 0, stateWrites: 0, publishes: 0, deliveries: 0 });
  const round2 = (n: number) => Math.round(n * 100) / 100;
  const total = zero();
  const byApp: Record<string, OperationCounts> = {};
  for (const [app, later] of Object.entries(after)) {
    const earlier = before[app] ?? zero();
    const each = zero();
    for (const kind of kinds) {
      const delta = (later[kind] - earlier[kind]) / Math.max(1, flows);
      each[kind] = round2(delta);
      total[kind] += delta;
    }
    byApp[app] = each;
  }
  for (const kind of kinds) total[kind] = round2(total[kind]);
  return { total, byApp };
}

function fire(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export interface UnitCosts {
  /** CPU seconds of the whole stack per operation. */
  invocation: number;
  stateRead: number;
  stateWrite: number;
  /** One publish and its delivery to a subscriber that takes it at once. */
  publishAndDelivery: number;
}

/**
 * Each kind of operation alone, OPERATIONS times at 8 at once, through the
 * sidecars' own APIs with each app's own API token; `cpu` reads the CPU seconds
 * every process of the stack has used so far.
 */
export async function unitCosts(stack: Stack, cpu: () => Promise<number>, roomId: string): Promise<UnitCosts> {
  const token = (appId: string) => stack.credentials(appId).app.daprApiToken;
  const measure = async (options: autocannon.Options, settled: () => Promise<void> = async () => undefined) => {
    const before = await cpu();
    const result = await fire({ connections: 8, amount: OPERATIONS, ...options });
    await settled();
    const failed = result.errors + result.non2xx + result.timeouts;
    if (failed > 0) throw new Error(`floor: ${failed} of ${OPERATIONS} operations on ${options.url} failed`);
    return ((await cpu()) - before) / OPERATIONS;
  };
  const reservationSidecar = {
    headers: { 'dapr-api-token': token('reservation'), 'content-type': 'application/json' },
  };
  // A key of reservation's store that no reservation can have.
  const key = 'bench-floor';
  // Invocation of an app that takes no events (auth): notice, asked before, could still be working through
  // the backlog (c) leaves, and answered late enough for some calls to time out.
  const invocation = await measure({
    url: 'http://127.0.0.1:3500/v1.0/invoke/auth/method/health',
    headers: { 'dapr-api-token': token('gateway') },
  });
  const stateWrite = await measure({
    url: 'http://127.0.0.1:3503/v1.0/state/reservation-store',
    method: 'POST',
    ...reservationSidecar,
    body: JSON.stringify([{ key, value: { floor: true } }]),
  });
  const stateRead = await measure({
    url: `http://127.0.0.1:3503/v1.0/state/reservation-store/${key}`,
    ...reservationSidecar,
  });
  await fetch(`http://127.0.0.1:3503/v1.0/state/reservation-store/${key}`, {
    method: 'DELETE',
    headers: reservationSidecar.headers,
  });
  // A room registered again as it is: reservation's one subscriber takes it with one state write (its
  // catalogue copy), which is taken off below. Published by room's sidecar, as room does.
  const room = (await (await fetch(`http://localhost:8080/rooms/${roomId}`)).json()) as {
    roomId: string;
    name: string;
    price: number;
  };
  const delivered = () => metric(9103, 'dapr_component_pubsub_ingress_count', { topic: 'RoomRegistered' });
  const deliveredBefore = await delivered();
  const withWrite = await measure(
    {
      url: `http://127.0.0.1:3502/v1.0/publish/pubsub/RoomRegistered?metadata.partitionKey=${room.roomId}`,
      method: 'POST',
      headers: { 'dapr-api-token': token('room'), 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({
        specversion: '1.0',
        id: `${room.roomId}.RoomRegistered.floor`,
        source: 'room',
        type: eventType('RoomRegistered'),
        subject: room.roomId,
        datacontenttype: 'application/json',
        data: { roomId: room.roomId, name: room.name, price: room.price },
      }),
    },
    async () => {
      const deadline = Date.now() + 60_000;
      while ((await delivered()) - deliveredBefore < OPERATIONS && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 250));
    },
  );
  return { invocation, stateRead, stateWrite, publishAndDelivery: Math.max(0, withWrite - stateWrite) };
}

/** The least CPU a flow of these operations can cost. */
export function floorOf(ops: OperationCounts, unit: UnitCosts): number {
  return (
    ops.invocations * unit.invocation +
    ops.stateReads * unit.stateRead +
    ops.stateWrites * unit.stateWrite +
    ops.deliveries * unit.publishAndDelivery
  );
}
