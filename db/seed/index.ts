import Decimal from 'decimal.js';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { getDb, type Tx } from '#db/client.ts';
import { contracts, organizations, results, searchSynonyms, seedMarks, users } from '#db/schema.ts';
import { planContracts } from './contracts.ts';
import { seedContracts } from './seed-contracts.ts';
import { generateListings, publishedResultRow } from './results-generator.ts';
import { DEFAULT_SYNONYMS } from '#search/synonyms.ts';
import { hashPassword } from '#app/services/accounts.server.ts';
import { recordManualPayment } from '#app/services/payments.server.ts';
import { fileAgency } from '#app/services/grants/agencies.server.ts';
import { setBudget } from '#app/services/grants/budgets.server.ts';
import { seedDemands } from './demands.ts';
import { seedConversations } from './conversations.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import { enrolWithSecret } from '#app/services/mfa.server.ts';
import { DEMO_TOTP_SECRET } from './mfa.ts';
import { DEMO_BUREAU_EMAIL, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './organizations.ts';

/** Enough results for the demo search to feel real. */
const DEMO_RESULTS = 2_400;
const DEMO_CONTRACTS = 320;

type Part = { name: string; run: (tx: Tx, log: (l: string) => void) => Promise<void> };

/** Demo data in named parts; each part runs once, in one transaction with its mark. */
const PARTS: Part[] = [
  {
    name: 'organizations-v1',
    async run(tx, log) {
      const ids = new Map<string, string>();
      for (const o of DEMO_ORGANIZATIONS) {
        const [row] = await tx
          .insert(organizations)
          .values({
            name: o.name,
            nameEn: o.nameEn ?? null,
            kind: o.kind,
            creditCode: o.creditCode,
            regionCode: o.regionCode,
            status: o.status,
            verifiedAt: o.status === 'verified' ? new Date() : null,
            description: o.description ?? null,
            address: o.address ?? null,
            website: o.website ?? null,
            registeredCapital: o.registeredCapital ? new Decimal(o.registeredCapital) : null,
          })
          .onConflictDoNothing({ target: organizations.creditCode })
          .returning({ id: organizations.id });
        if (row) ids.set(o.name, row.id);
      }
      await insertDemoUsers(tx, DEMO_USERS, ids);
      log(`${DEMO_ORGANIZATIONS.length} organisations, ${DEMO_USERS.length} demo users`);
    },
  },
  {
    name: 'results-v1',
    async run(tx, log) {
      const holders = await tx
        .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
        .from(organizations)
        .where(and(eq(organizations.status, 'verified'), inArray(organizations.kind, ['university', 'institute', 'enterprise'])));
      const listings = generateListings({ count: DEMO_RESULTS, seed: 2026, institutions: holders });
      const now = Date.now();
      for (let i = 0; i < listings.length; i += 500) {
        const batch = listings.slice(i, i + 500).map((l, j) => {
          // Spread over the last two years, newest first, so "newest" sorting means something.
          const publishedAt = new Date(now - (i + j) * 31_536_000_000 * 2 / listings.length);
          return publishedResultRow(l, publishedAt);
        });
        await tx.insert(results).values(batch).onConflictDoNothing();
      }
      log(`${listings.length} published results (indexed by the search step)`);
    },
  },
  {
    name: 'contracts-v1',
    async run(tx, log) {
      const orgs = await tx.select({ id: organizations.id, name: organizations.name, kind: organizations.kind }).from(organizations).where(eq(organizations.status, 'verified'));
      const bureau = await demoBureau(tx);
      const held = await tx.select({ id: results.id, holderOrgId: results.holderOrgId, title: results.title }).from(results).where(eq(results.status, 'published')).limit(400);
      if (!bureau) throw new Error('contracts seed needs the bureau demo user');
      const plan = planContracts({
        count: DEMO_CONTRACTS,
        seed: 2025,
        sellers: orgs.filter((o) => o.kind !== 'agency'),
        buyers: orgs.filter((o) => o.kind === 'enterprise'),
        agencies: orgs.filter((o) => o.kind === 'agency'),
        results: held,
      });
      const n = await seedContracts(tx, plan, bureau);
      log(`${n} contracts in every state, 2023–2025`);
    },
  },
  {
    // Bank transfers recorded by the sellers, through the real payment service: in 2023–2024 most
    // buyers have paid the first instalment and many the second; one in ten was reversed.
    name: 'payments-v1',
    async run(tx, log) {
      const rows = await tx
        .select({ id: contracts.id, registeredOn: contracts.registeredOn, registrationNo: contracts.registrationNo, sellerOrgId: contracts.sellerOrgId })
        .from(contracts)
        .where(and(eq(contracts.status, 'registered'), lt(contracts.registeredOn, '2025-01-01')))
        .orderBy(contracts.registrationNo);
      const sellers = new Map<string, Viewer>();
      let n = 0;
      for (const [i, c] of rows.entries()) {
        if (i % 5 === 4) continue; // not paid yet
        // Only the payee records a bank transfer (docs/money-records.md): the seller's own user.
        const viewer = sellers.get(c.sellerOrgId) ?? (await sellerViewer(tx, c.sellerOrgId));
        sellers.set(c.sellerOrgId, viewer);
        await recordManualPayment(viewer, c.id, 1, { status: 'paid', reference: `BOC ${c.registrationNo!.slice(-8)}-1` }, { ip: 'seed' });
        n++;
        if (i % 10 === 3) await recordManualPayment(viewer, c.id, 1, { status: 'reversed', reference: '银行退票 / returned by the bank' }, { ip: 'seed' });
        else if (i % 2 === 0) {
          await recordManualPayment(viewer, c.id, 2, { status: 'paid', reference: `BOC ${c.registrationNo!.slice(-8)}-2` }, { ip: 'seed' });
          n++;
        }
      }
      log(`${n} instalment payments recorded by hand`);
    },
  },
  {
    // Agency filings (备案) and the bureau's budgets, so clauses B1–B3 and the budget panel have data.
    // Filings go through the service, which enqueues the agencies' grant recomputes.
    name: 'grants-v1',
    async run(tx, log) {
      const viewer = await demoBureau(tx);
      if (!viewer) throw new Error('grants seed needs the bureau demo user');
      const agencies = await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.kind, 'agency'), eq(organizations.status, 'verified'))).orderBy(organizations.name);
      const levels: Array<{ level: 'national' | 'provincial' | 'municipal'; filedOn: string; newlyRecognized: boolean }> = [
        { level: 'municipal', filedOn: '2021-04-12', newlyRecognized: false },
        { level: 'provincial', filedOn: '2023-09-20', newlyRecognized: false },
        { level: 'national', filedOn: '2024-11-05', newlyRecognized: true },
      ];
      let n = 0;
      for (const [i, a] of agencies.entries()) {
        // Every agency files at the municipal level; the demo agency is also provincial (2023) and newly national (2024).
        await fileAgency(viewer, a.id, levels[0]!, { ip: 'seed' });
        n++;
        if (a.name === '聊城市技术转移服务中心') {
          for (const f of levels.slice(1)) await fileAgency(viewer, a.id, f, { ip: 'seed' });
          n += 2;
        } else if (i % 3 === 1) {
          await fileAgency(viewer, a.id, { level: 'provincial', filedOn: '2024-03-18', newlyRecognized: false }, { ip: 'seed' });
          n++;
        }
      }
      for (const [year, amount] of [[2023, '3000000.00'], [2024, '3500000.00'], [2025, '4000000.00']] as const) await setBudget(viewer, year, new Decimal(amount), { ip: 'seed' });
      log(`${n} agency filings; grant budgets for 2023–2025 (grants are computed by the worker)`);
    },
  },
  {
    // Technology demands from the demo enterprises: mostly published, some closed, some expired.
    name: 'demands-v1',
    async run(tx, log) {
      const n = await seedDemands(320, tx);
      log(`${n} technology demands`);
    },
  },
  {
    name: 'conversations-v1',
    async run(tx, log) {
      await seedConversations(tx, log);
    },
  },
  {
    name: 'search-synonyms-v1',
    async run(tx, log) {
      await tx.insert(searchSynonyms).values(DEFAULT_SYNONYMS.map((terms) => ({ terms })));
      log(`${DEFAULT_SYNONYMS.length} synonym groups`);
    },
  },
  {
    // One demo user per bureau role (issue 16), for demo data seeded before the roles existed.
    name: 'bureau-roles-v1',
    async run(tx, log) {
      const added = await insertDemoUsers(tx, DEMO_USERS.filter((u) => u.role === 'bureau'), new Map());
      log(`${added} bureau demo users, one per bureau role`);
    },
  },
  {
    // Bureau users sign in with TOTP: the demo ones share a published demo secret (db/seed/mfa.ts).
    name: 'bureau-mfa-v1',
    async run(tx, log) {
      const emails = DEMO_USERS.filter((u) => u.role === 'bureau').map((u) => u.email);
      const bureau = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'bureau'), inArray(users.email, emails)));
      for (const u of bureau) await enrolWithSecret(tx, u.id, DEMO_TOTP_SECRET);
      log(`${bureau.length} demo bureau users enrolled in TOTP (demo secret)`);
    },
  },
];

/** Inserts the demo users whose email is free; returns how many were added. */
async function insertDemoUsers(tx: Tx, list: readonly DemoUser[], orgIds: ReadonlyMap<string, string>): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let added = 0;
  for (const u of list) {
    const orgId = u.orgName ? orgIds.get(u.orgName) : null;
    if (u.orgName && !orgId) throw new Error(`demo user ${u.email}: no organisation named ${u.orgName}`);
    const rows = await tx
      .insert(users)
      .values({ email: u.email, name: u.name, passwordHash, role: u.role, orgId: orgId ?? null, bureauRoles: [...u.bureauRoles] })
      .onConflictDoNothing()
      .returning({ id: users.id });
    added += rows.length;
  }
  return added;
}

/**
 * A user of the seller's organisation to record its payments: its demo login where it has one,
 * else a finance member with no usable password (the hash '!' matches nothing).
 */
async function sellerViewer(tx: Tx, orgId: string): Promise<Viewer> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw new Error(`payments seed: no organisation ${orgId}`);
  // Outside the part's transaction: the payment service writes in its own, which must see the user.
  let [u] = await getDb().select({ id: users.id, email: users.email, role: users.role }).from(users).where(eq(users.orgId, orgId)).orderBy(users.createdAt).limit(1);
  if (!u) {
    [u] = await getDb()
      .insert(users)
      .values({ email: `finance-${org.creditCode.toLowerCase()}@demo.lc.test`, name: '财务', passwordHash: '!', role: 'org_member', orgId })
      .returning({ id: users.id, email: users.email, role: users.role });
  }
  return {
    user: { id: u!.id, email: u!.email, name: '', role: u!.role, orgId, bureauRoles: [] },
    org: { id: org.id, name: org.name, kind: org.kind, status: org.status },
    via: { kind: 'token', tokenId: 'seed' },
  };
}

/** The demo bureau user with every role, as a viewer for the services the demo data goes through. */
async function demoBureau(tx: Tx): Promise<Viewer | null> {
  const [u] = await tx.select({ id: users.id, email: users.email, roles: users.bureauRoles }).from(users).where(and(eq(users.role, 'bureau'), eq(users.email, DEMO_BUREAU_EMAIL)));
  return u ? { user: { id: u.id, email: u.email, name: '', role: 'bureau', orgId: null, bureauRoles: u.roles }, org: null, via: { kind: 'token', tokenId: 'seed' } } : null;
}

/** Seeds every part not seeded yet; returns whether anything was added. */
export async function seedDemo({ log = () => {} }: { log?: (l: string) => void } = {}): Promise<boolean> {
  let added = false;
  for (const part of PARTS) {
    await getDb().transaction(async (tx) => {
      // Two processes starting at once must not seed twice.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('seed_demo'))`);
      const done = await tx.select().from(seedMarks).where(sql`${seedMarks.name} = ${part.name}`);
      if (done.length > 0) return;
      await part.run(tx, log);
      await tx.insert(seedMarks).values({ name: part.name });
      added = true;
    });
  }
  return added;
}
