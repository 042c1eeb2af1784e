/** `npm run search:setup`: applies the index settings in search/ (searchable, filterable, synonyms, dictionary…) to the results and demands indexes. */
import { closeDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { applyDemandsSettings, applyResultsSettings } from '#search/setup.ts';
import { ensureServices } from './services/index.ts';

const services = await ensureServices({ log: () => {} });
try {
  await migrateDatabase(services.databaseUrl);
  const hash = await applyResultsSettings();
  console.log(`results index settings applied (${hash})`);
  console.log(`demands index settings applied (${await applyDemandsSettings()})`);
} finally {
  await closeDb();
  await services.stop();
}
