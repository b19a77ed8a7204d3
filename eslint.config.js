import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.cache/**', '**/.dapr/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    // Domain code is the business in its own words: a domain file imports only
    // its neighbours in domain/ ("./..."), never a package (npm, node:, @roomstay/*)
    // nor application/ or adapters/. One block per file set: flat config gives a
    // file the last block's options of a rule, so a second block naming domain
    // files would replace this one.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./(?!.*\\.\\./))',
              message:
                'domain/ imports only domain/ ("./..."): no packages, node:, @roomstay/*, application or adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases speak no protocol: Dapr (@dapr/*), gRPC (@grpc/*), platform's
    // protocol subpaths (every subpath of @roomstay/platform: ./dapr, ./grpc;
    // its root is the protocol-free plumbing) and the service's adapters/ (a
    // folder, a file or a module named adapters) appear only in adapters/ and
    // main.ts. Use cases reach them through ports.
    files: ['services/*/src/application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@dapr/|^@grpc/|^@roomstay/platform/|(^|/)adapters(/|\\.ts$|$)',
              message: 'application/ reaches Dapr, gRPC and adapters through ports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tools/node.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
