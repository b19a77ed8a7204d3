import { silentLogger } from '@roomstay/platform';
import type { ExecutionContext } from 'ava';
import { createApp } from '../../src/app.ts';
import { serve, type Client, testAppToken } from '../../../../packages/platform/test/support/http.ts';
import { InMemoryNotices } from './fakes.ts';

export async function noticeApi(t: ExecutionContext): Promise<{ api: Client; notices: InMemoryNotices }> {
  const notices = new InMemoryNotices();
  return { api: await serve(t, createApp({ notices, logger: silentLogger, appToken: testAppToken })), notices };
}
