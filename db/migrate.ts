import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { runMigrations } from 'graphile-worker';
import postgres from 'postgres';
import { jobLogger } from '#jobs/logger.ts';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies our migrations and the job queue's schema. Safe to run on every start. */
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder: folder });
  } finally {
    await sql.end();
  }
  await runMigrations({ connectionString: url, logger: jobLogger });
}
