import { SavePromotion } from '@roomstay/contracts';
import { type EventHandlers, type Faults, type Logger, parse } from '@roomstay/platform';
import {
  appCallback,
  appCallbackDefinition,
  grpc,
  type Invocations,
  refusable,
  serviceDefinition,
  unary,
} from '@roomstay/platform/grpc';
import type { Promotion } from '../domain/promotion.ts';
import type { GrantResult } from '../application/promotions.ts';
import { toWire } from './http.ts';

export interface PromotionGrpcDeps {
  appToken: string;
  logger: Logger;
  grantPromotion: (payment: SavePromotion) => Promise<GrantResult>;
  findPromotion: (paymentId: string) => Promise<Promotion>;
  events: EventHandlers;
  faults?: Faults | undefined;
}

/** promotion.proto's Promotion: the JSON contract's fields; `service` absent when none was earned. */
export function toMessage(p: Promotion) {
  const { service, ...rest } = toWire(p);
  return { ...rest, ...(service === null ? {} : { service }) };
}

/** The file and name of promotion's own gRPC API in packages/contracts/proto. */
export const promotionsProto = {
  file: 'roomstay/promotion/v1/promotion.proto',
  service: 'roomstay.promotion.v1.promotions',
};

/**
 * What other apps may invoke on promotion through their sidecars: payment's
 * POST /promotions (dapr/config.yaml), the same use case and answer as the
 * HTTP route. Nothing else is served by invocation.
 */
function promotionInvocations(deps: PromotionGrpcDeps): Invocations {
  return ({ verb, method, body }) => {
    if (verb !== 'POST' || method !== 'promotions') return undefined;
    return async () => {
      const { promotion, created } = await deps.grantPromotion(parse(SavePromotion, body));
      return { status: created ? 201 : 200, body: toWire(promotion) };
    };
  };
}

/**
 * Promotion's gRPC inbound adapter: Dapr's AppCallback (invocations from
 * payment's sidecar, PaymentApproved and PaymentRefunded deliveries) and its
 * own Promotions API, reached through a caller's sidecar by gRPC proxying
 * (its get is denied to every app, so only grant's refusals need answering as OK).
 * Every call must carry the app token, which only promotion's sidecar holds.
 */
export function promotionGrpcServer(deps: PromotionGrpcDeps): grpc.Server {
  const options = { appToken: deps.appToken, logger: deps.logger, faults: deps.faults };
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 });
  server.addService(
    appCallbackDefinition(),
    appCallback({ ...options, invocations: promotionInvocations(deps), events: deps.events }),
  );
  server.addService(serviceDefinition(promotionsProto.file, promotionsProto.service), {
    // Reached through the callers' sidecars, whose breakers count every non-OK status:
    // a refusal is answered OK, in `refused` (platform's grpc-refusal.ts).
    grant: unary(
      'promotions/grant',
      options,
      refusable(async (request: unknown) => {
        const { promotion, created } = await deps.grantPromotion(parse(SavePromotion, request));
        return { promotion: toMessage(promotion), created };
      }),
    ),
    get: unary('promotions/get', options, async (request: { paymentId?: string }) =>
      toMessage(await deps.findPromotion(request.paymentId ?? '')),
    ),
  });
  return server;
}
