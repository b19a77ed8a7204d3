// Every app, holding its own tokens, publishes through its own sidecar to every
// topic it does not own; the sidecars refuse by the component's scopes.
import test from 'ava';
import { sidecarFetch } from '../support/operator.ts';
import { apps, refused } from './support/attacks.ts';
import { declaredScopes } from './support/scopes.ts';

test('each app may publish only the topics it owns (and its own dead letters)', async (t) => {
  const scopes = await declaredScopes();
  const topics = [...scopes.topics, 'Anything', '__consumer_offsets'];
  for (const app of apps) {
    for (const topic of topics) {
      if ((scopes.publishes[app] ?? []).includes(topic)) continue;
      const response = await sidecarFetch(app, `/v1.0/publish/pubsub/${topic}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ paymentId: 'PAY-forged', reservationId: 'RSV-forged', paymentPrice: 90_000_000 }),
      });
      const body = await response.text();
      refused(
        t,
        `${app} publishes ${topic}`,
        (response.status === 403 && body.includes('ERR_PUBSUB_FORBIDDEN')) ||
          (response.status === 404 && body.includes('ERR_PUBSUB_NOT_FOUND')),
        `${response.status} ${body.slice(0, 100)}`,
      );
    }
  }
});
