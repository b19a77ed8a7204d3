// The boundaries of the style guide, as `npm run lint` enforces them: a domain
// file imports only domain files, and use cases reach Dapr, gRPC and the adapters
// only through ports. Each case lints one line as if it were in that file.
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { ESLint } from 'eslint';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${source}';\nexport const y = x;\n`, { filePath: file });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`could not lint ${file}: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const domainFile = 'services/promotion/src/domain/promotion.ts';
const applicationFile = 'services/promotion/src/application/promotions.ts';

for (const forbidden of [
  '@roomstay/platform',
  '@roomstay/contracts',
  'node:crypto',
  'crypto',
  'zod',
  '@dapr/dapr',
  '../application/ports.ts',
  '../adapters/http.ts',
  './../adapters/http.ts',
]) {
  test(`a domain file importing ${forbidden} fails lint`, async (t) => {
    const messages = await restrictedImports(domainFile, forbidden);
    t.is(messages.length, 1, `no error for importing ${forbidden}`);
    t.regex(messages[0] ?? '', /domain\/ imports only domain\//);
  });
}

test('a domain file importing another domain file passes lint', async (t) => {
  t.deepEqual(await restrictedImports(domainFile, './money.ts'), []);
});

for (const forbidden of [
  '@dapr/dapr',
  '@grpc/grpc-js',
  '@roomstay/platform/dapr',
  '@roomstay/platform/grpc',
  '../adapters/http.ts',
  '../adapters',
  './adapters',
  './adapters.ts',
  '../../src/adapters/dapr-repositories.ts',
]) {
  test(`a use case importing ${forbidden} fails lint`, async (t) => {
    const messages = await restrictedImports(applicationFile, forbidden);
    t.is(messages.length, 1, `no error for importing ${forbidden}`);
    t.regex(messages[0] ?? '', /application\/ reaches/);
  });
}

test('a use case importing the domain and the shared packages passes lint', async (t) => {
  for (const allowed of ['../domain/promotion.ts', './ports.ts', '@roomstay/platform', '@roomstay/contracts']) {
    t.deepEqual(await restrictedImports(applicationFile, allowed), [], allowed);
  }
});
