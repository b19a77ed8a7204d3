import type { ApprovePayment } from '@roomstay/contracts';
import { silentLogger } from '@roomstay/platform';
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
}

/** The payment app in process over in-memory ports; payment ids are PAY-1, PAY-2, ... */
export async function paymentApi(t: ExecutionContext): Promise<PaymentHarness> {
  const repository = new InMemoryPaymentRepository();
  const promotions = new FakePromotionGateway();
  const publisher = new RecordingPublisher();
  let ids = 0;
  let ticks = 0;
  const app = createApp({
    appToken: testAppToken,
    repository,
    promotions,
    publisher,
    clock: { now: () => new Date(Date.UTC(2030, 0, 1, 0, 0, ticks++)).toISOString() },
    ids: { paymentId: () => `PAY-${++ids}` },
    logger: silentLogger,
  });
  return { api: await serve(t, app), repository, promotions, publisher };
}
