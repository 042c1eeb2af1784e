import { asc, eq } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { searchSynonyms } from '#db/schema.ts';
import { invalid, notFound } from '#domain/errors.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { forgetSynonymTerms } from '#search/synonym-terms.ts';

type Actor = { userId: string };

export async function listSynonymGroups() {
  return getDb().select().from(searchSynonyms).orderBy(asc(searchSynonyms.updatedAt), asc(searchSynonyms.id));
}

/** Adds a group of equivalent terms (e.g. 锂电, 锂离子电池); the index gets it through a job. */
export async function addSynonymGroup(terms: string[], actor: Actor, meta: { ip: string }) {
  const clean = [...new Set(terms.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (clean.length < 2 || clean.some((t) => t.length > 40)) {
    throw invalid({ terms: { zh: '请至少填写两个等价词，每个不超过 40 字', en: 'Give at least two equivalent terms of at most 40 characters' } });
  }
  return getDb().transaction(async (tx) => {
    const [row] = await tx.insert(searchSynonyms).values({ terms: clean, updatedBy: actor.userId }).returning();
    await audit(tx, { actorUserId: actor.userId, action: 'search.synonyms.add', subjectType: 'search_synonyms', subjectId: row!.id, ip: meta.ip, after: { terms: clean } });
    await enqueue(tx, 'search:apply-settings', {}, { jobKey: 'search:apply-settings' });
    return row!;
  }).finally(forgetSynonymTerms);
}

export async function deleteSynonymGroup(id: string, actor: Actor, meta: { ip: string }) {
  await getDb().transaction(async (tx) => {
    const [row] = await tx.delete(searchSynonyms).where(eq(searchSynonyms.id, id)).returning();
    if (!row) throw notFound();
    await audit(tx, { actorUserId: actor.userId, action: 'search.synonyms.delete', subjectType: 'search_synonyms', subjectId: id, ip: meta.ip, before: { terms: row.terms } });
    await enqueue(tx, 'search:apply-settings', {}, { jobKey: 'search:apply-settings' });
  }).finally(forgetSynonymTerms);
}
