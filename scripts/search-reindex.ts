/** `npm run search:reindex`: rebuilds the results index, then the demands index, from PostgreSQL and swaps each in, with a progress bar. */
import { closeDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { reindexDemands } from '#search/demands-sync.ts';
import { reindexResults } from '#search/reindex.ts';
import { progressBar as bar } from './progress.ts';
import { ensureServices } from './services/index.ts';

const services = await ensureServices({ log: () => {} });
try {
  await migrateDatabase(services.databaseUrl);
  const t0 = performance.now();
  const r = await reindexResults((p) => bar(p, t0));
  process.stderr.write('\n');
  console.log(`reindexed ${r.documents} results in ${r.seconds.toFixed(1)} s and swapped them in`);
  const t1 = performance.now();
  const d = await reindexDemands((p) => bar(p, t1));
  process.stderr.write('\n');
  console.log(`reindexed ${d.documents} demands in ${d.seconds.toFixed(1)} s and swapped them in`);
} finally {
  await closeDb();
  await services.stop();
}
