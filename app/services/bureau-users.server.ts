import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { apiTokens, sessions, users } from '#db/schema.ts';
import { conflict, notFound } from '#domain/errors.ts';
import { leavesAnAdministrator, normalizeBureauRoles, type BureauRole } from '#domain/permissions.ts';
import { message } from '#app/i18n/translate.server.ts';
import { authorize, type Viewer } from '#app/lib/auth.server.ts';
import { hashPassword } from './accounts.server.ts';

type Meta = { ip: string };

/**
 * A strong initial password the administrator hands over (in person or by phone); the
 * new user then sets their own through 忘记密码 (password reset).
 */
export function initialPassword(): string {
  for (;;) {
    const p = randomBytes(12).toString('base64url');
    if (/[A-Za-z]/.test(p) && /\d/.test(p)) return p;
  }
}

const lastAdmin = () =>
  conflict({ zh: '不能移除最后一位管理员：请先为另一位在职的科技局用户授予管理员角色', en: 'This would leave no administrator: give another active bureau user the administrator role first' });

/** The bureau's users, administrators first, with their roles and last sign-in. */
export async function listBureauUsers(v: Viewer) {
  authorize(v, 'bureau.users.manage');
  const rows = await getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      roles: users.bureauRoles,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
      lastSignInAt: sql<string | null>`(select max(s.created_at) from sessions s where s.user_id = "users"."id")::text`,
    })
    .from(users)
    .where(eq(users.role, 'bureau'))
    .orderBy(sql`${users.disabledAt} is not null`, desc(sql`'admin' = any(${users.bureauRoles})`), users.email)
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roles: normalizeBureauRoles(r.roles),
    active: r.disabledAt === null,
    createdAt: r.createdAt.toISOString(),
    lastSignInAt: r.lastSignInAt ? new Date(r.lastSignInAt).toISOString() : null,
  }));
}

/**
 * Creates a bureau user with roles: by an administrator on /bureau/users (actor), or from the
 * command line (actor null, the first administrator included). Without a password, an initial
 * one is generated and returned once.
 */
export async function createBureauUser(actor: Viewer | null, input: { email: string; name: string; roles: readonly BureauRole[]; password?: string }, meta: Meta) {
  if (actor) authorize(actor, 'bureau.users.manage');
  const roles = normalizeBureauRoles(input.roles);
  if (roles.length === 0) throw conflict(message('validation.bureauRoles'));
  const password = input.password ?? initialPassword();
  const passwordHash = await hashPassword(password);
  const user = await getDb().transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
    if (taken) throw conflict(message('validation.emailTaken'));
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, role: 'bureau', orgId: null, bureauRoles: roles })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, bureauRoles: users.bureauRoles });
    await audit(tx, { actorUserId: actor?.user.id ?? null, action: 'auth.bureau_user.create', subjectType: 'user', subjectId: row!.id, ip: meta.ip, after: { email: row!.email, name: row!.name, roles } });
    return row!;
  });
  return { user, initialPassword: input.password ? null : password };
}

/**
 * The bureau user and the ids of every active administrator, read under one lock that every change
 * to bureau users takes: two administrators demoting each other at once are serialised, so the
 * second sees the first's change and is refused if it would leave no administrator.
 */
async function lockForChange(tx: Tx, id: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('bureau_users'))`);
  const [target] = await tx
    .select({ id: users.id, email: users.email, roles: users.bureauRoles, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'bureau')));
  if (!target) throw notFound();
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'bureau'), isNull(users.disabledAt), sql`'admin' = any(${users.bureauRoles})`));
  return { target, admins: admins.map((a) => a.id) };
}

export async function setBureauRoles(v: Viewer, id: string, rolesIn: readonly BureauRole[], meta: Meta) {
  authorize(v, 'bureau.users.manage');
  const roles = normalizeBureauRoles(rolesIn);
  if (roles.length === 0) throw conflict(message('validation.bureauRoles'));
  return getDb().transaction(async (tx) => {
    const { target, admins } = await lockForChange(tx, id);
    const before = normalizeBureauRoles(target.roles);
    if (before.join() === roles.join()) return { id, roles };
    if (!leavesAnAdministrator(admins, { userId: id, roles, active: target.disabledAt === null })) throw lastAdmin();
    await tx.update(users).set({ bureauRoles: roles }).where(eq(users.id, id));
    await audit(tx, { actorUserId: v.user.id, action: 'auth.bureau_user.roles', subjectType: 'user', subjectId: id, ip: meta.ip, before: { roles: before }, after: { roles } });
    return { id, roles };
  });
}

/** Disables (every session and API token ends with it) or enables a bureau user. */
export async function setBureauUserActive(v: Viewer, id: string, active: boolean, meta: Meta) {
  authorize(v, 'bureau.users.manage');
  return getDb().transaction(async (tx) => {
    const { target, admins } = await lockForChange(tx, id);
    if ((target.disabledAt === null) === active) return;
    if (!leavesAnAdministrator(admins, { userId: id, roles: normalizeBureauRoles(target.roles), active })) throw lastAdmin();
    const now = new Date();
    await tx.update(users).set({ disabledAt: active ? null : now }).where(eq(users.id, id));
    if (!active) {
      await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
      await tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)));
    }
    await audit(tx, { actorUserId: v.user.id, action: active ? 'auth.bureau_user.enable' : 'auth.bureau_user.disable', subjectType: 'user', subjectId: id, ip: meta.ip, before: { active: !active }, after: { active } });
  });
}
