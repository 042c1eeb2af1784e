/**
 * `npm run bench:matching [-- --count 100000 --demands 250 --results 200 --fresh-vectors]`:
 * generated results and demands as real rows in PostgreSQL (.data/bench, shared with
 * bench:search and kept between runs, so the vectors are embedded once), both
 * indexes rebuilt from the stored vectors as `npm run search:embed` does, the model loaded;
 * then `matchesForDemand` over every demand and `matchesForResult` over a sample of
 * results, exactly as the API calls them: p50 / p95 / p99, and how many matches give a
 * semantic reason. Baseline in the same run: the same matching without the embedding
 * (lexical candidates and scores only). Figures only: nothing here asserts a timing.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import { matchesForDemand, matchesForResult, type Matches } from '#app/services/matching.server.ts';
import { zh, type MessageKey } from '#app/i18n/zh.ts';
import { getDb } from '#db/client.ts';
import { demands, organizations, results } from '#db/schema.ts';
import { generateDemands } from '#db/seed/demands.ts';
import { DEMO_ORGANIZATIONS } from '#db/seed/organizations.ts';
import { generateListings } from '#db/seed/results-generator.ts';
import { UNMATCHED_THRESHOLD } from '#domain/matching/score.ts';
import { indexName, meili } from '#search/client.ts';
import { reindexDemands } from '#search/demands-sync.ts';
import { embedAllDemands, embedAllResults } from '#search/embedding/backfill.ts';
import { warmEmbedder } from '#search/embedding/embedder.ts';
import { DEMANDS_INDEX, type DemandDocument } from '#search/indexes/demands.ts';
import { RESULTS_INDEX, type ResultDocument } from '#search/indexes/results.ts';
import { demandProfile, matchContext, rankDemandsForResult, rankResultsForDemand } from '#search/matching.ts';
import { reindexResults } from '#search/reindex.ts';
import {
  embeddingFigure,
  embedWithProgress,
  forgetVectors,
  ms,
  percentiles,
  perSecond,
  reindexWithProgress,
  replaceResults,
  row,
  rssMiB,
  seedSynonyms,
  startBenchServices,
  stats,
  syntheticOrgs,
  upsertOrgs,
  vectorsInIndex,
} from './bench-common.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    demands: { type: 'string', default: '250' },
    results: { type: 'string', default: '200' },
    'fresh-vectors': { type: 'boolean', default: false },
  },
});
const COUNT = Number(values.count);
const DEMANDS = Number(values.demands);
const RESULT_SAMPLE = Number(values.results);
const LIMIT = 20;

// The same PostgreSQL data as bench:search: its stored vectors serve both.
const services = await startBenchServices(path.resolve('.data/bench'), 'benchm_');
try {
  const model = await warmEmbedder();
  if (model.status !== 'ready') throw new Error(`the embedding model is unavailable (${model.reason}): run \`npm run model:install\` or set MODEL_DIR`);
  const db = getDb();
  await db.delete(demands);
  await seedSynonyms();
  // The same 400 synthetic holders as bench:search (same seed, so the same texts: the vectors one
  // embedded, the other reuses), and the demo enterprises, who post the demands.
  const institutions = await upsertOrgs(syntheticOrgs(0, 400));
  const enterprises = await upsertOrgs(
    DEMO_ORGANIZATIONS.filter((o) => o.kind === 'enterprise').map((o) => ({ name: o.name, kind: 'enterprise' as const, regionCode: o.regionCode, creditCode: o.creditCode, description: o.description })),
  );

  console.log(`generating ${COUNT.toLocaleString()} results and ${DEMANDS} demands, inserting them into PostgreSQL…`);
  const rows = await replaceResults(generateListings({ count: COUNT, seed: 42, institutions }));
  // The demands, posted as enterprises would (published, deadline ahead).
  const today = Date.now();
  const inserted = await db
    .insert(demands)
    .values(
      generateDemands({ count: DEMANDS, seed: 7, enterprises }).map((g) => ({
        ownerOrgId: g.ownerOrgId,
        title: g.title,
        description: g.description,
        field: g.field,
        indicators: g.indicators,
        keywords: g.keywords,
        budget: g.budget ? new Decimal(g.budget) : null,
        deadline: new Date(today + 90 * 86_400_000).toISOString().slice(0, 10),
        cooperationModes: g.cooperationModes,
        maturityNeeded: g.maturityNeeded,
        status: 'published' as const,
      })),
    )
    .returning();

  if (values['fresh-vectors']) console.log(`--fresh-vectors: ${(await forgetVectors()).toLocaleString()} stored vectors forgotten`);
  console.log('first embedding (stored vectors are reused)…');
  const embedResults = await embedWithProgress(embedAllResults);
  const embedDemands = await embedWithProgress(embedAllDemands);
  console.log('both indexes from stored vectors…');
  const resultsIndexed = await reindexWithProgress(reindexResults);
  const demandsIndexed = await reindexWithProgress(reindexDemands);
  const [rv, dv] = await Promise.all([vectorsInIndex(indexName(RESULTS_INDEX)), vectorsInIndex(indexName(DEMANDS_INDEX))]);
  if (rv.embedded < rv.documents || dv.embedded < dv.documents) console.warn(`warning: not every document has a vector (results ${rv.embedded}/${rv.documents}, demands ${dv.embedded}/${dv.documents}): the figures below are partly lexical`);

  // A sample of the results, spread over the whole set.
  const step = Math.max(1, Math.floor(rows.length / RESULT_SAMPLE));
  const sample = rows.filter((_, i) => i % step === 0).slice(0, RESULT_SAMPLE);
  const hasSemantic = (m: Matches<{ reasons: Array<{ kind: string }> }>) => m.items.filter((x) => x.reasons.some((r) => r.kind === 'semantic')).length;

  // The baseline: the same calls without the embedding. This copies the two service functions' few lines, minus `embed`.
  const label = (key: string) => zh[key as MessageKey] ?? key;
  const lexicalContext = async () => ({ ...(await matchContext(label)), embed: undefined });
  const resultsIndex = meili().index<ResultDocument>(indexName(RESULTS_INDEX));
  const demandsIndex = meili().index<DemandDocument>(indexName(DEMANDS_INDEX));
  const lexicalForDemand = async (id: string) => {
    const [d] = await db.select().from(demands).where(eq(demands.id, id));
    return rankResultsForDemand(resultsIndex, demandProfile(d!), await lexicalContext(), { limit: LIMIT });
  };
  const lexicalForResult = async (id: string) => {
    const [r] = await db.select().from(results).where(eq(results.id, id));
    const p = { title: r!.title, abstract: r!.abstract, keywords: r!.keywords, field: r!.field, maturity: r!.maturity, price: r!.price?.toFixed(2) ?? null, transferModes: r!.transferModes, holderOrgId: r!.holderOrgId };
    return rankDemandsForResult(demandsIndex, p, await lexicalContext(), { limit: LIMIT });
  };

  // Warm-up (the first calls load the segmenter and open connections), then one client at a time.
  for (const d of inserted.slice(0, 20)) await matchesForDemand(d.id, { limit: LIMIT });
  for (const r of sample.slice(0, 20)) await matchesForResult(r.id, { limit: LIMIT });
  const demandMs: number[] = [];
  const demandLexicalMs: number[] = [];
  let items = 0;
  let semanticItems = 0;
  let withSemantic = 0;
  let best = 0;
  let unmatched = 0;
  for (const d of inserted) {
    let t = performance.now();
    const m = await matchesForDemand(d.id, { limit: LIMIT });
    demandMs.push(performance.now() - t);
    t = performance.now();
    await lexicalForDemand(d.id);
    demandLexicalMs.push(performance.now() - t);
    items += m.items.length;
    const s = hasSemantic(m);
    semanticItems += s;
    if (s > 0) withSemantic++;
    best += m.items[0]?.score ?? 0;
    if ((m.items[0]?.score ?? 0) < UNMATCHED_THRESHOLD) unmatched++;
  }
  const resultMs: number[] = [];
  const resultLexicalMs: number[] = [];
  let resultItems = 0;
  let resultSemanticItems = 0;
  let resultWithSemantic = 0;
  for (const r of sample) {
    let t = performance.now();
    const m = await matchesForResult(r.id, { limit: LIMIT });
    resultMs.push(performance.now() - t);
    t = performance.now();
    await lexicalForResult(r.id);
    resultLexicalMs.push(performance.now() - t);
    resultItems += m.items.length;
    const s = hasSemantic(m);
    resultSemanticItems += s;
    if (s > 0) resultWithSemantic++;
  }

  const [sd, sdl, sr, srl] = [stats(demandMs), stats(demandLexicalMs), stats(resultMs), stats(resultLexicalMs)];
  const orgCount = await db.$count(organizations);
  const n = inserted.length;
  console.log(`
Matching benchmark (${COUNT.toLocaleString()} results, ${n} demands, ${orgCount} organisations, one client at a time, model loaded)
${row('results: first embedding', embeddingFigure(embedResults))}
${row('demands: first embedding', embeddingFigure(embedDemands))}
${row('results: reindex', `${perSecond(resultsIndexed.documents, resultsIndexed.seconds)}; vectors ${rv.embedded.toLocaleString()} of ${rv.documents.toLocaleString()}`)}
${row('demands: reindex', `${perSecond(demandsIndexed.documents, demandsIndexed.seconds)}; vectors ${dv.embedded.toLocaleString()} of ${dv.documents.toLocaleString()}`)}
${row('matchesForDemand', `${percentiles(sd)}  max ${ms(sd.max)}`, 'target p95 ≤ 200 ms')}
${row('  baseline: without meaning', `${percentiles(sdl)}  max ${ms(sdl.max)}   p95 ratio ${(sd.p95 / sdl.p95).toFixed(2)}×`)}
${row('  with a semantic reason', `${semanticItems} of ${items} matches; ${withSemantic} of ${n} demands have one`)}
${row('matchesForResult', `${percentiles(sr)}  max ${ms(sr.max)}   (${sample.length} results against ${n} demands)`)}
${row('  baseline: without meaning', `${percentiles(srl)}  max ${ms(srl.max)}   p95 ratio ${(sr.p95 / srl.p95).toFixed(2)}×`)}
${row('  with a semantic reason', `${resultSemanticItems} of ${resultItems} matches; ${resultWithSemantic} of ${sample.length} results have one`)}
${row(`items per demand (limit ${LIMIT})`, (items / n).toFixed(1))}
${row('mean best score', `${(best / n).toFixed(3)}; under ${UNMATCHED_THRESHOLD}: ${unmatched} of ${n}`)}
${row('Meilisearch resident memory', `${rssMiB(services.meili.pid).toFixed(0)} MiB`)}`);
} finally {
  await services.stop();
}
