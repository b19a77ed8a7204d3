// The broker stopped and started again at once, then killed and kept down
// longer than a publish retries (dapr/resiliency.yaml's publish policy, each
// attempt waiting on the absent broker: about 90 s in all), under load: the
// events whose publish failed leave with the outbox relays once the broker is
// back; no event is lost end to end, and nothing committed is lost.
import { restartedUnderLoad, restartProcess } from './support/restart.ts';

restartedUnderLoad({
  scenario: 6,
  what: 'The Kafka broker',
  restart: (signal) => restartProcess('kafka', signal === 'SIGKILL' ? 100_000 : 0)(signal),
});
