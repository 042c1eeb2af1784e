/**
 * Who may do what: one typed map, read by the server to authorise and by the UI
 * to show or hide. Keyed by user role and organisation kind, and for the
 * science bureau's staff by their bureau roles (docs/bureau-roles.md).
 */
export const ORG_KINDS = ['university', 'institute', 'enterprise', 'agency'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const USER_ROLES = ['org_admin', 'org_member', 'bureau'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * The bureau's staff roles. A bureau user holds one or more; four eyes between
 * approving and paying one grant is a per-grant check, not a role split.
 */
export const BUREAU_ROLES = ['registrar', 'reviewer', 'payer', 'admin'] as const;
export type BureauRole = (typeof BUREAU_ROLES)[number];

export function isBureauRole(x: unknown): x is BureauRole {
  return typeof x === 'string' && (BUREAU_ROLES as readonly string[]).includes(x);
}

export type OrgStatus = 'pending' | 'verified' | 'rejected' | 'suspended';

export const ORG_ACTIONS = [
  // the organisation itself
  'org.view',
  'org.edit',
  'org.invite',
  // marketplace
  'result.list',
  'demand.post',
  'inquiry.open',
  'contract.draft',
  'commission.view',
  'grant.viewOwn',
  'grant.apply',
] as const;

export const BUREAU_ACTIONS = [
  /** Read every organisation's records: contracts, results, demands, grants, commissions, payments. */
  'bureau.records.view',
  'bureau.orgs.verify',
  'bureau.contracts.register',
  'bureau.agencies.file',
  'bureau.grants.review',
  'bureau.grants.pay',
  'bureau.budgets.edit',
  'bureau.policy.view',
  'bureau.policy.edit',
  'bureau.audit.view',
  'bureau.search.edit',
  'bureau.jobs.retry',
  'bureau.users.manage',
] as const;

/** Every action there is; tests walk it to check each role against each action. */
export const ACTIONS = [...ORG_ACTIONS, ...BUREAU_ACTIONS] as const;
export type Action = (typeof ACTIONS)[number];
export type BureauAction = (typeof BUREAU_ACTIONS)[number];

/** Actions by organisation kind (for members of organisations). */
const kindActions: Record<OrgKind, readonly Action[]> = {
  university: ['result.list', 'inquiry.open', 'contract.draft', 'grant.viewOwn', 'grant.apply'],
  institute: ['result.list', 'inquiry.open', 'contract.draft', 'grant.viewOwn', 'grant.apply'],
  enterprise: ['result.list', 'demand.post', 'inquiry.open', 'contract.draft', 'grant.viewOwn', 'grant.apply'],
  agency: ['inquiry.open', 'contract.draft', 'commission.view', 'grant.viewOwn', 'grant.apply'],
};

/** Actions by organisation role; further narrowed by kind. */
const orgRoleActions: Record<Exclude<UserRole, 'bureau'>, readonly Action[]> = {
  org_admin: ['org.view', 'org.edit', 'org.invite'],
  org_member: ['org.view'],
};

/**
 * The bureau's least-privilege split. Every bureau role reads (records, policy); each
 * write belongs to one role. The matrix is written out in docs/bureau-roles.md.
 */
export const bureauRoleActions: Record<BureauRole, readonly BureauAction[]> = {
  /** 认定登记: organisations, contracts, agency filings — the facts the grants are computed from. */
  registrar: ['bureau.records.view', 'bureau.policy.view', 'bureau.orgs.verify', 'bureau.contracts.register', 'bureau.agencies.file'],
  /** Approves or rejects grants. */
  reviewer: ['bureau.records.view', 'bureau.policy.view', 'bureau.grants.review'],
  /** Pays approved grants. */
  payer: ['bureau.records.view', 'bureau.policy.view', 'bureau.grants.pay'],
  /** Policy versions, budgets, bureau users, synonyms, job retries, the audit log and outbox. */
  admin: [
    'bureau.records.view',
    'bureau.policy.view',
    'bureau.policy.edit',
    'bureau.budgets.edit',
    'bureau.users.manage',
    'bureau.search.edit',
    'bureau.jobs.retry',
    'bureau.audit.view',
  ],
};

/** Only verified organisations may list, contract or receive money. */
const needsVerified: ReadonlySet<Action> = new Set<Action>([
  'result.list',
  'demand.post',
  'inquiry.open',
  'contract.draft',
  'grant.apply',
]);

export type Subject = {
  role: UserRole;
  orgKind: OrgKind | null;
  orgStatus: OrgStatus | null;
  /** Empty for members of organisations. */
  bureauRoles: readonly BureauRole[];
};

export type Decision = { ok: true } | { ok: false; reason: 'role' | 'kind' | 'unverified' };

export function decide(subject: Subject, action: Action): Decision {
  if (subject.role === 'bureau') {
    return subject.bureauRoles.some((r) => (bureauRoleActions[r] as readonly Action[]).includes(action)) ? { ok: true } : { ok: false, reason: 'role' };
  }
  if (orgRoleActions[subject.role].includes(action)) return { ok: true };
  if (!subject.orgKind) return { ok: false, reason: 'role' };
  if (!kindActions[subject.orgKind].includes(action)) return { ok: false, reason: 'kind' };
  if (needsVerified.has(action) && subject.orgStatus !== 'verified') return { ok: false, reason: 'unverified' };
  return { ok: true };
}

export function can(subject: Subject, action: Action): boolean {
  return decide(subject, action).ok;
}

/** Everything a subject may do, for the UI. */
export function allowedActions(subject: Subject): Action[] {
  return ACTIONS.filter((a) => can(subject, a));
}

/** The bureau roles that grant an action (for messages and the documentation). */
export function rolesFor(action: Action): BureauRole[] {
  return BUREAU_ROLES.filter((r) => (bureauRoleActions[r] as readonly Action[]).includes(action));
}

/** Normalises a set of bureau roles: known ones only, each once, in the canonical order. */
export function normalizeBureauRoles(roles: Iterable<string>): BureauRole[] {
  const set = new Set(roles);
  return BUREAU_ROLES.filter((r) => set.has(r));
}

/**
 * A change to the bureau's staff must leave at least one active administrator. `admins` are the
 * active administrators before the change; the change makes `userId` hold `roles` and be active or not.
 */
export function leavesAnAdministrator(admins: readonly string[], change: { userId: string; roles: readonly BureauRole[]; active: boolean }): boolean {
  const stays = change.active && change.roles.includes('admin');
  return admins.some((id) => id !== change.userId) || stays;
}
