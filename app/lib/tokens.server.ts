import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx } from '#db/client.ts';
import { apiTokens } from '#db/schema.ts';

/** A random secret for a cookie, bearer token or invitation link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored, so a database leak reveals no usable token. */
export function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How many characters of a token its owner sees to tell tokens apart (48 of its 256 bits). */
export const TOKEN_PREFIX_LENGTH = 8;

/** Issues an API bearer token: the secret is returned once; its digest and first characters are stored. */
export async function issueApiToken(db: DbOrTx, input: { userId: string; label: string; expiresAt: Date }) {
  const token = newToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ tokenHash: digest(token), userId: input.userId, expiresAt: input.expiresAt, label: input.label.slice(0, 100), prefix: token.slice(0, TOKEN_PREFIX_LENGTH) })
    .returning({ id: apiTokens.id });
  return { token, id: row!.id, expiresAt: input.expiresAt };
}
