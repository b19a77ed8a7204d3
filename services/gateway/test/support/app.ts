import { callerHeaders, silentLogger } from '@roomstay/platform';
import type { ExecutionContext } from 'ava';
import { createApp } from '../../src/app.ts';
import { serve, type Client } from '../../../../packages/platform/test/support/http.ts';
import { FakeTokens, FakeUpstream } from './fakes.ts';

export const bearer = (name: string): Record<string, string> => ({ authorization: `Bearer ${name}` });

export { callerHeaders };

export async function gatewayApi(t: ExecutionContext): Promise<{ api: Client; upstream: FakeUpstream }> {
  const upstream = new FakeUpstream();
  const app = createApp({
    tokens: new FakeTokens(),
    upstream,
    logger: silentLogger,
    publicUrl: 'http://localhost:8080',
  });
  return { api: await serve(t, app), upstream };
}
