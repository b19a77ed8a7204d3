import { Payment, PaymentResult } from '@roomstay/contracts';
import { type Logger } from '@roomstay/platform';
import { invoke, type DaprClient } from '@roomstay/platform/dapr';
import type { PaymentGateway } from '../application/ports.ts';
import { z } from 'zod';

/** What reservation reads of an approval: all of it, since the payer is answered with it. */
export const ApprovalAnswer = PaymentResult;
/** What reservation reads of a refund: the payment refunded, or null when there was none. */
export const RefundAnswer = z.object({ payment: Payment.nullable() });

/**
 * payment through the sidecar. Any 5xx (the app's own, a timeout, an open
 * circuit) or an unreachable sidecar is "unavailable"; a 4xx is a refusal.
 */
export function daprPaymentGateway(client: DaprClient, logger: Logger): PaymentGateway {
  return {
    async approve(request) {
      const result = await invoke(client, 'payment', 'POST', '/payments', request).catch(() => undefined);
      if (!result || (!result.ok && result.status >= 500)) {
        logger.warn(
          { reservationId: request.reservationId, status: result && !result.ok ? result.status : 'unreachable' },
          'payment unavailable',
        );
        return { kind: 'unavailable' };
      }
      if (!result.ok) return { kind: 'refused', status: result.status, body: result.body };
      const parsed = ApprovalAnswer.safeParse(result.body);
      if (!parsed.success) {
        logger.error({ issues: parsed.error.issues }, 'payment answered an unexpected body');
        return { kind: 'unavailable' };
      }
      return { kind: 'approved', result: parsed.data };
    },
    async refund(reservationId) {
      const result = await invoke(
        client,
        'payment',
        'POST',
        `/payments/${encodeURIComponent(reservationId)}/refund`,
      ).catch(() => undefined);
      if (!result?.ok) return { kind: 'unavailable' };
      const parsed = RefundAnswer.safeParse(result.body);
      return parsed.success ? { kind: 'refunded', payment: parsed.data.payment } : { kind: 'unavailable' };
    },
  };
}
