// Consumer verification of gateway -> auth for a token's grant: the gateway's
// real question (tokens.ts daprGrants), through the Dapr SDK, against a stub
// auth made from the contract. It reads both answers; a path that fails gives
// it no answer at all (the verifier then keeps its last one).
import test from 'ava';
import { daprGrants } from '../../services/gateway/src/adapters/tokens.ts';
import { gatewayAuthGrants } from './edges/gateway-auth.ts';
import { assertMet, pathFailures, stubSidecar } from './support/stub-sidecar.ts';

for (const interaction of gatewayAuthGrants.interactions) {
  test(`the gateway asks as the contract says and reads the answer: ${interaction.description}`, async (t) => {
    const stub = await stubSidecar(t, [gatewayAuthGrants]);
    stub.arm(interaction);
    const live = await daprGrants(stub.client)('grant-of-alice');
    t.is(live, (interaction.response.example as { live: boolean }).live);
    assertMet(t, stub, interaction);
  });
}

for (const failure of pathFailures) {
  test(`a question about a grant that fails on its path (${failure}) has no answer`, async (t) => {
    const stub = await stubSidecar(t, [gatewayAuthGrants]);
    stub.failNext(failure);
    await t.throwsAsync(daprGrants(stub.client)('grant-of-alice'));
    t.deepEqual(stub.unmatched, []);
  });
}
