import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { auditEvents } from '#db/schema.ts';
import { indexName, meili } from '#search/client.ts';
import { RESULTS_INDEX } from '#search/indexes/results.ts';
import { reindexResults } from '#search/reindex.ts';
import { addSynonymGroup } from '#app/services/synonyms.server.ts';
import * as createRoute from '#app/routes/api.v1.results._index.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as searchRoute from '#app/routes/api.v1.search.results.ts';
import { call, json } from './api.ts';
import { createUser, patentInput, tokenOf } from './factories.ts';
import { withSearchAndWorker, within } from './search-harness.ts';

withSearchAndWorker();

async function ids(q: string): Promise<string[]> {
  const res = await call(searchRoute, { path: `/api/v1/search/results?q=${encodeURIComponent(q)}&pageSize=100` });
  return (await json<{ items: Array<{ id: string }> }>(res)).items.map((i) => i.id);
}

describe('reindex', () => {
  it('rebuilds into a new index and swaps it in while searches keep answering', async () => {
    const { token } = await tokenOf();
    const published: string[] = [];
    for (const title of ['一种钙钛矿太阳能电池的封装结构', '钙钛矿薄膜低温溶液法大面积制备技术', '一种钙钛矿叠层电池的界面钝化方法']) {
      const { id } = await json<{ id: string }>(await call(createRoute, { token, body: patentInput({ title }) }));
      await call(publishRoute, { token, params: { id }, method: 'POST' });
      published.push(id);
    }
    await within(10_000, async () => (await ids('钙钛矿')).length === 3);

    const progress: number[] = [];
    const during: number[] = [];
    const searching = (async () => {
      for (let i = 0; i < 20; i++) during.push((await ids('钙钛矿')).length);
    })();
    const r = await reindexResults((p) => progress.push(p.done));
    await searching;
    expect(r.documents).toBe(3);
    expect(progress.at(-1)).toBe(3);
    // Every search during the rebuild saw the whole index: no downtime, no half-built index.
    expect(during.every((n) => n === 3)).toBe(true);
    expect((await ids('钙钛矿')).sort()).toEqual([...published].sort());
    const uids = (await meili().getIndexes({ limit: 100 })).results.map((i) => i.uid).filter((u) => u.startsWith(indexName(RESULTS_INDEX)));
    expect(uids).toEqual([indexName(RESULTS_INDEX)]);
  });
});

describe('synonyms the bureau edits', () => {
  it('reach the index through a job, and are audited', async () => {
    const { token } = await tokenOf();
    const { id } = await json<{ id: string }>(await call(createRoute, { token, body: patentInput({ title: '一种鸭梨采后气调保鲜方法', field: 'agriculture' }) }));
    await call(publishRoute, { token, params: { id }, method: 'POST' });
    await within(10_000, async () => (await ids('鸭梨')).includes(id));
    expect(await ids('冠县梨')).not.toContain(id);
    const bureau = await createUser({ role: 'bureau' });
    const group = await addSynonymGroup(['冠县梨', '鸭梨'], { userId: bureau.id }, { ip: '127.0.0.1' });
    await within(10_000, async () => (await ids('冠县梨')).includes(id));
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, group.id));
    expect(events.map((e) => e.action)).toEqual(['search.synonyms.add']);
  });
});
