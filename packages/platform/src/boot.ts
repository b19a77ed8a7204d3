import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type Koa from 'koa';
import type { Logger } from './log.ts';
import { faultOn } from './faults.ts';

export function portFromEnv(name = 'APP_PORT', fallback?: number): number {
  const raw = process.env[name];
  const port = raw ? Number(raw) : fallback;
  if (!port || !Number.isInteger(port)) throw new Error(`environment variable ${name} must be a port number`);
  return port;
}

/** An environment variable the service cannot start without. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

/** Set when shutdown begins: readiness (/ready) fails from then on, before the listener closes. */
export const lifecycle = { draining: false };

/**
 * How long a stopping app goes on answering before it closes its listener and its idle
 * connections: SHUTDOWN_DRAIN_MS, none unless set. Clients that keep connections alive
 * (an ingress, a load balancer) would otherwise send on a connection the app is closing.
 */
export function drainFromEnv(): number {
  const raw = process.env['SHUTDOWN_DRAIN_MS'];
  const ms = raw === undefined ? 0 : Number(raw);
  if (!Number.isInteger(ms) || ms < 0)
    throw new Error('environment variable SHUTDOWN_DRAIN_MS must be whole milliseconds');
  return ms;
}

/**
 * Serves the app on loopback-or-all per HOST (default 127.0.0.1: only the
 * sidecar calls in) and shuts down gracefully on SIGTERM/SIGINT: readiness
 * fails, and every answer from then on closes its connection, so that a client
 * holding one opens its next elsewhere; after the drain the listener and the
 * idle connections close, in-flight requests finish, then `onShutdown` closes
 * the service's resources. A rolling update loses no request.
 */
export function serve(
  app: Koa,
  options: { port: number; logger: Logger; onShutdown?: () => Promise<void>; drainMs?: number },
): Server {
  const handle = app.callback();
  // Answers being written: when the drain begins, those too are told to close their connection.
  const open = new Set<ServerResponse>();
  const closing = (res: ServerResponse) => {
    // Not a header (an error answer loses its headers): the response's own keep-alive flag.
    res.shouldKeepAlive = false;
  };
  const respond = (req: IncomingMessage, res: ServerResponse) => {
    if (lifecycle.draining) closing(res);
    open.add(res);
    res.once('close', () => open.delete(res));
    return handle(req, res);
  };
  const server = createServer(respond);
  const drainMs = options.drainMs ?? drainFromEnv();
  // Longer than the sidecar's idle keep-alive so it never writes on a closing socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(options.port, process.env['HOST'] ?? '127.0.0.1', () => {
    options.logger.info({ port: options.port }, 'listening');
  });
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      options.logger.info({ signal }, 'shutting down');
      lifecycle.draining = true;
      for (const res of open) closing(res);
      // Let the load balancer see readiness fail before the listener closes.
      await new Promise((resolve) => setTimeout(resolve, drainMs));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      });
      await options.onShutdown?.();
      options.logger.info('stopped');
    })()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  // Proving fault (test profile only): a process that takes requests before it
  // can serve them. An app that does not drain loses nothing here (its sidecar
  // stops routing to it at once and the callers' sidecars retry what was in
  // flight elsewhere), so what a rolling update can really get wrong is the
  // new process: for its first seconds it answers 409, which no policy retries.
  if (faultOn('serve-before-ready')) {
    const serving = Date.now() + 5_000;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const probe = req.url === '/health' || req.url === '/ready';
      if (probe || Date.now() >= serving) return void respond(req, res);
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'conflict', message: 'not ready' } }));
    });
  }
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return server;
}
