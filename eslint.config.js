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
    // Domain code is the business in its own words: it imports nothing outside domain/.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../*', '@roomstay/*', '@dapr/*', 'koa', 'zod', 'node:*'] }],
    },
  },
  {
    // Dapr appears only in adapters and packages/.
    files: ['services/*/src/domain/**/*.ts', 'services/*/src/application/**/*.ts'],
    ignores: [],
    rules: {
      'no-restricted-imports': ['error', { paths: ['@dapr/dapr'], patterns: ['../adapters/*', '../*/adapters/*'] }],
    },
  },
  {
    files: ['tools/ensure-node.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
