import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '#config/env.ts';
import * as schema from './schema.ts';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

let client: postgres.Sql | undefined;
let db: Db | undefined;

/** The shared pool, opened on first use (importing this module connects to nothing). */
export function getDb(): Db {
  if (!db) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the platform with `npm start`, or set it to an external PostgreSQL.');
    client = postgres(url, {
      max: Number(process.env.DB_POOL_MAX ?? 10),
      onnotice: () => {},
    });
    db = drizzle(client, { schema, casing: 'snake_case' });
  }
  return db;
}

export function getSql(): postgres.Sql {
  getDb();
  return client!;
}

export async function closeDb(): Promise<void> {
  const c = client;
  client = undefined;
  db = undefined;
  await c?.end({ timeout: 5 });
}
