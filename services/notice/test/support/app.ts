import { silentLogger } from '@roomstay/platform';
import type { ExecutionContext } from 'ava';
import { createApp } from '../../src/app.ts';
import { serve, type Client, testAppToken } from '../../../../packages/platform/test/support/http.ts';
import { InMemoryInboxes } from './fakes.ts';

export async function noticeApi(t: ExecutionContext): Promise<{ api: Client; inboxes: InMemoryInboxes }> {
  const inboxes = new InMemoryInboxes();
  return { api: await serve(t, createApp({ inboxes, logger: silentLogger, appToken: testAppToken })), inboxes };
}
