// The gateway in process with the web package's built files, and raw requests
// that show what was sent (fetch would decompress it and pick its own encodings).
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { ExecutionContext } from 'ava';
import { silentLogger } from '@roomstay/platform';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { createLimits, defaultLimits } from '../../src/adapters/limits.ts';
import { loadSite } from '../../src/adapters/site.ts';
import { createApp } from '../../src/app.ts';
import { serve, type Client } from '../../../../packages/platform/test/support/http.ts';
import { FakeTokens, FakeUpstream } from './fakes.ts';

const webRoot = fileURLToPath(new URL('../../../../packages/web/', import.meta.url));

export async function siteApi(t: ExecutionContext): Promise<{ api: Client; upstream: FakeUpstream }> {
  const upstream = new FakeUpstream();
  const app = createApp({
    tokens: new FakeTokens(),
    upstream,
    limits: createLimits(
      (name, budget) => new RateLimiterMemory({ keyPrefix: name, points: budget.points, duration: budget.seconds }),
      { ...defaultLimits, perClient: { points: 10_000, seconds: 10 } },
    ),
    logger: silentLogger,
    publicUrl: 'http://localhost:8080',
    site: await loadSite(webRoot),
  });
  return { api: await serve(t, app, {}), upstream };
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers, answered with the bytes as sent. */
export function rawGet(url: string, headers: Record<string, string>): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
