/** `npm run db:seed`: adds the demo data parts not seeded yet (idempotent). */
import { closeDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { seedDemo } from '#db/seed/index.ts';
import { ensureServices } from './services/index.ts';

const services = await ensureServices();
try {
  await migrateDatabase(services.databaseUrl);
  const added = await seedDemo({ log: (l) => console.log(`[seed] ${l}`) });
  console.log(added ? 'seeded' : 'demo data already present');
} finally {
  await closeDb();
  await services.stop();
}
