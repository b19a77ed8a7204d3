// A local process speaks to a sidecar's internal port (where other sidecars
// call it) without the certificate Sentry gives, and asks Sentry for a
// certificate in an app's name without that app's token.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import test from 'ava';
import { credentials, Metadata, makeGenericClientConstructor } from '@grpc/grpc-js';
import { layout, refused } from './support/attacks.ts';

const Raw = makeGenericClientConstructor({}, 'Raw');
const trustAnchors = () => readFileSync(new URL('../../.data/sentry/credentials/ca.crt', import.meta.url));

function callLocal(port: number, channel: ReturnType<typeof credentials.createInsecure>): Promise<string | undefined> {
  const client = new Raw(`127.0.0.1:${port}`, channel, {
    // The sidecar's certificate names a SPIFFE ID, not a host; trust the CA only.
    'grpc.ssl_target_name_override': 'payment.roomstay.svc',
  });
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/dapr.proto.internals.v1.ServiceInvocation/CallLocal',
      (value: Buffer) => value,
      (value: Buffer) => value,
      Buffer.alloc(0),
      new Metadata(),
      { deadline: Date.now() + 5000 },
      (error) => {
        client.close();
        resolve(error ? `${error.code} ${error.details}` : undefined);
      },
    );
  });
}

test("every sidecar's internal port refuses plaintext and TLS without a Sentry certificate", async (t) => {
  for (const app of await layout()) {
    const plain = await callLocal(app.daprInternalGRPCPort, credentials.createInsecure());
    refused(t, `plaintext gRPC to ${app.appID}'s internal port`, plain !== undefined, plain);
    const tlsNoCert = await callLocal(
      app.daprInternalGRPCPort,
      credentials.createSsl(trustAnchors(), null, null, { checkServerIdentity: () => undefined }),
    );
    refused(t, `TLS without a client certificate to ${app.appID}'s internal port`, tlsNoCert !== undefined, tlsNoCert);
  }
});

/** Starts a daprd that asks Sentry for a certificate as `appId`; resolves with its log when it exits. */
function sidecarAsking(appId: string, tokenFile: string | undefined): Promise<string> {
  const daprd = process.env['ROOMSTAY_DAPRD'] ?? 'daprd';
  const child = spawn(
    daprd,
    [
      '--app-id',
      appId,
      '--dapr-http-port',
      '3890',
      '--dapr-grpc-port',
      '3891',
      '--dapr-internal-grpc-port',
      '3892',
      '--metrics-port',
      '3893',
      '--dapr-listen-addresses',
      '127.0.0.1',
      '--dapr-internal-grpc-listen-address',
      '127.0.0.1',
      '--metrics-listen-address',
      '127.0.0.1',
      '--enable-mtls',
      '--sentry-address',
      '127.0.0.1:50001',
      '--resources-path',
      '/nonexistent',
      '--placement-host-address',
      '',
      '--scheduler-host-address',
      '',
    ],
    {
      env: {
        PATH: process.env['PATH'] ?? '',
        NAMESPACE: 'roomstay',
        DAPR_TRUST_ANCHORS: trustAnchors().toString(),
        ...(tokenFile ? { DAPR_SENTRY_TOKEN_FILE: tokenFile } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(log);
    });
  });
}

test("Sentry gives no certificate in an app's name without that app's token", async (t) => {
  const tokens = new URL('../../.data/secrets/sentry/', import.meta.url).pathname;
  for (const [attack, appId, tokenFile] of [
    ['as payment with no token', 'payment', undefined],
    ["as payment with roominfo's token", 'payment', `${tokens}roominfo.jwt`],
    ["as gateway with notice's token", 'gateway', `${tokens}notice.jwt`],
  ] as const) {
    const log = await sidecarAsking(appId, tokenFile);
    refused(
      t,
      `a sidecar asks Sentry for a certificate ${attack}`,
      /failed to retrieve the initial identity/.test(log) && /PermissionDenied|InvalidArgument/.test(log),
      /error from sentry[^"]*/.exec(log)?.[0] ?? log.slice(-200),
    );
  }
});
