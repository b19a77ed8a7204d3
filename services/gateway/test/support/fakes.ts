// Fakes of the gateway's two ports: who a bearer token is, and the apps behind it.
import { AppError, type Caller } from '@roomstay/platform';
import { type InvokeResult } from '@roomstay/platform/dapr';
import type { PageAnswer, Upstream } from '../../src/adapters/forward.ts';
import type { TokenVerifier } from '../../src/adapters/tokens.ts';

export const alice: Caller = { customerId: 'alice', name: 'Alice Kim', role: 'customer' };
export const admin: Caller = { customerId: 'root', name: 'Admin', role: 'admin' };

/** "Bearer <name>" is the caller of that name; anything else is refused as the real verifier would. */
export class FakeTokens implements TokenVerifier {
  constructor(private readonly callers: Record<string, Caller> = { alice, admin }) {}
  async verify(authorization: string | undefined): Promise<Caller> {
    const caller = this.callers[/^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? ''];
    if (!caller) throw new AppError('unauthorized', 'a bearer token is required');
    return caller;
  }
}

export interface UpstreamCall {
  appId: string;
  method: 'GET' | 'POST';
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** Records every call and answers what the test says (by default: ok with an echo). */
export class FakeUpstream implements Upstream {
  readonly calls: UpstreamCall[] = [];
  answer: (call: UpstreamCall) => InvokeResult | Promise<InvokeResult> = () => ({ ok: true, body: {} });
  readonly pages = new FakePages();

  async page(
    appId: string,
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<PageAnswer> {
    const call = { appId, method, path, body, headers: { ...headers } };
    this.pages.calls.push(call);
    return this.pages.answer(call);
  }

  async call(
    appId: string,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<InvokeResult> {
    const call = { appId, method, path, body, headers: { ...headers } };
    this.calls.push(call);
    return this.answer(call);
  }
}

export interface PageCall {
  appId: string;
  method: 'GET' | 'POST';
  path: string;
  body: string | undefined;
  headers: Record<string, string>;
}

/** Records every page request and answers what the test says (by default: an empty page). */
export class FakePages {
  readonly calls: PageCall[] = [];
  answer: (call: PageCall) => PageAnswer | Promise<PageAnswer> = () => ({
    status: 200,
    headers: [['content-type', 'text/html; charset=utf-8']],
    body: Buffer.from('<!DOCTYPE html><title>page</title>'),
  });
}
