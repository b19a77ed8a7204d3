// A property-based API tester (Schemathesis) driven by /openapi.json, with a
// valid token, through its coverage, fuzzing and stateful phases, on the real
// stack: no server error, no request the document allows refused for its form,
// every answer as the document says.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import test from 'ava';
import { gatewayUrl, users } from '../support/api.ts';

const st = process.env['ROOMSTAY_SCHEMATHESIS'] ?? 'st';
const workDir = new URL('../../.data/fuzz/', import.meta.url).pathname;
const report = new URL('../../reports/fuzz/latest.txt', import.meta.url).pathname;

function fuzz(token: string, seconds: number, seed: string): Promise<{ code: number; output: string }> {
  mkdirSync(workDir, { recursive: true });
  const child = spawn(
    st,
    [
      '--config-file',
      new URL('schemathesis.toml', import.meta.url).pathname,
      'run',
      `${gatewayUrl}/openapi.json`,
      '--phases',
      'coverage,fuzzing,stateful',
      '--checks',
      'all',
      '--header',
      `Authorization: Bearer ${token}`,
      '--max-time',
      String(seconds),
      '--workers',
      '2',
      '--seed',
      seed,
      '--no-color',
    ],
    { cwd: workDir },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, output })));
}

test('fuzzing the whole API from its OpenAPI document finds no failure', async (t) => {
  // The administrator reaches every operation, the customer ones included.
  const token = await users.admin();
  const seconds = Number(process.env['FUZZ_SECONDS'] ?? 150);
  let { code, output } = await fuzz(token, seconds, process.env['FUZZ_SEED'] ?? String(Date.now() % 1_000_000));
  // Schemathesis 4.32 can crash inside its own generator for some seeds ("Runtime Error", no failure
  // found): that is the tool's error, not the API's; one more run with another seed decides.
  if (code !== 0 && /Runtime Error/.test(output) && !/Failures:/.test(output)) {
    t.log('schemathesis stopped on an error of its own; running again with another seed');
    ({ code, output } = await fuzz(token, seconds, String((Date.now() + 7) % 1_000_000)));
  }
  const summary = output.slice(output.lastIndexOf('SUMMARY'));
  mkdirSync(new URL('../../reports/fuzz/', import.meta.url).pathname, { recursive: true });
  writeFileSync(report, summary);
  const generated = /(\d+) generated/.exec(summary)?.[1];
  t.log(`schemathesis: ${/Test cases:\s*\n\s*(.*)/.exec(summary)?.[1] ?? '?'}`);
  t.truthy(generated && Number(generated) > 1000, `cases generated: ${generated}\n${output.slice(0, 2000)}`);
  t.is(code, 0, output.slice(-6000));
});
