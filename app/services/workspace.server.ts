import { and, count, eq, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import {
  commissions,
  contractInstalments,
  contracts,
  conversationParticipants,
  demands,
  grants,
  messages,
  organizations,
  policies,
} from '#db/schema.ts';
import { AppError } from '#domain/errors.ts';
import { can, type Action } from '#domain/permissions.ts';
import { todayInCity } from '#config/city.ts';
import { subjectOf, type Viewer } from '#app/lib/auth.server.ts';
import { listUnmatched, seesAll } from '#app/services/demands.server.ts';
import { unreadCount } from '#app/services/notifications.server.ts';

/** Demands whose deadline falls within this many days show as expiring. */
export const EXPIRING_WITHIN_DAYS = 30;

export const WORK_ITEMS = [
  'contractsToConfirm',
  'contractsReturned',
  'instalmentsToPay',
  'unreadMessages',
  'unreadNotifications',
  'demandsExpiring',
  'grantsToAct',
  'commissionsOpen',
  'orgsToVerify',
  'contractsToRegister',
  'grantsToReview',
  'grantsToPay',
  'demandsUnmatched',
] as const;
export type WorkItemKey = (typeof WORK_ITEMS)[number];

/** One line of the workspace: how many wait, and the list page (with its filter) that shows them. Null: not known now. */
export type WorkItem = { key: WorkItemKey; count: number | null; href: string };

type Counter = { key: WorkItemKey; href: string; count: () => Promise<number | null> };

const n = async (p: Promise<Array<{ n: number }>>) => (await p)[0]?.n ?? 0;

/** The grant's policy asks for an application (lc-2020-15 does); otherwise it is 免申即享. */
const applicationRequired = sql`coalesce((${policies.body}->>'applicationRequired')::boolean, true)`;

/** The bureau's queues: every organisation's, since the bureau acts on all of them; each for the bureau roles that work it. */
function bureauCounters(v: Viewer): Counter[] {
  const db = getDb();
  const all: Array<Counter & { action: Action }> = [
    { key: 'orgsToVerify', action: 'bureau.orgs.verify', href: '/bureau/orgs?status=pending', count: () => db.$count(organizations, eq(organizations.status, 'pending')) },
    { key: 'contractsToRegister', action: 'bureau.contracts.register', href: '/bureau/contracts?status=submitted', count: () => db.$count(contracts, eq(contracts.status, 'submitted')) },
    { key: 'grantsToReview', action: 'bureau.grants.review', href: '/bureau/grants?status=submitted&year=all', count: () => db.$count(grants, eq(grants.status, 'submitted')) },
    { key: 'grantsToPay', action: 'bureau.grants.pay', href: '/bureau/grants?status=approved&year=all', count: () => db.$count(grants, eq(grants.status, 'approved')) },
    { key: 'demandsUnmatched', action: 'bureau.records.view', href: '/bureau/demands/unmatched', count: () => unmatchedCount(v) },
  ];
  const subject = subjectOf(v);
  return all.filter((c) => can(subject, c.action));
}

/** An organisation's to-dos: every query is bound to the viewer's own organisation id. */
function orgCounters(v: Viewer, org: string): Counter[] {
  const db = getDb();
  const subject = subjectOf(v);
  const out: Counter[] = [];
  if (can(subject, 'contract.draft')) {
    out.push(
      {
        key: 'contractsToConfirm',
        href: '/contracts?status=draft',
        count: () =>
          db.$count(
            contracts,
            and(
              eq(contracts.status, 'draft'),
              or(and(eq(contracts.sellerOrgId, org), isNull(contracts.sellerConfirmedAt)), and(eq(contracts.buyerOrgId, org), isNull(contracts.buyerConfirmedAt))),
            ),
          ),
      },
      {
        key: 'contractsReturned',
        href: '/contracts?status=returned',
        count: () => db.$count(contracts, and(eq(contracts.status, 'returned'), or(eq(contracts.sellerOrgId, org), eq(contracts.buyerOrgId, org), eq(contracts.brokerOrgId, org)))),
      },
      {
        key: 'instalmentsToPay',
        href: '/contracts?status=registered',
        count: () =>
          n(
            db
              .select({ n: count() })
              .from(contractInstalments)
              .innerJoin(contracts, eq(contracts.id, contractInstalments.contractId))
              .where(and(eq(contracts.buyerOrgId, org), eq(contracts.status, 'registered'), ne(contractInstalments.status, 'paid'))),
          ),
      },
    );
  }
  if (can(subject, 'inquiry.open')) {
    out.push({
      key: 'unreadMessages',
      href: '/conversations',
      // The conversation list's own measure: messages from others since this organisation last read.
      count: () =>
        n(
          db
            .select({ n: count() })
            .from(messages)
            .innerJoin(conversationParticipants, eq(conversationParticipants.conversationId, messages.conversationId))
            .where(
              and(
                eq(conversationParticipants.orgId, org),
                ne(messages.senderOrgId, org),
                or(isNull(conversationParticipants.lastReadAt), gt(messages.createdAt, conversationParticipants.lastReadAt)),
              ),
            ),
        ),
    });
  }
  out.push({
    key: 'unreadNotifications',
    href: '/notifications?unread=true',
    // The header badge's own count: one definition of what this user may see.
    count: () => unreadCount(v),
  });
  if (can(subject, 'demand.post')) {
    const today = todayInCity();
    out.push({
      key: 'demandsExpiring',
      href: '/demands?scope=mine&status=published',
      count: () =>
        db.$count(
          demands,
          and(
            eq(demands.ownerOrgId, org),
            eq(demands.status, 'published'),
            sql`${demands.deadline} between ${today}::date and ${today}::date + ${EXPIRING_WITHIN_DAYS}::int`,
          ),
        ),
    });
  }
  if (can(subject, 'grant.viewOwn')) {
    out.push({
      key: 'grantsToAct',
      href: '/grants',
      // To apply for (a figure above zero under a policy that asks for it), or, under 免申即享, a bank account to confirm.
      count: () =>
        n(
          db
            .select({ n: count() })
            .from(grants)
            .innerJoin(policies, eq(policies.id, grants.policyId))
            .where(
              and(
                eq(grants.recipientOrgId, org),
                or(
                  and(eq(grants.status, 'computed'), gt(grants.amount, sql`0`), applicationRequired),
                  and(inArray(grants.status, ['submitted', 'approved']), isNull(grants.bankConfirmedAt), sql`not ${applicationRequired}`),
                ) as SQL,
              ),
            ),
        ),
    });
  }
  if (can(subject, 'commission.view')) {
    out.push({
      key: 'commissionsOpen',
      href: '/commissions',
      count: () => db.$count(commissions, and(eq(commissions.agencyOrgId, org), inArray(commissions.status, ['accrued', 'invoiced']))),
    });
  }
  if (seesAll(v)) out.push({ key: 'demandsUnmatched', href: '/bureau/demands/unmatched', count: () => unmatchedCount(v) });
  return out;
}

/**
 * The one figure not counted in SQL: "unmatched" is a demand's best match score, which lives in
 * the search index; the count is that page's own total, so the two always agree. Null when search is down.
 */
async function unmatchedCount(v: Viewer): Promise<number | null> {
  try {
    return (await listUnmatched(v, { page: 1, pageSize: 1 })).total;
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}

/**
 * What waits for the viewer, by role: the bureau's queues, or its own organisation's to-dos.
 * Only the items whose list page the viewer may open are included.
 */
export async function workspaceFor(v: Viewer): Promise<WorkItem[]> {
  const counters = v.user.role === 'bureau' ? bureauCounters(v) : v.user.orgId ? orgCounters(v, v.user.orgId) : [];
  const counts = await Promise.all(counters.map((c) => c.count()));
  return counters.map((c, i) => ({ key: c.key, href: c.href, count: counts[i] ?? null }));
}
