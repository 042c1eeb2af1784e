import path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { freshEmbeddedDatabase } from '../scripts/chaos-grants.ts';
import { applyResultsSettings } from '#search/setup.ts';
import { indexName, meili } from '#search/client.ts';
import { RESULTS_INDEX } from '#search/indexes/results.ts';
import { closeDb } from '#db/client.ts';

const services = await freshEmbeddedDatabase(path.resolve('.data/exp'), () => {});
const meiliPid = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).find((p) => { try { const c = readFileSync(`/proc/${p}/cmdline`, 'utf8'); return c.includes('meilisearch') && c.includes('.data/exp'); } catch { return false; } })!;
const ticks = (pid: string) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8'); const r = f.slice(f.lastIndexOf(')') + 2).split(' '); return Number(r[11]) + Number(r[12]); };
try {
  await applyResultsSettings();
  const idx = meili().index(indexName(RESULTS_INDEX));
  const doc = (i: number) => ({ id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, kind: 'result', title: `基准测试成果 ${i} 新型材料制备方法`, abstract: '用于基准测试的科技成果，检验同一成果多次转让时的增值部分计算。'.repeat(3), titleTokens: '基准 测试 成果 新型 材料', bodyTokens: '用于 基准 测试 科技 成果', field: 'new_materials', maturity: 'pilot', transferModes: ['transfer'], keywords: ['材料'], inventors: [], institution: '大学', holderOrgId: 'x', regionCode: '371502', price: null, priceText: null, publishedAt: Date.now(), patentTokens: [], version: 1, titleEn: null, ipType: 'know_how', patentNo: null });
  await idx.addDocuments(Array.from({ length: 3000 }, (_, i) => doc(i)), { primaryKey: 'id' }).waitTask({ timeout: 120000 });
  const pid = meiliPid();
  const plain = meili().index('plain');
  await plain.addDocuments(Array.from({ length: 3000 }, (_, i) => doc(i)), { primaryKey: 'id' }).waitTask({ timeout: 120000 });
  for (const ix of [plain, idx]) { const t0 = ticks(pid); const w0 = performance.now();
    for (let k = 0; k < 20; k++) await ix.addDocuments([doc(k)], { primaryKey: 'id' }).waitTask({ timeout: 30000, interval: 50 });
    console.log(ix.uid, 'ticks/20 single', ticks(pid) - t0, 'wall', (performance.now() - w0).toFixed(0)); }
  { const t0 = ticks(pid); const w0 = performance.now();
    for (let k = 0; k < 20; k++) await idx.getStats();
    console.log('20 getStats', ticks(pid) - t0, (performance.now() - w0).toFixed(0)); }
  for (const mode of ['single', 'batch10', 'single', 'batch10']) {
    const t0 = ticks(pid); const w0 = performance.now();
    for (let k = 0; k < 50; k += mode === 'single' ? 1 : 10) {
      await idx.addDocuments(Array.from({ length: mode === 'single' ? 1 : 10 }, (_, j) => doc(k + j)), { primaryKey: 'id' }).waitTask({ timeout: 30000, interval: 50 });
    }
    console.log(mode, 'cpu ticks for 50 docs', ticks(pid) - t0, 'wall ms', (performance.now() - w0).toFixed(0));
  }
} finally { await closeDb(); await services.stop(); }
