// PostgreSQL, payment's store (and notice's), stopped and killed under load and
// started again: nothing committed is lost.
import { restartedUnderLoad, restartProcess } from './support/restart.ts';

restartedUnderLoad({ scenario: 12, what: 'PostgreSQL', restart: restartProcess('postgres') });
