import type { ApprovePayment } from '@roomstay/contracts';
import { ConcurrencyConflict, DueList, makeOutbox, silentLogger, type Logger } from '@roomstay/platform';
import { z } from 'zod';
import { InMemoryDocuments } from '../../../../packages/platform/test/support/documents.ts';
import type { ExecutionContext } from 'ava';
import { createApp } from '../../src/app.ts';
import { serve, type Client, testAppToken } from '../../../../packages/platform/test/support/http.ts';
import { FakePromotionGateway, InMemoryPaymentRepository, RecordingPublisher } from './fakes.ts';

export function approval(paymentPrice: number, overrides: Partial<ApprovePayment> = {}): ApprovePayment {
  return { reservationId: 'RSV-1', customerId: 'alice', customerName: 'Alice', paymentPrice, ...overrides };
}

export interface PaymentHarness {
  api: Client;
  repository: InMemoryPaymentRepository;
  promotions: FakePromotionGateway;
  publisher: RecordingPublisher;
  /** The outbox relay's pass, run by hand at the harness clock's time. */
  relay(): Promise<number>;
  /** Moves the relay's clock on. */
  advance(ms: number): void;
}

/**
 * The payment app in process over in-memory ports; payment ids are PAY-1,
 * PAY-2, ...; the clock reads 2030-01-01T00:00:00Z and one second more at each
 * reading.
 */
export async function paymentApi(t: ExecutionContext, logger: Logger = silentLogger): Promise<PaymentHarness> {
  const repository = new InMemoryPaymentRepository();
  const promotions = new FakePromotionGateway();
  const publisher = new RecordingPublisher();
  let ids = 0;
  let ticks = 0;
  let now = Date.UTC(2030, 0, 1);
  const outbox = makeOutbox({
    owed: new DueList<string>(new InMemoryDocuments(ConcurrencyConflict), z.string(), {
      name: 'outbox',
      windowMs: 2_000,
      slots: 128,
    }),
    loadMany: (ids) => Promise.all(ids.map((id) => repository.get(id))),
    replace: (record, etag) => repository.replace(record, etag),
    publish: publisher.publish,
    now: () => now,
  });
  await outbox.relay(); // as main.ts does at start
  const app = createApp({
    appToken: testAppToken,
    repository,
    promotions,
    outbox,
    clock: { now: () => new Date(Date.UTC(2030, 0, 1, 0, 0, ticks++)).toISOString() },
    ids: { paymentId: () => `PAY-${++ids}` },
    logger,
  });
  return {
    api: await serve(t, app),
    repository,
    promotions,
    publisher,
    relay: () => outbox.relay(),
    advance: (ms) => void (now += ms),
  };
}
