import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const serverOnly = {
  patterns: [
    {
      group: ['#db/*', '#jobs/*', '#search/*', '#scripts/*', '#config/*', 'node:*', '#domain/codes/region.ts', 'postgres', 'drizzle-orm', 'drizzle-orm/*', 'graphile-worker', 'meilisearch', 'stripe'],
      message: 'Server-only: import it from a *.server.ts module, never from code the browser bundle can reach.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['build/**', 'public/build/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
    },
  },
  {
    files: ['app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Code that reaches the browser bundle: everything in app/ except *.server.ts and tests.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/**/*.server.ts', 'app/**/*.server.tsx', 'app/**/*.test.ts', 'app/entry.server.tsx'],
    rules: { 'no-restricted-imports': ['error', serverOnly] },
  },
  {
    // The domain rules stay pure: no I/O, no framework.
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['#db/*', '#jobs/*', '#search/*', '#app/*', '#scripts/*', 'node:fs', 'node:child_process', 'postgres', 'drizzle-orm', '@remix-run/*'], message: 'domain/ is pure: no I/O, no framework.' }] },
      ],
    },
  },
);
