/**
 * What a long-running command (`npm start`, `npm run infra`) does on Ctrl-C or
 * SIGTERM, or when it gives up: `stop` once, then exit with the code given
 * (0 for a signal).
 */
export function stopOnSignal(stop: () => Promise<void>): (code: number) => Promise<void> {
  let stopping = false;
  const stopAll = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  return stopAll;
}
