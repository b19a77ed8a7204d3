// Provider verification of the gateway's edges, for the wrong caller: an
// interaction that carries a customer's identity is believed only when the
// sidecars attest that the gateway sent it. The same request from another
// app (payment, here) is refused 403 forbidden, in its envelope.
import test from 'ava';
import { ErrorBody } from '@roomstay/contracts';
import { identityHeaders } from '@roomstay/platform';
import { gatewayContracts } from './edges/index.ts';
import { apps } from './support/apps.ts';
import { replay } from './support/replay.ts';

const withIdentity = gatewayContracts.flatMap((contract) =>
  contract.interactions
    .filter((i) => i.request.headers?.[identityHeaders.customerId] !== undefined)
    .map((interaction) => ({ provider: contract.provider, interaction })),
);

test('some interactions of the gateway carry a caller identity', (t) => {
  t.true(withIdentity.length >= 10);
});

for (const { provider, interaction } of withIdentity) {
  test(`${provider} refuses "${interaction.description}" when another app than the gateway sends it`, async (t) => {
    if (provider === 'gateway') return t.fail('the gateway provides nothing to other apps');
    const app = await apps[provider]();
    await app.given[interaction.state]?.();
    const { wire, seen } = await replay(t, app.app, interaction.request, 'payment');
    t.is(seen.status, 403);
    t.is(ErrorBody.parse(seen.body).error.code, 'forbidden');
    t.is(wire.status, 200, 'a refusal leaves in its envelope');
  });
}
