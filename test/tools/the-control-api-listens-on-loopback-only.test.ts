// The control API is for tests on this machine: it listens on 127.0.0.1 only.
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { serveControl, type ControlledStack } from '../../tools/stack/control.ts';

test('the control API listens on 127.0.0.1 and nowhere else', async (t) => {
  const nothing = async () => undefined;
  const stack: ControlledStack = {
    processes: () => [],
    has: () => false,
    appIds: () => [],
    signal: () => undefined,
    exited: nothing,
    restart: nothing,
    stop: nothing,
    restartAll: nothing,
    startInstance: nothing,
    stopInstance: nothing,
  };
  const server = await serveControl(stack, { port: 0, token: 'a-token' });
  t.teardown(() => void server.close());
  t.is((server.address() as AddressInfo).address, '127.0.0.1');
});
