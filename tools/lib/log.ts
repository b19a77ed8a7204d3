const started = Date.now();

function stamp(): string {
  return `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
}

/** Progress lines of the launcher and provisioning: `[   1.2s] [kafka] started`. */
export function say(topic: string, message: string): void {
  process.stdout.write(`[${stamp()}] [${topic}] ${message}\n`);
}

export function warn(topic: string, message: string): void {
  process.stderr.write(`[${stamp()}] [${topic}] ${message}\n`);
}
