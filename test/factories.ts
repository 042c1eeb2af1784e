import { randomInt, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { organizations, users } from '#db/schema.ts';
import { makeUscc } from '#domain/codes/uscc.ts';
import { BUREAU_ROLES, normalizeBureauRoles, type BureauRole, type OrgKind } from '#domain/permissions.ts';
import { issueApiToken } from '#app/lib/tokens.server.ts';
import { makePatentNo } from '#domain/codes/patent.ts';
import { hashPassword } from '#app/services/accounts.server.ts';
import { enrolWithSecret } from '#app/services/mfa.server.ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import { attachSignedContract } from '#db/seed/signed-contracts.ts';
import { call, json } from './api.ts';
import { freshTotp, TEST_TOTP_SECRET } from './totp.ts';

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

/** A user; a bureau user holds every bureau role unless `bureauRoles` names some. */
export async function createUser(over: Partial<{ email: string; role: 'org_admin' | 'org_member' | 'bureau'; orgId: string | null; bureauRoles: readonly BureauRole[] }> = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const role = over.role ?? 'org_admin';
  const orgId = role === 'bureau' ? null : (over.orgId ?? (await createOrg()).id);
  const bureauRoles = role === 'bureau' ? normalizeBureauRoles(over.bureauRoles ?? BUREAU_ROLES) : [];
  const [user] = await getDb()
    .insert(users)
    .values({ email: over.email ?? uniqueEmail(role), passwordHash: await passwordHash, role, orgId, bureauRoles })
    .returning();
  // Bureau users sign in with TOTP: the factories' ones are enrolled with the known test secret.
  if (role === 'bureau') await enrolWithSecret(getDb(), user!.id, TEST_TOTP_SECRET);
  return user!;
}

/** The body of POST /auth/login for this account: bureau users add a fresh TOTP code. */
export async function loginBody(email: string, password = PASSWORD) {
  const [u] = await getDb().select({ role: users.role }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return { email, password, ...(u?.role === 'bureau' ? { totp: await freshTotp(email) } : {}) };
}

/** A bureau user holding exactly these roles, with an API token (issued directly: these tests are about what the roles allow, not about logging in). */
export async function bureauWith(...roles: BureauRole[]) {
  const user = await createUser({ role: 'bureau', bureauRoles: roles });
  const { token } = await issueApiToken(getDb(), { userId: user.id, label: 'test', expiresAt: new Date(Date.now() + 3600_000) });
  return { user, token };
}

export async function orgById(id: string) {
  const [org] = await getDb().select().from(organizations).where(eq(organizations.id, id));
  return org;
}

/** A valid patent number, unique enough for a test. */
export function patentNo(): string {
  return makePatentNo(`20211${String(randomInt(0, 10_000_000)).padStart(7, '0')}`);
}

export function patentInput(over: Record<string, unknown> = {}) {
  return {
    kind: 'patent',
    title: '一种高镍三元正极材料的制备方法',
    abstract: '本发明公开了一种高镍三元正极材料的制备方法，通过共沉淀与分段烧结提高材料的循环稳定性和倍率性能，适用于动力锂离子电池。',
    field: 'new_materials',
    ipType: 'invention_patent',
    patentNo: patentNo(),
    transferModes: ['transfer', 'license'],
    price: '1200000.00',
    maturity: 'pilot',
    keywords: ['锂离子电池', '正极材料'],
    inventors: ['张伟', '李娜'],
    ...over,
  };
}

export async function tokenOf(kind: 'university' | 'institute' | 'enterprise' | 'agency' = 'university', status: 'verified' | 'pending' = 'verified') {
  const org = await createOrg({ kind, status });
  const user = await createUser({ orgId: org.id });
  const res = await call(loginRoute, { body: { email: user.email, password: PASSWORD } });
  return { token: (await json<{ token: string }>(res)).token, org, user };
}


/** Attaches the signed contract text (a small valid PDF) to a contract made below the API, so it can be registered. */
export async function withSignedContract(c: { id: string; sellerOrgId: string }) {
  return attachSignedContract(c, 'test fixture');
}
