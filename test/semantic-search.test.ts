import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnv } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { results, textEmbeddings } from '#db/schema.ts';
import { indexName, meili } from '#search/client.ts';
import { embedderState, resetEmbedder, warmEmbedder } from '#search/embedding/embedder.ts';
import { resultEmbeddingText, textHash } from '#search/embedding/vectors.ts';
import { RESULTS_INDEX } from '#search/indexes/results.ts';
import { reindexResults } from '#search/reindex.ts';
import { matchesForDemand } from '#app/services/matching.server.ts';
import * as demandsRoute from '#app/routes/api.v1.demands._index.ts';
import * as createRoute from '#app/routes/api.v1.results._index.ts';
import * as resultRoute from '#app/routes/api.v1.results.$id.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as searchResultsRoute from '#app/routes/api.v1.search.results.ts';
import * as searchDemandsRoute from '#app/routes/api.v1.search.demands.ts';
import { call, json } from './api.ts';
import { demandInput, login, withDemandSearch } from './demands-harness.ts';
import { patentInput } from './factories.ts';
import { within } from './search-harness.ts';

withDemandSearch();

type Hits = { items: Array<{ id: string; title: string }>; total: number };

async function searchResults(q: string, extra = ''): Promise<Hits & { status: number }> {
  const res = await call(searchResultsRoute, { path: `/api/v1/search/results?q=${encodeURIComponent(q)}${extra}` });
  return { status: res.status, ...(await json<Hits>(res)) };
}

async function publish(token: string, over: Record<string, unknown>): Promise<string> {
  const created = await json<{ id: string }>(await call(createRoute, { token, body: patentInput(over) }));
  expect((await call(publishRoute, { token, params: { id: created.id }, method: 'POST' })).status).toBe(200);
  return created.id;
}

/** Waits until the sweep has brought this result's row and index copy in line. */
async function indexed(id: string): Promise<void> {
  await within(20_000, async () => {
    const [row] = await getDb().select({ v: results.version, iv: results.indexedVersion }).from(results).where(eq(results.id, id));
    return row!.iv >= row!.v;
  });
}

async function storedVectorCount(): Promise<number> {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(textEmbeddings);
  return row!.n;
}

async function indexedVector(id: string): Promise<number[] | null> {
  const doc = await meili()
    .index(indexName(RESULTS_INDEX))
    .getDocument(id, { retrieveVectors: true } as never);
  const v = (doc as { _vectors?: { bge?: { embeddings?: number[][] } } })._vectors?.bge?.embeddings?.[0];
  return v ?? null;
}

/** Runs `body` with the model files missing (an empty MODEL_DIR), then puts the model back. */
async function withoutModel<T>(body: () => Promise<T>): Promise<T> {
  const saved = process.env.MODEL_DIR;
  process.env.MODEL_DIR = mkdtempSync(path.join(os.tmpdir(), 'no-model-'));
  resetEnv();
  resetEmbedder();
  try {
    return await body();
  } finally {
    process.env.MODEL_DIR = saved;
    resetEnv();
    resetEmbedder();
  }
}

afterEach(async () => {
  await warmEmbedder();
});

describe('vectors as data', () => {
  it('embeds a listing in the sync job, stores it by the hash of its text, sends it to Meilisearch, and never embeds the same text twice', async () => {
    const { token } = await login('university');
    const id = await publish(token, { title: '一种秸秆生物质颗粒燃料成型设备', abstract: '将玉米秸秆粉碎后压制成型为颗粒燃料，热值高、灰分低，适用于农村清洁取暖和生物质锅炉。', keywords: ['生物质', '颗粒燃料'] });
    await indexed(id);
    const [row] = await getDb().select().from(results).where(eq(results.id, id));
    const [stored] = await getDb().select().from(textEmbeddings).where(eq(textEmbeddings.textHash, textHash(resultEmbeddingText(row!))));
    expect(stored?.dimensions).toBe(512);
    const inIndex = await indexedVector(id);
    expect(inIndex).toHaveLength(512);
    expect(inIndex![0]).toBeCloseTo(stored!.vector[0]!, 4);

    // An edit that leaves the text alone bumps the version and syncs again, without a new vector.
    const before = await storedVectorCount();
    expect((await call(resultRoute, { token, method: 'PATCH', params: { id }, body: { price: '880000.00' } })).status).toBe(200);
    await indexed(id);
    expect(await storedVectorCount()).toBe(before);

    // A reindex from PostgreSQL runs no model: the count stays and the document keeps its vector.
    await reindexResults();
    expect(await storedVectorCount()).toBe(before);
    expect(await indexedVector(id)).toHaveLength(512);
  });
});

describe('hybrid search', () => {
  it('finds a listing by meaning where no word of the query is in it, and not without the model', async () => {
    const { token } = await login('university');
    const id = await publish(token, {
      title: '设施大棚番茄灰霉病生物防治技术',
      abstract: '利用拮抗木霉菌和枯草芽孢杆菌制剂防治温室番茄灰霉病，防效 75% 以上，减少化学农药用量一半。',
      keywords: ['灰霉病', '生物防治', '番茄'],
      field: 'agriculture',
    });
    await indexed(id);
    const q = '西红柿发霉烂果怎么用微生物来治';
    const lexical = await withoutModel(() => searchResults(q));
    expect(lexical.status).toBe(200);
    expect(lexical.items.some((i) => i.id === id)).toBe(false);
    const hybrid = await searchResults(q);
    expect(hybrid.items.some((i) => i.id === id)).toBe(true);
    // Facets and filters still apply to what meaning adds.
    expect((await searchResults(q, '&field=biomedicine')).items.some((i) => i.id === id)).toBe(false);
  });

  it('brings an English query to Chinese before searching', async () => {
    const { token } = await login('university');
    const id = await publish(token, { title: '钙钛矿太阳能电池稳定封装工艺', abstract: '通过原子层沉积氧化铝阻隔层封装钙钛矿太阳能电池，湿热老化 1000 小时后效率保持 90%。', keywords: ['钙钛矿', '太阳能电池'] });
    await indexed(id);
    const hits = await searchResults('perovskite solar cell encapsulation');
    expect(hits.items[0]?.id).toBe(id);
  });

  it('keeps the exact path for a patent number', async () => {
    const { token } = await login('university');
    const input = patentInput({ title: '一种盾构机主轴承密封结构' });
    const id = await publish(token, input);
    await indexed(id);
    const hits = await searchResults(String(input.patentNo));
    expect(hits.items.map((i) => i.id)).toEqual([id]);
  });
});

describe('bad queries', () => {
  const queries = ['锂电池'.repeat(1_700), '🔋⚡️🚗💨', 'CNC数控机床 лазер レーザー 激光', '？！。，、；：……——（）', '   ', '%%%___***'];

  it('answers every odd query with a 200 and a list, for results and for demands', async () => {
    const { token } = await login('enterprise');
    for (const q of queries) {
      const r = await searchResults(q);
      expect(r.status, q.slice(0, 20)).toBe(200);
      expect(Array.isArray(r.items)).toBe(true);
      const d = await call(searchDemandsRoute, { token, path: `/api/v1/search/demands?q=${encodeURIComponent(q)}` });
      expect(d.status, q.slice(0, 20)).toBe(200);
      expect(Array.isArray((await json<Hits>(d)).items)).toBe(true);
    }
  });
});

describe('without the model', () => {
  it('says why in one line and still indexes, searches and matches, lexically', async () => {
    const { token } = await login('university');
    const enterprise = await login('enterprise');
    await withoutModel(async () => {
      const id = await publish(token, { title: '高炉煤气余热回收发电系统', abstract: '回收钢铁厂高炉煤气余热用于发电，吨铁发电量提高 15%。', keywords: ['余热回收', '高炉煤气'], field: 'resources_environment_energy' });
      await indexed(id);
      expect(embedderState()).toMatchObject({ status: 'unavailable' });
      expect(await indexedVector(id)).toBeNull();
      const hits = await searchResults('余热回收');
      expect(hits.status).toBe(200);
      expect(hits.items.some((i) => i.id === id)).toBe(true);
      const created = await call(demandsRoute, { token: enterprise.token, body: demandInput({ title: '钢厂高炉煤气余热回收利用', keywords: ['余热回收'], field: 'resources_environment_energy' }) });
      expect(created.status).toBe(201);
      const demandId = (await json<{ id: string }>(created)).id;
      const matches = await matchesForDemand(demandId);
      expect(matches.items.some((m) => m.id === id)).toBe(true);
      expect(matches.items.flatMap((m) => m.reasons).some((r) => r.kind === 'semantic')).toBe(false);
    });
  });
});

describe('matching on meaning', () => {
  it('offers a result written in other words, with the reason 语义相近', async () => {
    const { token } = await login('university');
    const enterprise = await login('enterprise');
    const id = await publish(token, {
      title: '畜禽粪污厌氧发酵制沼气及沼渣有机肥技术',
      abstract: '养殖场粪便与秸秆混合厌氧发酵，产沼气发电供热，沼渣沼液制成有机肥还田，实现种养循环。',
      keywords: ['厌氧发酵', '沼气', '有机肥'],
      field: 'agriculture',
    });
    await indexed(id);
    const created = await call(demandsRoute, {
      token: enterprise.token,
      body: demandInput({ title: '养猪场臭味和猪粪处理难题', description: '我们养猪场每天产生大量猪粪，臭味大、周边村民投诉，想找到把猪粪变废为宝的办法。', keywords: ['猪粪处理'], field: 'agriculture' }),
    });
    expect(created.status).toBe(201);
    const matches = await matchesForDemand((await json<{ id: string }>(created)).id);
    const match = matches.items.find((m) => m.id === id);
    expect(match).toBeDefined();
    expect(match!.reasons.some((r) => r.kind === 'semantic' && r.text.startsWith('语义相近'))).toBe(true);
  });
});
