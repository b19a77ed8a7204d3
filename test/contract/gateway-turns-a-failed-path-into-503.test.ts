// Consumer verification of gateway -> each app, when the path fails: whatever
// the sidecar reports instead of the app's answer (its timeout, an open
// circuit, the app's own 503, a dropped connection), the client gets 503
// service_unavailable, never a sidecar's error body; Retry-After says when to
// try again wherever the sidecar answered.
import test from 'ava';
import { ErrorBody } from '@roomstay/contracts';
import { gatewayContracts } from './edges/index.ts';
import { gatewayBeforeStubs } from './support/gateway-app.ts';
import { pathFailures } from './support/stub-sidecar.ts';

for (const contract of gatewayContracts) {
  const interaction = contract.interactions[0];
  if (!interaction) continue;
  for (const failure of pathFailures) {
    test(`the gateway answers a path to ${contract.provider} that fails (${failure}) with 503`, async (t) => {
      const { send, stub } = await gatewayBeforeStubs(t);
      stub.failNext(failure);
      const reply = await send(interaction.client);
      t.is(reply.status, 503);
      t.is(ErrorBody.parse(reply.body).error.code, 'service_unavailable');
      if (failure === 'timeout' || failure === 'circuit-open') t.truthy(reply.headers.get('retry-after'));
      t.deepEqual(stub.unmatched, []);
    });
  }
}
