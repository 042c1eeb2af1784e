import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { idempotencyKeys } from '#db/schema.ts';
import { AppError, conflict, invalid } from '#domain/errors.ts';
import { apiError } from './api.server.ts';
import type { Viewer } from './auth.server.ts';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a write that creates money records: the same key and body
 * replay the first answer (with `Idempotent-Replayed: true`); the same key with
 * another body, or while the first request still runs, is a 409. Keys belong to
 * the user and are kept 24 hours (jobs/tasks/cleanup-auth.ts). Without the header the write simply runs.
 */
export async function idempotent(request: Request, v: Viewer, run: (request: Request) => Promise<Response>): Promise<Response> {
  const key = request.headers.get('idempotency-key');
  if (key === null) return run(request);
  if (!KEY.test(key)) throw invalid({ 'Idempotency-Key': { zh: '须为 1–255 个可见 ASCII 字符', en: 'Must be 1–255 visible ASCII characters' } });
  const body = await request.text();
  const fingerprint = createHash('sha256').update(`${request.method} ${new URL(request.url).pathname}\n${body}`).digest('hex');
  const db = getDb();
  const mine = and(eq(idempotencyKeys.userId, v.user.id), eq(idempotencyKeys.key, key));
  const inserted = await db.insert(idempotencyKeys).values({ userId: v.user.id, key, fingerprint }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (inserted.length === 0) {
    const [first] = await db.select().from(idempotencyKeys).where(mine);
    if (!first) throw conflict({ zh: '请重试', en: 'Please retry' });
    if (first.fingerprint !== fingerprint) throw conflict({ zh: '该 Idempotency-Key 已用于另一个请求', en: 'This Idempotency-Key was used for a different request' });
    if (first.status === null) throw conflict({ zh: '使用该 Idempotency-Key 的请求仍在处理中', en: 'The first request with this Idempotency-Key is still running' });
    return Response.json(first.body, { status: first.status, headers: { 'Idempotent-Replayed': 'true', 'Cache-Control': 'no-store' } });
  }
  const replay = new Request(request.url, { method: request.method, headers: request.headers, body: body || undefined });
  let response: Response;
  try {
    response = await run(replay);
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) {
      await db.delete(idempotencyKeys).where(mine);
      throw e;
    }
    response = apiError(e, request);
  }
  if (response.status >= 500) {
    await db.delete(idempotencyKeys).where(mine);
    return response;
  }
  const stored = await response.clone().json().catch(() => null);
  await db.update(idempotencyKeys).set({ status: response.status, body: stored }).where(mine);
  return response;
}
