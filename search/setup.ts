import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { settled } from './tasks.ts';
import { searchIndexState } from '#db/schema.ts';
import { indexName, meili } from './client.ts';
import { DEMANDS_INDEX } from './indexes/demands.ts';
import { RESULTS_INDEX } from './indexes/results.ts';
import { currentDemandsSettings, currentResultsSettings } from './settings.ts';

const WAIT = { timeout: 120_000, interval: 100 };

export function settingsHash(settings: unknown): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
}

/** Creates the index if needed and applies the settings from code; records what was applied. */
export async function applyResultsSettings(uid = indexName(RESULTS_INDEX)): Promise<string> {
  const settings = await currentResultsSettings(getDb());
  const client = meili();
  const exists = await client.index(uid).getRawInfo().then(() => true, () => false);
  if (!exists) await settled(client.createIndex(uid, { primaryKey: 'id' }), WAIT);
  const task = await settled(client.index(uid).updateSettings(settings), WAIT);
  if (task.status !== 'succeeded') throw new Error(`settings not applied: ${task.error?.message ?? task.status}`);
  const hash = settingsHash(settings);
  if (uid === indexName(RESULTS_INDEX)) await recordApplied(uid, hash);
  return hash;
}

export async function recordApplied(uid: string, hash: string, documents?: number): Promise<void> {
  const set = { settingsHash: hash, appliedAt: new Date(), ...(documents === undefined ? {} : { documents }) };
  await getDb()
    .insert(searchIndexState)
    .values({ name: uid, ...set })
    .onConflictDoUpdate({ target: searchIndexState.name, set });
}

/** Compares the live index with the code: 'missing', 'stale' (settings changed) or 'current'. */
export async function resultsIndexStatus(): Promise<'missing' | 'stale' | 'current'> {
  const uid = indexName(RESULTS_INDEX);
  const exists = await meili().index(uid).getRawInfo().then(() => true, () => false);
  if (!exists) return 'missing';
  const [state] = await getDb().select().from(searchIndexState).where(eq(searchIndexState.name, uid));
  const wanted = settingsHash(await currentResultsSettings(getDb()));
  return state?.settingsHash === wanted ? 'current' : 'stale';
}

/** The same for the demands index (settings in search/indexes/demands.ts). */
export async function applyDemandsSettings(uid = indexName(DEMANDS_INDEX)): Promise<string> {
  const settings = await currentDemandsSettings(getDb());
  const client = meili();
  const exists = await client.index(uid).getRawInfo().then(() => true, () => false);
  if (!exists) await settled(client.createIndex(uid, { primaryKey: 'id' }), WAIT);
  const task = await settled(client.index(uid).updateSettings(settings), WAIT);
  if (task.status !== 'succeeded') throw new Error(`settings not applied: ${task.error?.message ?? task.status}`);
  const hash = settingsHash(settings);
  if (uid === indexName(DEMANDS_INDEX)) await recordApplied(uid, hash);
  return hash;
}

export async function demandsIndexStatus(): Promise<'missing' | 'stale' | 'current'> {
  const uid = indexName(DEMANDS_INDEX);
  const exists = await meili().index(uid).getRawInfo().then(() => true, () => false);
  if (!exists) return 'missing';
  const [state] = await getDb().select().from(searchIndexState).where(eq(searchIndexState.name, uid));
  const wanted = settingsHash(await currentDemandsSettings(getDb()));
  return state?.settingsHash === wanted ? 'current' : 'stale';
}
