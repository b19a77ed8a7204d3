// Redis, reservation's store (and my page's, and the ingress limiter's), stopped
// and killed under load and started again: nothing committed is lost.
import { restartedUnderLoad, restartProcess } from './support/restart.ts';

restartedUnderLoad({ scenario: 11, what: 'Redis', restart: restartProcess('redis') });
