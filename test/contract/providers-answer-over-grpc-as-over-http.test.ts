// Provider verification through the gRPC adapter of a provider that has one
// (promotion: Dapr's AppCallback, what its sidecar calls with appProtocol grpc). The
// consumer's HTTP invocation reaches it as AppCallback.OnInvoke; the answer is
// read as the caller's sidecar turns it into HTTP (Dapr 1.18
// pkg/api/http/directmessaging.go): OK is 200 with the app's data, a gRPC error
// the HTTP status of its code. A gRPC app cannot answer 201: the consumer sees
// 200, which is why no consumer may tell "created" from the status.
import test from 'ava';
import { asksToBackOff, InternalRefusal } from '@roomstay/contracts';
import { grpc, listenDual } from '@roomstay/platform/grpc';
import { appCallbackClient, callUnary, sidecarMetadata } from '../../services/promotion/test/support/drivers.ts';
import { invocationContracts } from './edges/index.ts';
import { apps } from './support/apps.ts';

/** The providers with a gRPC adapter. */
const grpcApps = new Set(['promotion']);

/** Dapr's HTTPStatusFromCode, for the codes an app answers. */
const httpStatusOf: Partial<Record<grpc.status, number>> = {
  [grpc.status.INVALID_ARGUMENT]: 400,
  [grpc.status.UNAUTHENTICATED]: 401,
  [grpc.status.PERMISSION_DENIED]: 403,
  [grpc.status.NOT_FOUND]: 404,
  [grpc.status.ABORTED]: 409,
  [grpc.status.FAILED_PRECONDITION]: 400,
  [grpc.status.RESOURCE_EXHAUSTED]: 429,
  [grpc.status.UNAVAILABLE]: 503,
  [grpc.status.DEADLINE_EXCEEDED]: 504,
};

for (const contract of invocationContracts) {
  if (!grpcApps.has(contract.provider)) continue;
  for (const interaction of contract.interactions) {
    const { request, response } = interaction;
    test(`over OnInvoke, ${contract.provider} answers ${contract.consumer}'s "${interaction.description}" with what ${contract.consumer} reads`, async (t) => {
      const { provider } = contract;
      if (provider === 'gateway') return t.fail('the gateway provides nothing to other apps');
      const app = await apps[provider]();
      if (!app.grpc) return t.fail(`${provider} has no gRPC adapter`);
      const given = app.given[interaction.state];
      if (!given) return t.fail(`${provider} knows no state "${interaction.state}"`);
      await given();
      const server = await listenDual(app.grpc, app.app, { port: 0, host: '127.0.0.1' });
      t.teardown(() => server.close());
      const client = appCallbackClient(server.port());
      t.teardown(() => client.close());

      const [path, querystring = ''] = request.path.split('?');
      const answer = await callUnary(
        client,
        'onInvoke',
        {
          method: (path ?? '').replace(/^\//, ''),
          data: {
            typeUrl: '',
            value: Buffer.from(
              request.body === undefined
                ? ''
                : typeof request.body === 'string'
                  ? request.body
                  : JSON.stringify(request.body),
            ),
          },
          contentType: request.body === undefined || typeof request.body === 'string' ? '' : 'application/json',
          httpExtension: { verb: request.method, querystring },
        },
        sidecarMetadata(),
      );
      const wire =
        'error' in answer
          ? { status: httpStatusOf[answer.error.code] ?? 500, body: { code: answer.error.code } }
          : {
              status: 200,
              body: JSON.parse((answer.response as { data: { value: Buffer } }).data.value.toString('utf8')) as unknown,
            };
      const refusal = wire.status === 200 ? InternalRefusal.safeParse(wire.body) : undefined;
      const seen = refusal?.success ? { status: refusal.data.refused.status, body: refusal.data.refused.body } : wire;

      const expected = response.status === 201 ? 200 : response.status;
      t.is(seen.status, expected, `answered ${JSON.stringify(seen.body)}`);
      const read = response.body.safeParse(seen.body);
      t.true(read.success, read.success ? '' : JSON.stringify(read.error.issues));
      const isRefusal = seen.status >= 400 && seen.status < 500 && !asksToBackOff(seen.status, seen.body);
      t.is(wire.status, isRefusal ? 200 : seen.status, isRefusal ? 'a refusal leaves in its envelope' : 'as it is');
    });
  }
}
