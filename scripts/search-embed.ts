/**
 * `npm run search:embed`: the first embedding of the catalogue (after installing the
 * platform on existing data, or a change of model). Embeds every published result and
 * demand without a stored vector, with a progress bar, then rebuilds both indexes from
 * the stored vectors. Prints throughput and this process's peak memory.
 */
import { closeDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { embedAllDemands, embedAllResults } from '#search/embedding/backfill.ts';
import { warmEmbedder } from '#search/embedding/embedder.ts';
import { reindexDemands } from '#search/demands-sync.ts';
import { reindexResults } from '#search/reindex.ts';
import { progressBar } from './progress.ts';
import { ensureServices } from './services/index.ts';

const services = await ensureServices({ log: () => {} });
try {
  await migrateDatabase(services.databaseUrl);
  const model = await warmEmbedder();
  if (model.status !== 'ready') throw new Error(`the embedding model is unavailable (${model.reason}): run \`npm run model:install\``);
  for (const [what, run] of [['results', embedAllResults], ['demands', embedAllDemands]] as const) {
    const t0 = performance.now();
    const stats = await run((p) => progressBar({ ...p, note: `  (${p.embedded} embedded)` }, t0));
    process.stderr.write('\n');
    const s = (performance.now() - t0) / 1000;
    console.log(`${what}: ${stats.embedded} embedded, ${stats.reused} already stored, in ${s.toFixed(1)} s (${(stats.embedded / Math.max(s, 0.001)).toFixed(0)} embedded/s)`);
  }
  const t1 = performance.now();
  const r = await reindexResults((p) => progressBar(p, t1));
  process.stderr.write('\n');
  console.log(`reindexed ${r.documents} results from stored vectors in ${r.seconds.toFixed(1)} s`);
  const t2 = performance.now();
  const d = await reindexDemands((p) => progressBar(p, t2));
  process.stderr.write('\n');
  console.log(`reindexed ${d.documents} demands in ${d.seconds.toFixed(1)} s`);
  console.log(`peak memory of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  await closeDb();
  await services.stop();
}
