/**
 * API tokens can be listed and revoked by their owner (issue 16): GET /api/v1/auth/tokens,
 * DELETE /api/v1/auth/tokens/{id}, and the page /account/tokens.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { apiTokens, auditEvents } from '#db/schema.ts';
import { TOKEN_PREFIX_LENGTH } from '#app/lib/tokens.server.ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import * as meRoute from '#app/routes/api.v1.auth.me.ts';
import * as listRoute from '#app/routes/api.v1.auth.tokens._index.ts';
import * as tokenRoute from '#app/routes/api.v1.auth.tokens.$id.ts';
import * as page from '#app/routes/account.tokens.tsx';
import { call, json } from './api.ts';
import { PASSWORD, tokenOf } from './factories.ts';

type Item = { id: string; prefix: string; label: string; createdAt: string; lastUsedAt: string | null; expiresAt: string; revokedAt: string | null; state: string; current: boolean };
const list = async (token: string) => {
  const res = await call(listRoute, { token });
  expect(res.status).toBe(200);
  return (await json<{ items: Item[] }>(res)).items;
};
const revoke = (token: string, id: string) => call(tokenRoute, { token, method: 'DELETE', params: { id } });

async function secondToken(email: string) {
  const res = await call(loginRoute, { body: { email, password: PASSWORD }, headers: { 'user-agent': 'curl/8.5 second-device' } });
  expect(res.status).toBe(200);
  return (await json<{ token: string }>(res)).token;
}

describe('GET /api/v1/auth/tokens', () => {
  it('lists one’s own tokens with prefix, client, created and last-used times, never the secret', async () => {
    const me = await tokenOf('enterprise');
    const other = await secondToken(me.user.email);
    const stranger = await tokenOf('university');
    const items = await list(me.token);
    expect(items).toHaveLength(2);
    const byPrefix = (t: string) => items.find((i) => i.prefix === t.slice(0, TOKEN_PREFIX_LENGTH));
    expect(byPrefix(me.token)).toMatchObject({ state: 'active', current: true, revokedAt: null });
    expect(byPrefix(other)).toMatchObject({ state: 'active', current: false, label: 'curl/8.5 second-device', lastUsedAt: null });
    // The listing request itself counts as a use of the token it came with.
    expect(byPrefix(me.token)!.lastUsedAt).not.toBeNull();
    const text = JSON.stringify(items);
    for (const secret of [me.token, other]) expect(text).not.toContain(secret);
    expect(text).not.toContain('tokenHash');
    expect(items.some((i) => i.prefix === stranger.token.slice(0, TOKEN_PREFIX_LENGTH))).toBe(false);
  });

  it('needs a signed-in caller', async () => {
    expect((await call(listRoute, {})).status).toBe(401);
    expect((await call(listRoute, { token: 'x'.repeat(43) })).status).toBe(401);
  });
});

describe('DELETE /api/v1/auth/tokens/{id}', () => {
  it('revokes one of one’s own tokens: it stops working at once; the others go on; audited', async () => {
    const me = await tokenOf('agency');
    const other = await secondToken(me.user.email);
    const target = (await list(me.token)).find((i) => !i.current)!;
    const res = await revoke(me.token, target.id);
    expect(res.status).toBe(204);
    expect((await call(meRoute, { token: other })).status).toBe(401);
    expect((await call(meRoute, { token: me.token })).status).toBe(200);
    expect((await list(me.token)).find((i) => i.id === target.id)).toMatchObject({ state: 'revoked' });
    const [e] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.token.revoke'), eq(auditEvents.subjectId, target.id)));
    expect(e).toMatchObject({ actorUserId: me.user.id, subjectType: 'api_token', after: { prefix: target.prefix } });
    // A second revocation of the same token is a 404 and writes nothing more.
    expect((await revoke(me.token, target.id)).status).toBe(404);
    expect(await getDb().$count(auditEvents, and(eq(auditEvents.action, 'auth.token.revoke'), eq(auditEvents.subjectId, target.id)))).toBe(1);
  });

  it('cannot touch anyone else’s token (404, still valid); a bad or unknown id is a 404', async () => {
    const me = await tokenOf('university');
    const stranger = await tokenOf('enterprise');
    const [theirs] = await getDb().select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, stranger.user.id));
    expect((await revoke(me.token, theirs!.id)).status).toBe(404);
    expect((await call(meRoute, { token: stranger.token })).status).toBe(200);
    expect((await revoke(me.token, randomUUID())).status).toBe(404);
    expect((await revoke(me.token, 'not-a-uuid')).status).toBe(404);
    expect((await call(tokenRoute, { token: me.token, method: 'POST', params: { id: theirs!.id } })).status).toBe(404);
    expect((await call(tokenRoute, { method: 'DELETE', params: { id: theirs!.id } })).status).toBe(401);
  });

  it('may revoke the very token it is called with, as logout does', async () => {
    const me = await tokenOf('institute');
    const mine = (await list(me.token)).find((i) => i.current)!;
    expect((await revoke(me.token, mine.id)).status).toBe(204);
    expect((await call(meRoute, { token: me.token })).status).toBe(401);
  });
});

describe('the page /account/tokens', () => {
  it('lists and revokes one’s own tokens; a bad id gets a 400 and changes nothing', async () => {
    const me = await tokenOf('enterprise');
    const other = await secondToken(me.user.email);
    const shown = await json<{ items: Item[] }>(await call(page, { token: me.token, path: '/account/tokens' }));
    expect(shown.items.map((i) => i.prefix).sort()).toEqual([me.token, other].map((t) => t.slice(0, TOKEN_PREFIX_LENGTH)).sort());
    const target = shown.items.find((i) => !i.current)!;
    expect((await call(page, { token: me.token, path: '/account/tokens', form: { intent: 'revoke', id: 'nope' } })).status).toBe(400);
    expect((await call(meRoute, { token: other })).status).toBe(200);
    const res = await call(page, { token: me.token, path: '/account/tokens', form: { intent: 'revoke', id: target.id } });
    expect(res.status).toBe(200);
    expect((await call(meRoute, { token: other })).status).toBe(401);
    // Someone else's: 404, as on the API.
    const stranger = await tokenOf('agency');
    const [theirs] = await getDb().select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, stranger.user.id));
    expect((await call(page, { token: me.token, path: '/account/tokens', form: { intent: 'revoke', id: theirs!.id } })).status).toBe(404);
  });

  it('sends an anonymous visitor to log in', async () => {
    const res = await call(page, { path: '/account/tokens' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('/login?redirectTo=%2Faccount%2Ftokens');
  });
});
