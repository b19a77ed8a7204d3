// Consumer verification of gateway -> each app: the real gateway, a client's
// request in, through the Dapr SDK to a stub of the owning app made from the
// contract. The gateway must send the app exactly the interaction's request
// (path from the verified caller, validated query and body, identity headers,
// Idempotency-Key, a form as it came) and give the client the app's answer:
// a success with the route's status, a refusal with its own status, body and
// the headers it needs.
import test from 'ava';
import { gatewayContracts } from './edges/index.ts';
import { gatewayBeforeStubs } from './support/gateway-app.ts';
import { assertMet } from './support/stub-sidecar.ts';

for (const contract of gatewayContracts) {
  for (const interaction of contract.interactions) {
    test(`the gateway sends ${contract.provider} "${interaction.description}" as the contract says and relays the answer`, async (t) => {
      const { send, stub } = await gatewayBeforeStubs(t);
      stub.arm(interaction);
      const reply = await send(interaction.client);
      assertMet(t, stub, interaction);
      const { status, body, example, headers = {} } = interaction.response;
      t.is(reply.status, status);
      t.deepEqual(reply.body, body.parse(example), 'the body as the app gave it');
      for (const name of Object.keys(headers)) t.is(reply.headers.get(name), headers[name] ?? '', name);
      if (contract.provider === 'auth') t.is(reply.headers.get('cache-control'), 'no-store');
    });
  }
}
