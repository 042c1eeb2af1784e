import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['domain/**/*.test.ts', '**/*.unit.test.ts'],
          exclude: ['node_modules/**', 'build/**', '.data/**'],
          setupFiles: ['test/setup/console.ts'],
          // Property tests and the 20k-listing generator checks run long on a loaded 2-core machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'db/**/*.test.ts', 'jobs/**/*.test.ts', 'search/**/*.test.ts', 'app/**/*.test.ts'],
          exclude: ['test/e2e/**', '**/*.unit.test.ts', 'domain/**', 'node_modules/**'],
          globalSetup: ['test/setup/global.ts'],
          setupFiles: ['test/setup/console.ts', 'test/setup/worker-db.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
});
