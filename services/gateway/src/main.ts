import type { JSONWebKeySet } from 'jose';
import { AppError, createDaprClient, createLogger, invoke, portFromEnv, serve } from '@roomstay/platform';
import { jwksVerifier } from './adapters/tokens.ts';
import { createApp } from './app.ts';

const logger = createLogger('gateway');
const dapr = createDaprClient();
const publicUrl = process.env['PUBLIC_URL'] ?? 'http://localhost:8080';

const tokens = jwksVerifier({
  issuer: process.env['AUTH_ISSUER'] ?? `${publicUrl}/auth`,
  fetchJwks: async () => {
    const result = await invoke(dapr, 'auth', 'GET', '/auth/jwks');
    if (!result.ok)
      throw new AppError('service_unavailable', 'the signing keys cannot be fetched', {
        headers: { 'Retry-After': '5' },
      });
    return result.body as JSONWebKeySet;
  },
});

const app = createApp({
  tokens,
  upstream: { call: (appId, method, path, body, headers) => invoke(dapr, appId, method, path, body, headers) },
  logger,
  publicUrl,
});
// The gateway is the one app that listens beyond loopback when HOST says so (Kubernetes).
serve(app, { port: portFromEnv('APP_PORT', 8080), logger });
