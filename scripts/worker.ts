/** `npm run worker`: the job worker alone, e.g. one of N worker processes in production. */
import { env } from '#config/env.ts';
import { closeDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { startWorker } from '#jobs/worker.ts';
import { ensureServices } from './services/index.ts';

const services = await ensureServices();
await migrateDatabase(services.databaseUrl);
const runner = await startWorker({ connectionString: services.databaseUrl, concurrency: env().WORKER_CONCURRENCY, grantsConcurrency: env().GRANTS_WORKER_CONCURRENCY });
console.log(`[worker] running with concurrency ${env().WORKER_CONCURRENCY} (grants ${env().GRANTS_WORKER_CONCURRENCY}); Ctrl-C stops it`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await runner.stop();
  await closeDb();
  await services.stop();
  process.exit(0);
}
// Ctrl-C in a terminal reaches PostgreSQL and Meilisearch too: while stopping, a job's
// last write may find them gone. It is retried on the next start; say so in one line.
process.on('uncaughtException', (e) => {
  if (!stopping) {
    console.error(e);
    process.exit(1);
  }
  console.log(`[worker] stopped; a running job could not finish (${e.message}) and runs again on the next start`);
  process.exit(0);
});
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
await runner.promise;
