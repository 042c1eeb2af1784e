/**
 * The grant engine's database side: loads the facts, runs the pure engine
 * (domain/grants, where the A1 rate and every other rule is applied), and writes the figures.
 * Nobody calls these for a person: the `grants:recompute` job, the seed, the benchmark and the
 * chaos check do, so they take no viewer. Every write is derived from the
 * committed facts, never incremented, so a retried, replayed or interrupted job
 * ends in the same rows: nothing lost, nothing counted twice.
 */
import Decimal from 'decimal.js';
import { and, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { getDb, type DbOrTx, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { agencyFilings, contracts, grantAdjustments, grants, organizations, policies } from '#db/schema.ts';
import { affectedKeys, computeForRecipient, computeGrants, type AgencyFiling, type ContractFact, type GrantComputation, type OrgFact } from '#domain/grants/engine.ts';
import { CLAUSES, parsePolicy, policyFor, type Clause, type Policy } from '#domain/grants/policy.ts';
import { noticeGrant } from '#app/services/notices.server.ts';
import { formatMoney } from '#domain/money.ts';

export type RecipientYear = { recipientOrgId: string; year: number };

/** Contract statuses the engine sees; drafts and submissions are not facts yet. A superseded contract left the bases like a revoked one. */
const FACT_STATUSES = ['registered', 'revoked', 'terminated', 'superseded'] as const;

type ContractRow = Pick<
  typeof contracts.$inferSelect,
  'id' | 'kind' | 'licence' | 'sellerOrgId' | 'buyerOrgId' | 'brokerOrgId' | 'resultId' | 'amount' | 'technologyAmount' | 'registeredOn' | 'status' | 'registrationNo'
>;

const contractCols = {
  id: contracts.id,
  kind: contracts.kind,
  licence: contracts.licence,
  sellerOrgId: contracts.sellerOrgId,
  buyerOrgId: contracts.buyerOrgId,
  brokerOrgId: contracts.brokerOrgId,
  resultId: contracts.resultId,
  amount: contracts.amount,
  technologyAmount: contracts.technologyAmount,
  registeredOn: contracts.registeredOn,
  status: contracts.status,
  registrationNo: contracts.registrationNo,
};

export function toFact(c: ContractRow): ContractFact {
  return {
    id: c.id,
    kind: c.kind,
    licence: c.licence,
    sellerOrgId: c.sellerOrgId,
    buyerOrgId: c.buyerOrgId,
    brokerOrgId: c.brokerOrgId,
    resultId: c.resultId,
    amount: c.amount,
    technologyAmount: c.technologyAmount,
    registeredOn: c.registeredOn!,
    status: c.status === 'registered' ? 'registered' : c.status === 'terminated' ? 'terminated' : 'revoked',
    registrationNo: c.registrationNo!,
  };
}

export async function loadPolicies(db: DbOrTx = getDb()): Promise<Policy[]> {
  const rows = await db.select({ body: policies.body, withdrawnOn: policies.withdrawnOn }).from(policies);
  // The withdrawal date lives in its column (set by the bureau); the body is the version as published.
  return rows.map((r) => parsePolicy({ ...(r.body as object), withdrawnOn: r.withdrawnOn }));
}

/** The version that governs a year: the one in force on its last day. */
export function policyForYear(year: number, all: readonly Policy[]): Policy | null {
  return policyFor(`${year}-12-31`, all);
}

type OrgRow = { id: string; kind: OrgFact['kind']; regionCode: string; status: string; name: string };
const toOrgFact = (o: OrgRow): OrgFact => ({ id: o.id, kind: o.kind, regionCode: o.regionCode, verified: o.status === 'verified', name: o.name });

async function orgFacts(db: DbOrTx, ids: readonly string[]): Promise<OrgFact[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: organizations.id, kind: organizations.kind, regionCode: organizations.regionCode, status: organizations.status, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(ids)]));
  return rows.map(toOrgFact);
}

async function filingFacts(db: DbOrTx, agencyIds?: readonly string[]): Promise<AgencyFiling[]> {
  const rows = await db
    .select({ agencyOrgId: agencyFilings.agencyOrgId, level: agencyFilings.level, filedOn: agencyFilings.filedOn, newlyRecognized: agencyFilings.newlyRecognized })
    .from(agencyFilings)
    .where(agencyIds ? inArray(agencyFilings.agencyOrgId, agencyIds.length ? [...agencyIds] : ['00000000-0000-0000-0000-000000000000']) : undefined);
  return rows;
}

/** B1/B2 awarded in a year before `year` (not rejected), so the one-off awards are never proposed twice. */
async function earlierFilingAwards(db: DbOrTx, year: number, recipients?: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .select({ clause: grants.clause, recipientOrgId: grants.recipientOrgId })
    .from(grants)
    .where(
      and(
        inArray(grants.clause, ['B1', 'B2']),
        lt(grants.year, year),
        sql`${grants.status} <> 'rejected'`,
        sql`${grants.amount} > 0`,
        recipients ? inArray(grants.recipientOrgId, recipients.length ? [...recipients] : ['00000000-0000-0000-0000-000000000000']) : undefined,
      ),
    );
  return new Set(rows.map((r) => `${r.clause}:${r.recipientOrgId}`));
}

/**
 * The contracts the figures of some recipients for a year can depend on, in one
 * query: those they sold or brokered that year, and every earlier or later
 * contract on the same results (the value-added rule compares a transfer with the
 * one before it). Other recipients' contracts do not change a recipient's figure,
 * so one set serves them all.
 */
async function contractFactsFor(tx: DbOrTx, year: number, recipients: readonly string[]): Promise<ContractFact[]> {
  const own = and(
    inArray(contracts.status, [...FACT_STATUSES]),
    or(inArray(contracts.sellerOrgId, [...recipients]), inArray(contracts.brokerOrgId, [...recipients])),
    gte(contracts.registeredOn, `${year}-01-01`),
    lte(contracts.registeredOn, `${year}-12-31`),
  );
  const theirResults = tx.select({ resultId: contracts.resultId }).from(contracts).where(own);
  // A union, not an OR: each half uses its own index (seller, broker; result).
  const rows = await tx
    .select(contractCols)
    .from(contracts)
    .where(own)
    .union(tx.select(contractCols).from(contracts).where(and(inArray(contracts.status, [...FACT_STATUSES]), inArray(contracts.resultId, theirResults))));
  return rows.map(toFact);
}

/** Widens an event's (recipient, year) pairs by the value-added successors the engine says can move. */
export async function affectedPairs(tx: DbOrTx, contractId: string | undefined, pairs: readonly RecipientYear[], all: readonly Policy[]): Promise<RecipientYear[]> {
  const out = new Map(pairs.map((p) => [`${p.recipientOrgId}:${p.year}`, p]));
  if (contractId) {
    const [c] = await tx.select(contractCols).from(contracts).where(eq(contracts.id, contractId));
    if (c && c.registeredOn && c.registrationNo) {
      const fact = toFact(c);
      const others = c.resultId ? (await tx.select(contractCols).from(contracts).where(and(inArray(contracts.status, [...FACT_STATUSES]), eq(contracts.resultId, c.resultId)))).map(toFact) : [];
      const policy = policyForYear(Number(c.registeredOn.slice(0, 4)), all);
      if (policy) for (const k of affectedKeys([fact], others, policy)) out.set(`${k.recipientOrgId}:${k.year}`, { recipientOrgId: k.recipientOrgId, year: k.year });
    }
  }
  return [...out.values()].sort((a, b) => a.year - b.year || (a.recipientOrgId < b.recipientOrgId ? -1 : 1));
}

type GrantRow = typeof grants.$inferSelect;

const OPEN: GrantRow['status'][] = ['computed', 'submitted'];

function figureValues(f: GrantComputation) {
  return {
    policyId: f.policyId,
    basis: f.basis,
    base: f.base,
    rate: f.rate,
    cap: f.cap,
    rawAmount: f.rawAmount.toFixed(),
    amount: f.amount,
    contracts: f.contracts.map((c) => ({ id: c.contractId, registrationNo: c.registrationNo, amount: formatMoney(c.amount), eligibleAmount: formatMoney(c.eligibleAmount) })),
    explanation: f.explanation,
  };
}

/** A figure of nothing: the recipient's contracts no longer count (revoked, say). */
function emptyFigure(g: GrantRow, policy: Policy): ReturnType<typeof figureValues> {
  return {
    policyId: policy.id,
    basis: g.basis as GrantComputation['basis'],
    base: new Decimal(0),
    rate: g.rate,
    cap: g.cap,
    rawAmount: '0',
    amount: new Decimal(0),
    contracts: [],
    explanation: [`条款 ${g.clause}，政策《${policy.title}》（版本 ${policy.id}），${g.year} 年度：没有计入的合同，拟补助金额 0.00`],
  };
}

/** JSON with sorted keys: jsonb hands objects back with its own key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
}

const sameFigure = (g: GrantRow, v: ReturnType<typeof figureValues>) =>
  g.amount.eq(v.amount) && g.base.eq(v.base) && g.policyId === v.policyId && canonical(g.contracts) === canonical(v.contracts) && canonical(g.explanation) === canonical(v.explanation);

/**
 * Writes one figure: in place while the grant is open; as an adjustment (the
 * difference from the figure in force) once it has been decided.
 */
async function writeFigure(tx: Tx, key: { clause: Clause; recipientOrgId: string; year: number }, existing: GrantRow | undefined, figure: GrantComputation | null, policy: Policy): Promise<'inserted' | 'updated' | 'adjusted' | 'unchanged'> {
  if (!existing) {
    if (!figure) return 'unchanged';
    const [row] = await tx.insert(grants).values({ clause: key.clause, recipientOrgId: key.recipientOrgId, year: key.year, status: policy.applicationRequired ? 'computed' : 'submitted', ...figureValues(figure) }).returning();
    await noticeGrant(tx, row!, 'computed');
    return 'inserted';
  }
  const v = figure ? figureValues(figure) : emptyFigure(existing, policy);
  if (OPEN.includes(existing.status)) {
    if (sameFigure(existing, v)) return 'unchanged';
    await tx
      .update(grants)
      .set({ ...v, computedAt: new Date(), computations: sql`${grants.computations} + 1`, updatedAt: new Date() })
      .where(eq(grants.id, existing.id));
    return 'updated';
  }
  const [{ inForce }] = (await tx
    .select({ inForce: sql<string>`(${existing.amount} + coalesce(sum(${grantAdjustments.delta}), 0))::text` })
    .from(grantAdjustments)
    .where(eq(grantAdjustments.grantId, existing.id))) as [{ inForce: string }];
  const delta = v.amount.minus(inForce);
  if (delta.isZero()) return 'unchanged';
  await tx.insert(grantAdjustments).values({ grantId: existing.id, policyId: v.policyId, amount: v.amount, delta, contracts: v.contracts, explanation: v.explanation });
  await audit(tx, {
    action: 'grant.adjustment',
    subjectType: 'grant',
    subjectId: existing.id,
    before: { amount: inForce, status: existing.status },
    after: { amount: formatMoney(v.amount), delta: delta.toFixed(2), policy: v.policyId },
  });
  return 'adjusted';
}

export type RecomputeSummary = { inserted: number; updated: number; adjusted: number; unchanged: number };

/**
 * Recomputes every clause for the given (recipient, year) pairs in one
 * transaction. Advisory locks, taken in a fixed order, serialise jobs on the
 * same pair; each reads the committed facts after taking its lock. The facts of
 * a year are loaded once for all its recipients: a handful of queries per job,
 * not per pair.
 */
export async function recomputePairs(pairs: readonly RecipientYear[]): Promise<RecomputeSummary> {
  const summary: RecomputeSummary = { inserted: 0, updated: 0, adjusted: 0, unchanged: 0 };
  if (pairs.length === 0) return summary;
  const sorted = [...new Map(pairs.map((p) => [`${p.recipientOrgId}:${p.year}`, p])).values()].sort((a, b) => (`${a.recipientOrgId}:${a.year}` < `${b.recipientOrgId}:${b.year}` ? -1 : 1));
  const years = [...new Set(sorted.map((p) => p.year))].sort();
  await getDb().transaction(async (tx) => {
    for (const p of sorted) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`grant:${p.recipientOrgId}:${p.year}`}))`);
    const all = await loadPolicies(tx);
    for (const year of years) {
      const policy = policyForYear(year, all);
      if (!policy) continue;
      const recipients = sorted.filter((p) => p.year === year).map((p) => p.recipientOrgId);
      // Independent reads, sent together (postgres.js pipelines them on the transaction's connection).
      const [facts, existing] = await Promise.all([
        contractFactsFor(tx, year, recipients),
        tx
          .select()
          .from(grants)
          .where(and(inArray(grants.recipientOrgId, recipients), eq(grants.year, year)))
          .for('update'),
      ]);
      const orgs = await orgFacts(tx, [...recipients, ...facts.flatMap((c) => [c.sellerOrgId, c.buyerOrgId, ...(c.brokerOrgId ? [c.brokerOrgId] : [])])]);
      // Filings matter only to agencies (clauses B1–B3); a seller's job skips them.
      const agencies = recipients.filter((id) => orgs.some((o) => o.id === id && o.kind === 'agency'));
      const [filings, alreadyGranted] = agencies.length
        ? await Promise.all([filingFacts(tx, agencies), earlierFilingAwards(tx, year, agencies)])
        : [[], new Set<string>()];
      const input = { year, policy, contracts: facts, orgs, filings, alreadyGranted };
      for (const recipientOrgId of recipients) {
        for (const clause of CLAUSES) {
          const figure = computeForRecipient(input, { clause, recipientOrgId });
          const r = await writeFigure(tx, { clause, recipientOrgId, year }, existing.find((g) => g.clause === clause && g.recipientOrgId === recipientOrgId), figure, policy);
          summary[r]++;
        }
      }
    }
  });
  return summary;
}

/**
 * Every figure of a year from scratch, as the engine computes them from all the facts: for checks,
 * the benchmark and the policy dry run (`under`: a draft policy instead of the version in force). Writes nothing.
 */
export async function computeYearFromScratch(year: number, db: DbOrTx = getDb(), under?: Policy): Promise<GrantComputation[]> {
  const policy = under ?? policyForYear(year, await loadPolicies(db));
  if (!policy) return [];
  const rows = await db.select(contractCols).from(contracts).where(inArray(contracts.status, [...FACT_STATUSES]));
  const facts = rows.map(toFact);
  const orgs = (await db.select({ id: organizations.id, kind: organizations.kind, regionCode: organizations.regionCode, status: organizations.status, name: organizations.name }).from(organizations)).map(toOrgFact);
  return computeGrants({ year, policy, contracts: facts, orgs, filings: await filingFacts(db), alreadyGranted: await earlierFilingAwards(db, year) });
}

/** Recomputes a whole year in one transaction: the repair tool and the benchmark's "full recompute". */
export async function recomputeYear(year: number): Promise<RecomputeSummary & { figures: number }> {
  const summary: RecomputeSummary = { inserted: 0, updated: 0, adjusted: 0, unchanged: 0 };
  const figures = await computeYearFromScratch(year);
  const policy = policyForYear(year, await loadPolicies());
  if (!policy) return { ...summary, figures: 0 };
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`grant-year:${year}`}))`);
    const existing = await tx.select().from(grants).where(eq(grants.year, year)).for('update');
    const byKey = new Map(existing.map((g) => [`${g.clause}:${g.recipientOrgId}`, g]));
    const seen = new Set<string>();
    // New figures are inserted many rows per statement (the rows writeFigure would insert one by one);
    // every existing row still goes through writeFigure, which issues no query when nothing changed.
    const fresh: Array<typeof grants.$inferInsert> = [];
    for (const f of figures) {
      const k = `${f.clause}:${f.recipientOrgId}`;
      seen.add(k);
      const g = byKey.get(k);
      if (g) summary[await writeFigure(tx, { clause: f.clause, recipientOrgId: f.recipientOrgId, year }, g, f, policy)]++;
      else fresh.push({ clause: f.clause, recipientOrgId: f.recipientOrgId, year, status: policy.applicationRequired ? 'computed' : 'submitted', ...figureValues(f) });
    }
    for (let i = 0; i < fresh.length; i += 500) await tx.insert(grants).values(fresh.slice(i, i + 500));
    summary.inserted += fresh.length;
    for (const g of existing) if (!seen.has(`${g.clause}:${g.recipientOrgId}`)) summary[await writeFigure(tx, g, g, null, policy)]++;
  });
  return { ...summary, figures: figures.length };
}
