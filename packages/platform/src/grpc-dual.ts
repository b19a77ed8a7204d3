// One port for gRPC and HTTP/1.1: the gRPC server of an app whose sidecar
// speaks gRPC to it, and its Koa app for the probes and HTTP callers.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import type Koa from 'koa';
import { lifecycle } from './boot.ts';
import type { Logger } from './log.ts';

/** Every HTTP/2 connection opens with this (RFC 9113 3.4); gRPC without TLS is HTTP/2 from the first byte. */
const http2Preface = Buffer.from('PRI * HTTP/2.0');

/**
 * The socket as a stream that first gives back what was read to tell the
 * protocol. Node's HTTP/2 session reads a plain socket's handle directly, past
 * anything unshifted into it; a stream of its own it reads through JavaScript.
 */
function replaying(socket: Socket, head: Buffer): Duplex {
  const stream = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, _encoding, done) => void socket.write(chunk, done),
    final: (done) => void socket.end(done),
    destroy: (error, done) => {
      socket.destroy(error ?? undefined);
      done(error);
    },
  });
  stream.push(head);
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  socket.on('error', (error) => stream.destroy(error));
  return stream;
}

export interface DualServer {
  /** The port, once listening (0 asks for a free one). */
  port(): number;
  close(): Promise<void>;
}

/**
 * Serves gRPC and HTTP/1.1 on one port: a connection that opens with the
 * HTTP/2 preface goes to the gRPC server, any other to the Koa app (probes,
 * and routes for callers that speak HTTP). The kubelet and the launcher keep
 * probing /health on the app port while the sidecar speaks gRPC to it.
 */
export async function listenDual(
  grpcServer: grpc.Server,
  app: Koa,
  options: { port: number; host: string },
): Promise<DualServer> {
  const http: HttpServer = createHttpServer(app.callback());
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const injector = grpcServer.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  // The HTTP server never listens itself, so it does not track its connections:
  // each is tracked here with its requests in flight, to end the idle ones on close.
  const inFlight = new Map<Socket, number>();
  let closing = false;
  http.on('request', (request: { socket: Socket }, response: { on(event: 'close', f: () => void): void }) => {
    const socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.on('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (closing && left === 0) socket.end();
    });
  });
  const route = (socket: Socket) => {
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const enough = Math.min(seen.length, http2Preface.length);
      if (seen.length < http2Preface.length && http2Preface.subarray(0, enough).equals(seen.subarray(0, enough))) {
        return; // could still be the preface: wait for more
      }
      socket.off('data', onData);
      if (seen.subarray(0, http2Preface.length).equals(http2Preface)) {
        injector.injectConnection(replaying(socket, seen));
      } else {
        socket.pause();
        socket.unshift(seen);
        inFlight.set(socket, 0);
        socket.on('close', () => inFlight.delete(socket));
        http.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
    socket.on('error', () => socket.destroy());
  };
  const net: NetServer = createNetServer(route);
  await new Promise<void>((resolve, reject) => {
    net.once('error', reject);
    net.listen(options.port, options.host, () => resolve());
  });
  return {
    port: () => {
      const address = net.address();
      return typeof address === 'object' && address ? address.port : options.port;
    },
    close: async () => {
      // No new connections; the listener's close waits for the open ones, which the servers end.
      const closed = new Promise<void>((resolve) => net.close(() => resolve()));
      await Promise.all([
        new Promise<void>((resolve) => {
          closing = true;
          for (const [socket, requests] of inFlight) if (requests === 0) socket.end();
          const check = setInterval(() => {
            if (inFlight.size === 0) {
              clearInterval(check);
              resolve();
            }
          }, 50);
          setTimeout(() => {
            for (const socket of inFlight.keys()) socket.destroy();
            clearInterval(check);
            resolve();
          }, 10_000).unref();
        }),
        new Promise<void>((resolve) => {
          injector.drain(10_000);
          grpcServer.tryShutdown(() => resolve());
          setTimeout(() => {
            grpcServer.forceShutdown();
            resolve();
          }, 10_000).unref();
        }),
      ]);
      await closed;
    },
  };
}

/**
 * Serves gRPC and HTTP on one port (HOST, default 127.0.0.1: only the sidecar
 * calls in) and shuts down as `serve` does: readiness fails, in-flight calls
 * finish, then `onShutdown` closes the service's resources.
 */
export function serveDual(
  grpcServer: grpc.Server,
  app: Koa,
  options: { port: number; logger: Logger; onShutdown?: () => Promise<void> },
): void {
  const listening = listenDual(grpcServer, app, { port: options.port, host: process.env['HOST'] ?? '127.0.0.1' });
  void listening.then(
    () => options.logger.info({ port: options.port, protocols: ['grpc', 'http'] }, 'listening'),
    (error: unknown) => {
      options.logger.error({ err: error }, 'could not listen');
      process.exit(1);
    },
  );
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      options.logger.info({ signal }, 'shutting down');
      lifecycle.draining = true;
      await (await listening).close();
      await options.onShutdown?.();
      options.logger.info('stopped');
    })()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
