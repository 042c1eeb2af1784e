/**
 * `npm run bench:freshness [-- --singles 30 --burst 300 --concurrency 8 --listings .data/corpus/listings.json]`:
 * how long a listing published through the API takes to become searchable, as a user
 * meets it: a real HTTP server, the job worker in its own process (as `npm start` runs
 * it, with the embedding model), a real PostgreSQL and Meilisearch. It measures
 *   1. single publishes, one at a time: publish response → the document is in the index;
 *   2. a burst: N publishes from `concurrency` clients at once, each timed the same way,
 *      and how long after the last publish the last one became searchable;
 * with baselines measured in the same run: one document added straight to Meilisearch
 * (its own task latency) and one listing's embedding. Texts come from the listings file
 * (the CSL corpus if prepared, docs/real-text-corpus.md; else the dev set).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { resetEnv } from '#config/env.ts';
import { closeDb, getDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { organizations, users } from '#db/schema.ts';
import { makeUscc } from '#domain/codes/uscc.ts';
import { hashPassword } from '#app/services/accounts.server.ts';
import { indexName, meili } from '#search/client.ts';
import { embedText, warmEmbedder } from '#search/embedding/embedder.ts';
import { resultEmbeddingText } from '#search/embedding/vectors.ts';
import type { EvalListing } from '#search/eval.ts';
import { RESULTS_INDEX } from '#search/indexes/results.ts';
import { applyResultsSettings } from '#search/setup.ts';
import { settled } from '#search/tasks.ts';
import { stats } from './bench-common.ts';
import { buildIfStale } from './build-if-stale.ts';
import { createHttpApp } from './http-server.ts';
import { startMeilisearch } from './services/meilisearch.ts';
import { ensureDatabase, startPostgres } from './services/postgres.ts';
import { spawnWorker, stopWorker } from './services/worker-process.ts';

const { values } = parseArgs({
  options: {
    singles: { type: 'string', default: '30' },
    burst: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8' },
    listings: { type: 'string' },
  },
});
const SINGLES = Number(values.singles);
const BURST = Number(values.burst);
const CONCURRENCY = Number(values.concurrency);
const root = process.cwd();
const listingsFile = values.listings ?? (existsSync('.data/corpus/listings.json') ? '.data/corpus/listings.json' : 'test/fixtures/search/listings.json');
const listings = JSON.parse(readFileSync(listingsFile, 'utf8')) as EvalListing[];
if (listings.length < SINGLES + BURST + 1) throw new Error(`${listingsFile} has ${listings.length} listings; ${SINGLES + BURST + 1} are needed`);

const dir = path.resolve('.data/bench-freshness');
rmSync(dir, { recursive: true, force: true });
const [meiliProc, pg] = await Promise.all([startMeilisearch({ dir }), startPostgres({ dir, settings: { fsync: 'off' } })]);
await ensureDatabase(pg.url('postgres'), 'bench');
await migrateDatabase(pg.url('bench'));
Object.assign(process.env, { DATABASE_URL: pg.url('bench'), MEILI_URL: meiliProc.url, MEILI_MASTER_KEY: meiliProc.masterKey, MEILI_INDEX_PREFIX: 'fresh_', MODEL_DIR: process.env.MODEL_DIR ?? path.resolve('.data/models') });
resetEnv();

let server: Server | undefined;
let worker: Awaited<ReturnType<typeof spawnWorker>>['proc'] | undefined;
const PASSWORD = 'Bench-password-2026';
const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  await applyResultsSettings();
  const index = meili().index(indexName(RESULTS_INDEX));
  // A live index is never empty: its first document costs Meilisearch a one-off second or so.
  await settled(index.addDocuments([{ id: 'warm-up', title: '预热文档' }]), { timeout: 60_000, interval: 50 });

  const [org] = await getDb()
    .insert(organizations)
    .values({ name: '基准测试大学', kind: 'university', regionCode: '371502', creditCode: makeUscc('12371502BENCH0001'), status: 'verified', verifiedAt: new Date() })
    .returning();
  await getDb().insert(users).values({ email: 'bench@example.test', passwordHash: await hashPassword(PASSWORD), role: 'org_admin', orgId: org!.id });

  // Baselines: what one document costs Meilisearch alone, and what one listing's embedding costs.
  const model = await warmEmbedder();
  if (model.status !== 'ready') console.log(`note: the embedding model is unavailable (${model.reason}); the worker indexes lexically`);
  const direct: number[] = [];
  const embed: number[] = [];
  for (let i = 0; i < 15; i++) {
    const l = listings[listings.length - 1 - i]!;
    let t = performance.now();
    const vector = await embedText(resultEmbeddingText(l));
    embed.push(performance.now() - t);
    t = performance.now();
    await settled(index.addDocuments([{ id: `direct-${i}`, title: l.title, abstract: l.abstract, _vectors: { bge: vector ? Array.from(vector) : null } }]), { timeout: 60_000, interval: 10 });
    direct.push(performance.now() - t);
  }
  await settled(index.deleteDocuments({ filter: 'id IN [' + direct.map((_, i) => `"direct-${i}"`).join(',') + ']' }), { timeout: 60_000, interval: 10 }).catch(() => undefined);

  const spawned = spawnWorker({ ...process.env }, (l) => console.log(l));
  worker = spawned.proc;
  await spawned.ready;

  buildIfStale(root, (l) => console.log(l));
  const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild;
  server = await new Promise<Server>((resolve) => {
    const s = createHttpApp(build, root).listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`;
  const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.test', password: PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  /** Creates a draft (untimed), returns its id. */
  const draft = async (l: EvalListing): Promise<string> => {
    const { id: _id, institution: _inst, ...body } = l;
    const res = await fetch(`${base}/results`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    if (res.status !== 201 && res.status !== 200) throw new Error(`create: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  /** Publishes; returns when the API answered. */
  const publish = async (id: string): Promise<number> => {
    const res = await fetch(`${base}/results/${id}/publish`, { method: 'POST', headers: auth });
    if (res.status !== 200) throw new Error(`publish: ${res.status} ${await res.text()}`);
    return performance.now();
  };

  /** Polls the index; records when each id first shows. */
  const watch = (ids: string[], timeoutMs: number) => {
    const seen = new Map<string, number>();
    const done = (async () => {
      const t0 = performance.now();
      while (seen.size < ids.length && performance.now() - t0 < timeoutMs) {
        const missing = ids.filter((id) => !seen.has(id));
        for (let i = 0; i < missing.length; i += 500) {
          const part = missing.slice(i, i + 500);
          const res = await index.getDocuments({ filter: `id IN [${part.map((id) => `"${id}"`).join(',')}]`, fields: ['id'], limit: part.length });
          const now = performance.now();
          for (const d of res.results) if (!seen.has(d.id as string)) seen.set(d.id as string, now);
        }
        // Every 20 ms for a few ids; every 100 ms for a burst, so the watching does not load Meilisearch.
        await new Promise((r) => setTimeout(r, ids.length <= 10 ? 20 : 100));
      }
      return seen;
    })();
    return done;
  };

  // 1. Single publishes, one at a time, a second apart.
  const singleIds: string[] = [];
  for (let i = 0; i < SINGLES; i++) singleIds.push(await draft(listings[i]!));
  const singles: number[] = [];
  for (const id of singleIds) {
    const seen = watch([id], 30_000);
    const at = await publish(id);
    const shown = (await seen).get(id);
    singles.push(shown === undefined ? Infinity : shown - at);
    await new Promise((r) => setTimeout(r, 1_000));
  }

  // 2. A burst from several clients at once.
  const burstIds: string[] = [];
  for (let i = 0; i < BURST; i++) burstIds.push(await draft(listings[SINGLES + i]!));
  const publishedAt = new Map<string, number>();
  const seen = watch(burstIds, 300_000);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < burstIds.length) {
        const id = burstIds[next++]!;
        publishedAt.set(id, await publish(id));
      }
    }),
  );
  const lastPublish = Math.max(...publishedAt.values());
  const shownAt = await seen;
  const burstLatency = burstIds.map((id) => (shownAt.has(id) ? shownAt.get(id)! - publishedAt.get(id)! : Infinity));
  const lastShown = Math.max(...burstIds.map((id) => shownAt.get(id) ?? Infinity));
  const tasks = await meili().tasks.getTasks({ indexUids: [indexName(RESULTS_INDEX)], types: ['documentAdditionOrUpdate'], limit: 1_000 });

  const s = stats(singles);
  const b = stats(burstLatency);
  const d = stats(direct);
  const e = stats(embed);
  console.log(`
Freshness benchmark (${path.relative(root, listingsFile)}, texts of ${Math.min(...listings.map((l) => resultEmbeddingText(l).length))}–${Math.max(...listings.map((l) => resultEmbeddingText(l).length))} characters)
  baseline: one document straight into Meilisearch   p50 ${f(d.p50)}  p95 ${f(d.p95)}
  baseline: one listing's embedding                   p50 ${f(e.p50)}  p95 ${f(e.p95)}
  single publish → searchable (${SINGLES}, 1 s apart)    p50 ${f(s.p50)}  p95 ${f(s.p95)}  max ${f(s.max)}   target p95 ≤ 2 s   (p95 ${(s.p95 / d.p95).toFixed(1)}× the direct add)
  burst of ${BURST} from ${CONCURRENCY} clients: published in ${f(lastPublish - t0)}
    each publish → searchable                         p50 ${f(b.p50)}  p95 ${f(b.p95)}  max ${f(b.max)}
    all searchable after the last publish             ${f(lastShown - lastPublish)}   target ≤ 10 s
    not searchable after 5 minutes                    ${burstLatency.filter((x) => x === Infinity).length}
  Meilisearch document tasks in the whole run         ${tasks.results.length}`);
} finally {
  server?.close();
  if (worker) await stopWorker(worker);
  await closeDb();
  await Promise.all([meiliProc.stop(), pg.stop()]);
}
