/**
 * Who may do what: one typed map, read by the server to authorise and by the UI
 * to show or hide. Keyed by user role and by organisation kind.
 */
export const ORG_KINDS = ['university', 'institute', 'enterprise', 'agency'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const USER_ROLES = ['org_admin', 'org_member', 'bureau'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export type OrgStatus = 'pending' | 'verified' | 'rejected' | 'suspended';

export type Action =
  // the organisation itself
  | 'org.view'
  | 'org.edit'
  | 'org.invite'
  // marketplace
  | 'result.list'
  | 'demand.post'
  | 'inquiry.open'
  | 'contract.draft'
  | 'commission.view'
  | 'grant.viewOwn'
  | 'grant.apply'
  // bureau
  | 'bureau.orgs.verify'
  | 'bureau.contracts.register'
  | 'bureau.grants.review'
  | 'bureau.grants.pay'
  | 'bureau.agencies.file'
  | 'bureau.policy.view'
  | 'bureau.audit.view'
  | 'bureau.search.edit';

/** Actions by organisation kind (for members of organisations). */
const kindActions: Record<OrgKind, readonly Action[]> = {
  university: ['result.list', 'inquiry.open', 'contract.draft', 'grant.viewOwn', 'grant.apply'],
  institute: ['result.list', 'inquiry.open', 'contract.draft', 'grant.viewOwn', 'grant.apply'],
  enterprise: ['result.list', 'demand.post', 'inquiry.open', 'contract.draft', 'grant.viewOwn', 'grant.apply'],
  agency: ['inquiry.open', 'contract.draft', 'commission.view', 'grant.viewOwn', 'grant.apply'],
};

/** Actions by role; organisation roles are further narrowed by kind. */
const roleActions: Record<UserRole, readonly Action[]> = {
  org_admin: ['org.view', 'org.edit', 'org.invite'],
  org_member: ['org.view'],
  bureau: [
    'bureau.orgs.verify',
    'bureau.contracts.register',
    'bureau.grants.review',
    'bureau.grants.pay',
    'bureau.agencies.file',
    'bureau.policy.view',
    'bureau.audit.view',
    'bureau.search.edit',
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

export type Subject = { role: UserRole; orgKind: OrgKind | null; orgStatus: OrgStatus | null };

export type Decision = { ok: true } | { ok: false; reason: 'role' | 'kind' | 'unverified' };

export function decide(subject: Subject, action: Action): Decision {
  if (roleActions[subject.role].includes(action)) return { ok: true };
  if (subject.role === 'bureau' || !subject.orgKind) return { ok: false, reason: 'role' };
  if (!kindActions[subject.orgKind].includes(action)) return { ok: false, reason: 'kind' };
  if (needsVerified.has(action) && subject.orgStatus !== 'verified') return { ok: false, reason: 'unverified' };
  return { ok: true };
}

export function can(subject: Subject, action: Action): boolean {
  return decide(subject, action).ok;
}

/** Everything a subject may do, for the UI. */
export function allowedActions(subject: Subject): Action[] {
  const all = new Set<Action>([...roleActions.org_admin, ...roleActions.bureau, ...Object.values(kindActions).flat()]);
  return [...all].filter((a) => can(subject, a));
}
