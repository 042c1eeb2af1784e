import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as queuePage from '#app/routes/bureau.contracts.tsx';
import * as exportRoute from '#app/routes/bureau.contracts.export.ts';
import { call, json } from './api.ts';
import { bureauToken, deal, registered, submitted, type ContractBody, type Deal } from './contract-fixtures.ts';

type Queue = { items: Array<{ id: string; status: string; registrationNo: string | null }>; total: number; status: string | null; q: string };

let d: Deal;
let bureau: string;
let done: ContractBody;
let waiting: string;

beforeAll(async () => {
  d = await deal();
  bureau = await bureauToken();
  done = await registered(d, bureau);
  waiting = await submitted(d, { ...d.body, resultId: null, kind: 'development', title: '轴承寿命预测技术开发合同' });
});

const queue = async (query: string, token = bureau) => json<Queue>(await call(queuePage, { token, path: `/bureau/contracts?${query}` }));

describe('the registrar finds contracts by party, number and status', () => {
  it('by a party’s or the broker’s name, across statuses with status=all', async () => {
    for (const name of [d.seller.org.name, d.buyer.org.name, d.broker.org.name]) {
      const ids = (await queue(`q=${encodeURIComponent(name)}&status=all`)).items.map((c) => c.id);
      expect(new Set(ids), name).toEqual(new Set([done.id, waiting]));
    }
  });

  it('by part of the registration number, and by status (the queue opens on 待登记)', async () => {
    const byNumber = await queue(`q=${done.registrationNo!.slice(-8)}&status=all`);
    expect(byNumber.items.map((c) => c.id)).toContain(done.id);
    expect(byNumber.items.map((c) => c.id)).not.toContain(waiting);
    const open = await queue(`q=${encodeURIComponent(d.seller.org.name)}`);
    expect(open.status).toBe('submitted');
    expect(open.items.map((c) => c.id)).toEqual([waiting]);
    expect((await queue(`q=${encodeURIComponent(d.seller.org.name)}&status=registered`)).items.map((c) => c.id)).toEqual([done.id]);
    expect((await queue('q=%25%25%25没有这样的合同')).total).toBe(0);
  });

  it('is the bureau’s: an organisation is refused', async () => {
    expect((await call(queuePage, { token: d.seller.token, path: '/bureau/contracts' })).status).toBe(403);
  });
});

describe('GET /bureau/contracts/export', () => {
  const exported = (query: string, token = bureau) => call(exportRoute, { token, path: `/bureau/contracts/export?${query}` });

  it('exports what the filter finds as CSV, in words people read: names and labels, no ids', async () => {
    const res = await exported(`q=${encodeURIComponent(d.seller.org.name)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(text).toContain(done.registrationNo!);
    expect(text).toContain(d.buyer.org.name);
    expect(text).toContain('技术转让');
    expect(text).toContain('已登记');
    expect(text).toContain('待登记');
    expect(text).toContain('"1200000.00"');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/"(registered|submitted|transfer)"/);
  });

  it('and as .xlsx with amounts as numbers', async () => {
    const res = await exported(`format=xlsx&status=registered&q=${encodeURIComponent(d.seller.org.name)}`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe(done.registrationNo);
    expect(ws.getRow(2).getCell(7).value).toBe(1200000);
  });

  it('refuses a bad format or status with 400, an organisation with 403, anonymous with 401', async () => {
    expect((await exported('format=pdf')).status).toBe(400);
    expect((await exported('status=nonsense')).status).toBe(400);
    expect((await exported('', d.seller.token)).status).toBe(403);
    expect((await call(exportRoute, { path: '/bureau/contracts/export' })).status).toBe(401);
  });
});
