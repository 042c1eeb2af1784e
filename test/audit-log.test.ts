/** The bureau's audit log: the page, its CSV/.xlsx export and GET /api/v1/audit, against the real database. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { auditEvents } from '#db/schema.ts';
import * as apiRoute from '#app/routes/api.v1.audit.ts';
import * as pageRoute from '#app/routes/bureau.audit.tsx';
import * as exportRoute from '#app/routes/bureau.audit.export.ts';
import { call, json } from './api.ts';
import { bureauWith, createOrg, createUser, tokenOf } from './factories.ts';

type Row = { seq: number; action: string; actorEmail: string | null; orgName: string | null; at: string; reason: string | null; hash: string; diff?: unknown };
type ErrorBody = { error: { code: string; fields: Record<string, string> } };

/** Three rows around midnight in the city (UTC+8): 2026-01-01 23:30, 2026-01-02 00:30, 2026-01-03 10:00. */
async function fixture() {
  const org = await createOrg({ name: `审计测试大学 ${Date.now()}`, kind: 'university' });
  const user = await createUser({ orgId: org.id });
  const tag = `t${Date.now()}`;
  await getDb().transaction(async (tx) => {
    await audit(tx, { actorUserId: user.id, actorOrgId: org.id, action: `${tag}.edit`, subjectType: 'result', subjectId: 'r1', reason: '修改摘要', before: { title: '旧', price: '10.00' }, after: { title: '新', price: '10.00' } });
    await audit(tx, { actorUserId: user.id, actorOrgId: org.id, action: `${tag}.publish`, subjectType: 'result', subjectId: 'r1' });
    await audit(tx, { action: `${tag}.edit`, subjectType: 'job', subjectId: 'j1', reason: 'system' });
  });
  const rows = await getDb().select({ id: auditEvents.id, action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.id);
  const mine = rows.filter((r) => r.action.startsWith(tag));
  // Times written by a superuser with the seal trigger's check off; the chain is not what this file tests.
  const ats = ['2026-01-01T15:30:00Z', '2026-01-01T16:30:00Z', '2026-01-03T02:00:00Z'];
  const { sql } = await import('drizzle-orm');
  await getDb().execute(sql`alter table audit_events disable trigger audit_events_no_update`);
  try {
    for (const [i, r] of mine.entries()) await getDb().execute(sql`update audit_events set at = ${ats[i]}::timestamptz where id = ${r.id}`);
  } finally {
    await getDb().execute(sql`alter table audit_events enable trigger audit_events_no_update`);
  }
  return { org, user, tag };
}

const list = async (token: string, query: string) => {
  const res = await call(apiRoute, { token, path: `/api/v1/audit?${query}` });
  return { status: res.status, body: await json<{ items: Row[]; total: number } & ErrorBody>(res) };
};

describe('audit log', () => {
  it('filters by actor, organisation, action and city dates, newest first, for the bureau’s admins only', async () => {
    const { org, user, tag } = await fixture();
    const { token } = await bureauWith('admin');

    const byAction = await list(token, `action=${tag}.edit`);
    expect(byAction.status).toBe(200);
    expect(byAction.body.items.map((r) => r.reason)).toEqual(['system', '修改摘要']);
    expect(byAction.body.items[0]!.seq).toBeGreaterThan(byAction.body.items[1]!.seq);
    expect(byAction.body.items[1]).toMatchObject({ actorEmail: user.email, orgName: org.name, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    expect((await list(token, `actor=${user.email.slice(0, 12).toUpperCase()}&org=${encodeURIComponent(org.name.slice(0, 6))}`)).body.items.filter((r) => r.action.startsWith(tag))).toHaveLength(2);
    expect((await list(token, `org=${org.creditCode.toLowerCase()}`)).body.total).toBe(2);
    // 2026-01-01 16:30 UTC is 2026-01-02 00:30 in the city.
    const jan2 = await list(token, `from=2026-01-02&to=2026-01-02`);
    expect(jan2.body.items.map((r) => r.action)).toEqual([`${tag}.publish`]);
    expect((await list(token, `from=2026-01-01&to=2026-01-01`)).body.items.map((r) => r.reason)).toEqual(['修改摘要']);
    expect((await list(token, `to=2026-01-02&action=${tag}.edit`)).body.total).toBe(1);
    expect((await list(token, `action=${tag}.edit&pageSize=1&page=2`)).body.items.map((r) => r.reason)).toEqual(['修改摘要']);

    expect((await list((await bureauWith('registrar')).token, '')).status).toBe(403);
    expect((await list((await tokenOf('university')).token, '')).status).toBe(403);
    expect((await call(apiRoute, { path: '/api/v1/audit' })).status).toBe(401);
  });

  it('answers bad filters with 400 and a message per field, on the API and the page', async () => {
    const { token } = await bureauWith('admin');
    const bad = await list(token, 'from=2026-13-01&to=2026-01-01&action=a%20b');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['action', 'from']);
    const order = await list(token, 'from=2026-02-01&to=2026-01-01');
    expect(order.status).toBe(400);
    expect(order.body.error.fields.to).toBe('截止日期不能早于起始日期');
    expect((await list(token, `actor=${'x'.repeat(101)}`)).body.error.fields).toHaveProperty('actor');

    const page = await call(pageRoute, { token, path: '/bureau/audit?from=2026-02-01&to=2026-01-01' });
    expect(page.status).toBe(400);
    expect((await json<{ fields: Record<string, { zh: string }> }>(page)).fields.to!.zh).toBe('截止日期不能早于起始日期');
  });

  it('shows the page with the actions present and each change as a diff', async () => {
    const { tag } = await fixture();
    const { token } = await bureauWith('admin');
    const res = await call(pageRoute, { token, path: `/bureau/audit?action=${tag}.edit` });
    expect(res.status).toBe(200);
    const body = await json<{ items: Array<Row & { diff: unknown[] }>; actions: string[]; total: number }>(res);
    expect(body.actions).toEqual(expect.arrayContaining([`${tag}.edit`, `${tag}.publish`]));
    expect(body.items.find((r) => r.reason === '修改摘要')!.diff).toEqual([{ path: 'title', kind: 'changed', before: '旧', after: '新' }]);
    expect((await call(pageRoute, { token: (await bureauWith('payer')).token, path: '/bureau/audit' })).status).toBe(403);
  });

  it('exports the filtered rows as CSV and .xlsx', async () => {
    const { tag, user } = await fixture();
    const { token } = await bureauWith('admin');
    const csv = await call(exportRoute, { token, path: `/bureau/audit/export?format=csv&action=${tag}.edit` });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('"时间（北京时间）time"');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('"2026-01-01 23:30"');
    expect(lines[2]).toContain(`"${user.email}"`);
    expect(lines[2]).toContain('"{""price"":""10.00"",""title"":""旧""}"');

    const xlsx = await call(exportRoute, { token, path: `/bureau/audit/export?format=xlsx&action=${tag}.edit` });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(3).getCell(8).value).toBe('修改摘要');

    expect((await call(exportRoute, { token, path: '/bureau/audit/export?format=pdf' })).status).toBe(400);
    expect((await call(exportRoute, { token: (await bureauWith('reviewer')).token, path: '/bureau/audit/export' })).status).toBe(403);
  });
});
