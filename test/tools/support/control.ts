// The control API in process, over a stack that only records what it is asked.
import type { AddressInfo } from 'node:net';
import type { ExecutionContext } from 'ava';
import { controlApp, type ControlledStack } from '../../../tools/stack/control.ts';

export const token = 'control-token-of-this-start';

export interface Recorded {
  /** Every call the stack was given, as `method(args)`. */
  calls: string[];
  /** Sends a request to the control API; `bearer` false sends no Authorization header. */
  send(
    method: string,
    path: string,
    bearer?: string | false,
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
}

export async function recordedControl(t: ExecutionContext): Promise<Recorded> {
  const calls: string[] = [];
  const record = (what: string, ...args: unknown[]) => calls.push(`${what}(${JSON.stringify(args).slice(1, -1)})`);
  const stack: ControlledStack = {
    processes: () => [],
    has: (name) => ['app-promotion', 'daprd-payment', 'kafka'].includes(name),
    appIds: () => ['payment', 'promotion', 'reservation'],
    signal: (name, signal) => void record('signal', name, signal),
    exited: async (name) => void record('exited', name),
    restart: async (name) => void record('restart', name),
    stop: async (name) => void record('stop', name),
    restartAll: async (signal) => void record('restartAll', signal),
    startInstance: async (appId, n, env) => void record('startInstance', appId, n, env),
    stopInstance: async (appId, n) => void record('stopInstance', appId, n),
  };
  const server = controlApp(stack, token).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.teardown(() => void server.close());
  const { port } = server.address() as AddressInfo;
  return {
    calls,
    async send(method, path, bearer = token) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: bearer === false ? {} : { authorization: `Bearer ${bearer}` },
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : text, headers: response.headers };
    },
  };
}
