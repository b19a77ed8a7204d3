// Room's sidecar, the only process that opens room's SQLite file, stopped and
// killed under load and started again: nothing committed is lost.
import { restartedUnderLoad, restartProcess } from './support/restart.ts';

restartedUnderLoad({ scenario: 13, what: "Room's SQLite store (its sidecar)", restart: restartProcess('daprd-room') });
