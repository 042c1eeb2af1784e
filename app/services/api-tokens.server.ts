import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { apiTokens } from '#db/schema.ts';
import { notFound } from '#domain/errors.ts';
import type { Viewer } from '#app/lib/auth.server.ts';

type Meta = { ip: string };

export type TokenState = 'active' | 'revoked' | 'expired';

/** The viewer's own API tokens, newest first: never the secret, only its first characters. */
export async function listOwnTokens(v: Viewer, now = new Date()) {
  const rows = await getDb()
    .select({ id: apiTokens.id, prefix: apiTokens.prefix, label: apiTokens.label, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, v.user.id))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    prefix: r.prefix,
    label: r.label,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    state: (r.revokedAt ? 'revoked' : r.expiresAt <= now ? 'expired' : 'active') as TokenState,
    /** The token this very request came with. */
    current: v.via.kind === 'token' && v.via.tokenId === r.id,
  }));
}

/** Revokes one of the viewer's own tokens; anyone else's, or one already revoked, is a 404. */
export async function revokeOwnToken(v: Viewer, id: string, meta: Meta) {
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, v.user.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, prefix: apiTokens.prefix });
    if (!row) throw notFound();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'auth.token.revoke', subjectType: 'api_token', subjectId: id, ip: meta.ip, after: { prefix: row.prefix } });
  });
}
