// Unit, in-process API and contract tests run anywhere; test/e2e needs the
// real stack, which `npm test` (tools/test.ts) starts around it.
export default {
  files: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'test/**/*.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  timeout: '3m',
  workerThreads: false,
};
