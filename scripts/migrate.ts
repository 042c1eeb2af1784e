/** `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded database. */
import { migrateDatabase } from '#db/migrate.ts';
import { ensureServices } from './services/index.ts';

const services = await ensureServices();
try {
  await migrateDatabase(services.databaseUrl);
  console.log('migrated');
} finally {
  await services.stop();
}
