/**
 * `npm start`: the whole platform from one command. Starts (or reuses) PostgreSQL
 * and Meilisearch, migrates, seeds the demo once, runs the job worker and serves.
 */
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { env, resetEnv } from '#config/env.ts';
import { closeDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { seedDemo } from '#db/seed/index.ts';
import { buildIfStale } from './build-if-stale.ts';
import { demoAccounts, demoLoginsText } from './demo-logins.ts';
import { createHttpApp } from './http-server.ts';
import { ensureServices } from './services/index.ts';
import { startFakeStripe, type FakeStripe } from './services/fake-stripe.ts';
import { superviseWorker } from './services/worker-process.ts';
import { prepareSearchIndex } from './search-index.ts';
import { ensureModel } from './services/model.ts';
import { modelRoot } from '#search/embedding/model.ts';
import { onEmbedderNotice, warmEmbedder } from '#search/embedding/embedder.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = performance.now();
const log = (l: string) => console.log(`[start] ${l}`);
const since = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

process.chdir(root);
buildIfStale(root, log);
const services = await ensureServices({ log, share: true });
for (const s of services.started) log(s);

// Without Stripe keys the demo pays through a local stand-in for Stripe, on loopback.
let fakeStripe: FakeStripe | undefined;
if (!env().STRIPE_SECRET_KEY) {
  const { PORT, HOST } = env();
  fakeStripe = await startFakeStripe({ webhookUrl: `http://${HOST === '0.0.0.0' ? '127.0.0.1' : HOST}:${PORT}/api/v1/payments/stripe/webhook`, log });
  process.env.STRIPE_SECRET_KEY = fakeStripe.secretKey;
  process.env.STRIPE_WEBHOOK_SECRET = fakeStripe.webhookSecret;
  process.env.STRIPE_API_BASE = fakeStripe.url;
  resetEnv();
  log(`Stripe: STRIPE_SECRET_KEY is unset, so payments go to a local fake Stripe on ${fakeStripe.url}`);
}

let server: Server | undefined;
let worker: { stop: () => Promise<void> } | undefined;
let stopping = false;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping…`);
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server?.closeAllConnections();
  await worker?.stop().catch(() => {});
  await closeDb();
  await fakeStripe?.stop();
  await services.stop();
  log('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await migrateDatabase(services.databaseUrl);
  log(`database migrated (${since()})`);
  if (env().SEED_DEMO) {
    const seeded = await seedDemo({ log });
    if (seeded) log(`demo data seeded (${since()})`);
  }
  // The embedding model: fetched once (sha256-checked), then loaded here for query embeddings;
  // without it the platform says so in one line and searches lexically.
  if (env().SEMANTIC_SEARCH) {
    const problem = await ensureModel(modelRoot(env().DATA_DIR, env().MODEL_DIR), log);
    if (problem) log(`embedding model: ${problem}; search and matching run lexical only`);
  }
  onEmbedderNotice(log);
  const model = await warmEmbedder();
  log(model.status === 'ready' ? `embedding model ${model.model} loaded in ${model.loadMs} ms` : `semantic search off (${model.reason}): search and matching run lexical only`);
  await prepareSearchIndex(log);
  if (env().RUN_WORKER) {
    worker = await superviseWorker(process.env, (l) => console.log(l));
    log('job worker running (its own process, restarted if it dies)');
  }
  const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild;
  const app = createHttpApp(build, root);
  const { PORT, HOST } = env();
  server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(PORT, HOST, () => resolve(s)).on('error', reject);
  });
  const shown = HOST === '0.0.0.0' || HOST === '127.0.0.1' ? 'localhost' : HOST;
  console.log(`
  聊城市科技成果转移转化平台 is ready in ${since()}

    http://${shown}:${PORT}/

${demoLoginsText(await demoAccounts())}

  API: http://${shown}:${PORT}/api/v1/openapi.json     Ctrl-C stops everything.
`);
} catch (e) {
  console.error('[start] failed:', e instanceof Error ? e.message : e);
  await worker?.stop().catch(() => {});
  await closeDb().catch(() => {});
  await services.stop();
  process.exit(1);
}
