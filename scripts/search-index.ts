import { reindexDemands } from '#search/demands-sync.ts';
import { reindexResults } from '#search/reindex.ts';
import { applyDemandsSettings, applyResultsSettings, demandsIndexStatus, resultsIndexStatus } from '#search/setup.ts';

/**
 * The start's explicit, logged search step: a missing index is created from the
 * settings in search/ and filled from PostgreSQL; changed settings are reported, not applied.
 */
export async function prepareSearchIndex(log: (l: string) => void): Promise<void> {
  const status = await resultsIndexStatus();
  if (status === 'missing') {
    log('search index missing: applying the settings in search/indexes and indexing every published result…');
    await applyResultsSettings();
    const r = await reindexResults();
    log(`search index ready: ${r.documents} results in ${r.seconds.toFixed(1)} s`);
  } else if (status === 'stale') {
    log('search settings in code differ from the live index: run `npm run search:reindex` (rebuilds and swaps with no downtime).');
  }
  // Demands after results: a demand's document carries its best match among the results.
  const demandsStatus = await demandsIndexStatus();
  if (demandsStatus === 'missing') {
    log('demands index missing: applying the settings in search/indexes/demands.ts and indexing every published demand…');
    await applyDemandsSettings();
    const d = await reindexDemands();
    log(`demands index ready: ${d.documents} demands in ${d.seconds.toFixed(1)} s`);
  } else if (demandsStatus === 'stale') {
    log('demands index settings in code differ from the live index: run `npm run search:reindex`.');
  }
}
