// The whole stack stopped as Ctrl-C stops it, and killed at once, under load,
// then started again as `npm start` starts it: nothing committed is lost.
import { stack } from '../support/stack.ts';
import { restartedUnderLoad } from './support/restart.ts';

restartedUnderLoad({
  scenario: 15,
  what: 'The whole stack',
  restart: (signal) => stack.restartAll(signal).then(() => undefined),
  ingressRestarts: true,
});
