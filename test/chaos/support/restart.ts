// One shape for every "restarted under load" scenario: a customer reserves and
// pays in a steady stream; a few seconds in, the process that owns a store is
// stopped (SIGTERM, as an orderly shutdown) or killed (SIGKILL, as a crash) and
// started again while the stream goes on; then the audit (audit.ts) looks for
// anything committed that was lost. Both signals run, one after the other.
import test from 'ava';
import { reservableRoom, users } from '../../support/api.ts';
import { stack } from '../../support/stack.ts';
import { endOffsets } from '../../support/kafka.ts';
import { auditAfterRestart, kinds, type AuditFigures } from './audit.ts';
import { noLostRequests, reserveAndPay, stays } from './load.ts';
import { figure, reportFailures } from './report.ts';

const signals = ['SIGTERM', 'SIGKILL'] as const;
type Signal = (typeof signals)[number];

export interface RestartScenario {
  scenario: number;
  /** What is restarted, as the report names it: "Redis", "the whole stack". */
  what: string;
  /** Stops or kills what the scenario restarts, and starts it again; resolves once it answers. */
  restart: (signal: Signal) => Promise<void>;
  /**
   * Whether clients may meet closed connections while it is down (the ingress itself is
   * restarted): then requests without an answer are counted, not refused.
   */
  ingressRestarts?: boolean;
}

/**
 * Restarts one process of the stack by name (`redis`, `postgres`, `daprd-room`, `app-promotion`): for
 * SIGTERM, stopped as the launcher stops it (its own stop signal: PostgreSQL's is SIGINT, a fast
 * shutdown, since SIGTERM waits for every client to leave), for SIGKILL killed with its process group;
 * started again after `downMs`.
 */
export const restartProcess =
  (name: string, downMs = 0) =>
  async (signal: Signal) => {
    if (signal === 'SIGTERM') await stack.stop(name);
    else await stack.signal(name, signal, true);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await stack.restart(name);
  };

export function restartedUnderLoad(scenario: RestartScenario): void {
  const title = `${scenario.what} stopped and killed under load`;
  reportFailures(scenario.scenario, title);
  test(`${scenario.what} stopped or killed under load and started again loses nothing committed`, async (t) => {
    // A customer of these scenarios alone: the audit reads the whole of its my page.
    const customer = await users.carol();
    const outcomes: Array<{ signal: Signal; downMs: number; unanswered: number } & AuditFigures> = [];
    for (const [n, signal] of signals.entries()) {
      const roomId = await reservableRoom(60_000 + n * 10_000);
      const eventsSince = await endOffsets(kinds);
      const load = reserveAndPay({
        token: customer,
        roomId,
        stays: stays(scenario.scenario * 10 + n),
        connections: 8,
        seconds: 15,
      });
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const from = Date.now();
      await scenario.restart(signal);
      const backAt = Date.now();
      const result = await load;
      if (!scenario.ingressRestarts) noLostRequests(t, result);
      const audited = await auditAfterRestart(t, {
        token: customer,
        roomId,
        result,
        outage: { from, backAt },
        eventsSince,
      });
      outcomes.push({ signal, downMs: backAt - from, unanswered: result.errors, ...audited });
    }
    const line = outcomes
      .map(
        (o) =>
          `${o.signal}: back in ${(o.downMs / 1000).toFixed(1)} s; ${o.reservations} reservations all readable, paid (${o.retried} after the load, as returning clients), nights held, one payment each, every event once by id (${o.repeats} republished under the same id), my page matches; ${o.serverErrors} answers 5xx within ${(o.serverErrorSpanMs / 1000).toFixed(1)} s${scenario.ingressRestarts ? `, ${o.unanswered} requests met a closed ingress` : ''}`,
      )
      .join('. ');
    await figure(t, scenario.scenario, title, line, { outcomes });
  });
}
