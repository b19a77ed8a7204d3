// Promotion, the only process that writes its sql.js files (snapshot and
// journal), stopped and killed under load and started again: nothing
// committed is lost.
import { restartedUnderLoad, restartProcess } from './support/restart.ts';

restartedUnderLoad({
  scenario: 14,
  what: "Promotion's sql.js store (its app)",
  restart: restartProcess('app-promotion'),
});
