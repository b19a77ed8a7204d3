// The attack suite's ledger: every attempt is asserted refused by its status or
// error, and recorded, so that `npm test` can print how many were tried and
// refused (tools/test.ts reads the ledger after the suite).
import { appendFileSync, mkdirSync } from 'node:fs';
import type { ExecutionContext } from 'ava';

const ledgerDir = new URL('../../../.data/security/', import.meta.url);
const ledger = new URL('attacks.jsonl', ledgerDir);

/** Asserts the attack was refused (by the evidence given) and records it. */
export function refused(t: ExecutionContext, attack: string, wasRefused: boolean, evidence: unknown): void {
  mkdirSync(ledgerDir, { recursive: true });
  appendFileSync(ledger, `${JSON.stringify({ attack, refused: wasRefused, evidence })}\n`);
  t.true(wasRefused, `${attack}: not refused (${JSON.stringify(evidence)})`);
}

/** The apps of the stack. */
export const apps = ['gateway', 'auth', 'room', 'reservation', 'payment', 'promotion', 'roominfo', 'notice'] as const;
export type App = (typeof apps)[number];

/** What a failed promise rejected with, or undefined when it did not fail. */
export async function failure(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

interface RunFileApp {
  appID: App;
  appPort: number;
  daprHTTPPort: number;
  daprGRPCPort: number;
  daprInternalGRPCPort: number;
  metricsPort: number;
  /** How its sidecar talks to it (the run file's common protocol when the app names none). */
  appProtocol: string;
}

/** Every app's ports and protocol, as dapr.yaml gives them. */
export async function layout(): Promise<RunFileApp[]> {
  const { readFile } = await import('node:fs/promises');
  const { parse } = await import('yaml');
  const file = parse(await readFile(new URL('../../../dapr.yaml', import.meta.url), 'utf8')) as {
    common: { appProtocol: string };
    apps: (Omit<RunFileApp, 'appProtocol'> & { appProtocol?: string })[];
  };
  return file.apps.map((a) => ({ ...a, appProtocol: a.appProtocol ?? file.common.appProtocol }));
}
