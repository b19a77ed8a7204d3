// The provider's side of an invocation contract: the interaction's request,
// sent to the real provider app as its sidecar delivers a call from the
// consumer (the app token, the caller's attested app id), and the answer both
// as it leaves the app and as the consumer's `invoke` sees it.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';
import type Koa from 'koa';
import { InternalRefusal } from '@roomstay/contracts';
import { testAppToken } from '../../../packages/platform/test/support/http.ts';
import type { ContractRequest } from './contract.ts';

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface Replayed {
  /** As the app answered its sidecar. */
  wire: Answer;
  /** As platform's `invoke` hands it to the consumer: a refusal out of its envelope. */
  seen: Answer;
}

export async function replay(
  t: ExecutionContext,
  app: Koa,
  request: ContractRequest,
  callerAppId: string,
): Promise<Replayed> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  const text = typeof request.body === 'string';
  const headers: Record<string, string> = {
    'dapr-api-token': testAppToken,
    'dapr-caller-app-id': callerAppId,
    ...(request.body !== undefined && !text ? { 'content-type': 'application/json' } : {}),
    ...(request.headers ?? {}),
  };
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? request.body
        : JSON.stringify(request.body);
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const raw = await response.text();
  const wire: Answer = {
    status: response.status,
    body: raw === '' ? undefined : (JSON.parse(raw) as unknown),
    headers: response.headers,
  };
  const refusal = response.ok ? InternalRefusal.safeParse(wire.body) : undefined;
  if (!refusal?.success) return { wire, seen: wire };
  const { status, body: refused, headers: kept } = refusal.data.refused;
  return { wire, seen: { status, body: refused, headers: new Headers(kept) } };
}
