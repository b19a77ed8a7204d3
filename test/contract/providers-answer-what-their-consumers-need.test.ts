// Provider verification: every interaction of every invocation contract,
// replayed against the real provider app put in the state the interaction
// names. The provider must answer the status the consumer expects with a body
// that has every field the consumer reads, and a business refusal must leave
// the app inside its envelope (so no circuit breaker counts it).
import test from 'ava';
import { asksToBackOff } from '@roomstay/contracts';
import { invocationContracts } from './edges/index.ts';
import { apps } from './support/apps.ts';
import { replay } from './support/replay.ts';

for (const contract of invocationContracts) {
  for (const interaction of contract.interactions) {
    const { request, response } = interaction;
    test(`${contract.provider} answers ${contract.consumer}'s "${interaction.description}" with ${response.status} and what ${contract.consumer} reads`, async (t) => {
      const { provider } = contract;
      if (provider === 'gateway') return t.fail('the gateway provides nothing to other apps');
      const app = await apps[provider]();
      const given = app.given[interaction.state];
      if (!given) return t.fail(`${provider} knows no state "${interaction.state}"`);
      await given();

      const { wire, seen } = await replay(t, app.app, request, contract.consumer);

      t.is(seen.status, response.status, `answered ${JSON.stringify(seen.body)}`);
      const read = response.body.safeParse(seen.body);
      t.true(read.success, read.success ? '' : JSON.stringify(read.error.issues));
      const refusal = seen.status >= 400 && seen.status < 500 && !asksToBackOff(seen.status, seen.body);
      t.is(wire.status, refusal ? 200 : seen.status, refusal ? 'a refusal leaves in its envelope' : 'as it is');
      for (const name of Object.keys(response.headers ?? {})) {
        t.truthy(seen.headers.get(name), `the answer carries ${name}`);
      }
    });
  }
}
