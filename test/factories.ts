import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { organizations, users } from '#db/schema.ts';
import { makeUscc } from '#domain/codes/uscc.ts';
import type { OrgKind } from '#domain/permissions.ts';
import { hashPassword } from '#app/services/accounts.server.ts';

export const PASSWORD = 'Test-password-2026';

let passwordHash: Promise<string> | undefined;
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid, unique 统一社会信用代码 for a region. */
export function uniqueCreditCode(regionCode = '371502'): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return makeUscc(`91${regionCode}${body}`);
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function createOrg(over: Partial<{ name: string; kind: OrgKind; regionCode: string; status: 'pending' | 'verified' | 'rejected' }> = {}) {
  const regionCode = over.regionCode ?? '371502';
  const [org] = await getDb()
    .insert(organizations)
    .values({
      name: over.name ?? `测试单位 ${randomUUID().slice(0, 6)}`,
      kind: over.kind ?? 'enterprise',
      regionCode,
      creditCode: uniqueCreditCode(regionCode),
      status: over.status ?? 'verified',
      verifiedAt: (over.status ?? 'verified') === 'verified' ? new Date() : null,
    })
    .returning();
  return org!;
}

export async function createUser(over: Partial<{ email: string; role: 'org_admin' | 'org_member' | 'bureau'; orgId: string | null }> = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const role = over.role ?? 'org_admin';
  const orgId = role === 'bureau' ? null : (over.orgId ?? (await createOrg()).id);
  const [user] = await getDb()
    .insert(users)
    .values({ email: over.email ?? uniqueEmail(role), passwordHash: await passwordHash, role, orgId })
    .returning();
  return user!;
}

export async function orgById(id: string) {
  const [org] = await getDb().select().from(organizations).where(eq(organizations.id, id));
  return org;
}
