import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie, bearer token or invitation link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored, so a database leak reveals no usable token. */
export function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
