// A steady load from the node's network (a client outside the cluster), as
// siege gave the original's: `connections` clients, each sending its next GET
// as soon as the last is answered (kept-alive connections unless said), until
// stopped; no answer within 2 s counts as none.
import { spawn } from 'node:child_process';
import type { ExecutionContext } from 'ava';
import { nsenterArgs } from '../../../tools/k8s/node/namespaces.ts';

export interface Answer {
  /** When it was sent, ms after the load began. */
  at: number;
  latencyMs: number;
  /** 0: no answer (refused, reset, or none within the client's 2 s). */
  status: number;
  error?: string;
}

export interface Load {
  /** Stops sending and resolves with every answer, and when the load began (ms since the epoch). */
  stop: () => Promise<{ began: number; answers: Answer[] }>;
}

const client = (url: string, connections: number, keepAlive: boolean, pauseMs: number) => `
const http = require('node:http');
const agent = ${keepAlive} ? new http.Agent({ keepAlive: true }) : false;
let stopping = false;
process.stdin.on('end', () => (stopping = true));
process.stdin.resume();
const began = Date.now();
const answers = [];
const ask = () =>
  new Promise((resolve) => {
    const request = http.get(${JSON.stringify(url)}, { agent, timeout: 2000 }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode }));
      response.on('error', (e) => resolve({ status: 0, error: e.code ?? e.message }));
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    request.on('error', (e) => resolve({ status: 0, error: e.code ?? e.message }));
  });
async function client() {
  while (!stopping) {
    const sent = Date.now();
    const { status, error } = await ask();
    answers.push({ at: sent - began, latencyMs: Date.now() - sent, status, error });
    if (${pauseMs}) await new Promise((resolve) => setTimeout(resolve, ${pauseMs}));
  }
}
Promise.all(Array.from({ length: ${connections} }, client)).then(() => process.stdout.write(JSON.stringify({ began, answers })));
`;

/**
 * `keepAlive` false: a new connection per request, so that the Service's rules choose a pod
 * for every request (as many independent clients would), not once per connection; `pauseMs`
 * between a client's requests (a flood of new connections is a test of conntrack, not of the app).
 */
export function startLoad(
  t: ExecutionContext,
  url: string,
  options: { connections?: number; keepAlive?: boolean; pauseMs?: number } = {},
): Load {
  const { connections = 4, keepAlive = true, pauseMs = 0 } = options;
  const holder = process.env['ROOMSTAY_NODE_HOLDER'];
  if (!holder) throw new Error('ROOMSTAY_NODE_HOLDER is not set: run through `npm run test:cluster`');
  const child = spawn(
    'nsenter',
    nsenterArgs(holder, process.execPath, ['-e', client(url, connections, keepAlive, pauseMs)]),
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<{ began: number; answers: Answer[] }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out) as { began: number; answers: Answer[] });
      } catch {
        reject(new Error(`the load client printed no answers: ${out.slice(0, 500)}`));
      }
    });
  });
  const stop = () => {
    child.stdin.end();
    return done;
  };
  // A test that fails before it stops the load still stops it.
  t.teardown(() =>
    stop().then(
      () => undefined,
      () => undefined,
    ),
  );
  return { stop };
}

export function summary(answers: readonly Answer[]): {
  requests: number;
  failed: Answer[];
  availability: number;
  p99Ms: number;
} {
  const failed = answers.filter((a) => a.status !== 200);
  const latencies = answers.map((a) => a.latencyMs).sort((a, b) => a - b);
  return {
    requests: answers.length,
    failed,
    availability: answers.length ? (answers.length - failed.length) / answers.length : 0,
    p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
  };
}
