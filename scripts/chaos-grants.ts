/**
 * `npm run chaos:grants [-- --contracts 1000 --kills 25 --seed 42]`: registers contracts (and
 * revokes or terminates some) through the real services while the job worker runs as a
 * separate process that is SIGKILLed at random moments and restarted. Once the queue has
 * drained, every grant row is compared with the engine's figures computed from scratch.
 * Exit code 1 when anything was lost, double-counted or different, or a job failed for good.
 *
 * The script runs on its own embedded PostgreSQL and Meilisearch under .data/chaos and
 * recreates its database on every run; it never uses DATABASE_URL from the environment.
 * `runChaos` is the core, which the integration test runs small on its own database.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Decimal from 'decimal.js';
import { inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { resetEnv } from '#config/env.ts';
import { closeDb, getDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { agencyFilings, contractInstalments, contracts, grants, organizations, results, users } from '#db/schema.ts';
import { attachSignedContract } from '#db/seed/signed-contracts.ts';
import { mulberry32 } from '#db/seed/results-generator.ts';
import { makeUscc, USCC_ALPHABET } from '#domain/codes/uscc.ts';
import type { OrgKind } from '#domain/permissions.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import { registerContract, revokeContract, terminateContract } from '#app/services/contracts.server.ts';
import { computeYearFromScratch } from '#app/services/grants/recompute.server.ts';
import { resetMeili } from '#search/client.ts';
import { applyResultsSettings } from '#search/setup.ts';
import { DATABASE_NAME, ensureServices } from './services/index.ts';
import { sleep } from './services/process.ts';
import { killWorker, spawnWorker, stopWorker, type WorkerProcess } from './services/worker-process.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type ChaosOptions = {
  contracts: number;
  kills: number;
  seed: number;
  /** Embedded services' folder when no databaseUrl is given (a fresh database each run). */
  dataDir?: string;
  /** An already migrated database to use as it is (the test's); Meilisearch then comes from the environment. */
  databaseUrl?: string;
  log?: (line: string) => void;
};

export type ChaosFigures = {
  seed: number;
  contractsRegistered: number;
  revoked: number;
  terminated: number;
  kills: number;
  /** Jobs that were running (locked) in the worker when it was killed. */
  jobsInterrupted: number;
  /** Dead workers whose jobs the sweeper of a later worker unlocked. */
  sweptWorkers: number;
  streamSeconds: number;
  /** From the last registration or revocation committed to an empty queue. */
  drainSeconds: number;
  failedJobs: Array<{ task: string; error: string }>;
  /** Jobs replaced by a newer one with the same key while locked by a worker that was then killed. */
  retiredJobs: number;
  years: number[];
  grantsCompared: number;
  /** Figures from scratch with no row, a smaller amount, or a contract missing. */
  lost: number;
  /** Rows with a larger amount, a contract that should not count, or a contract listed twice; plus contracts in two grants of one clause. */
  doubleCounted: number;
  /** Keys whose row differs from the from-scratch figure in any way (lost and double-counted included). */
  mismatched: number;
  examples: string[];
};

// ---------------------------------------------------------------------------------------------
// The plan: organisations, results, contracts and the order of events, all from the seed.

type OrgPlan = { name: string; kind: OrgKind; regionCode: string; creditCode: string; filing: boolean };
type ContractPlan = {
  kind: 'development' | 'transfer' | 'consulting' | 'service';
  licence: boolean;
  seller: number;
  buyer: number;
  broker: number | null;
  result: number | null;
  amount: Decimal;
  technologyAmount: Decimal | null;
  commission: { rate: Decimal } | { fixed: Decimal } | null;
  signedOn: string;
  registeredOn: string;
  end: 'revoked' | 'terminated' | null;
};
type ChaosEvent = { type: 'register' | 'revoked' | 'terminated'; contract: number };
type Plan = { orgs: OrgPlan[]; results: Array<{ owner: number }>; contracts: ContractPlan[]; events: ChaosEvent[] };

const LOCAL = ['371502', '371503', '371521', '371522', '371524', '371525', '371526', '371581'];
const DISTRICT = ['东昌府', '茌平', '阳谷', '莘县', '东阿', '冠县', '高唐', '临清'];
const OUTSIDE = ['370102', '370212', '370902', '110108', '310115', '370104'];
const OUTSIDE_CITY = ['济南', '青岛', '泰安', '北京', '上海', '济南槐荫'];
const FIELDS = ['新材料', '生物技术', '农业科学', '装备制造', '精细化工', '电子信息', '节能环保', '中药'];
const BRANDS = ['华拓', '鑫源', '恒科', '瑞丰', '启明', '众诚', '中泽', '博远', '卓安', '青禾'];
const TRADES = ['轴承', '铜箔', '食品', '机械', '电缆', '纸业', '生物', '新能源'];
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2023, 0, 1);
/** Registration days from 2023-01-01, leaving room to move a transfer off a day its result already has. */
const DAYS = 3 * 365 - 15;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function planChaos(seed: number, count: number): Plan {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const codes = new Set<string>();
  const creditCode = (registrar: string, region: string) => {
    for (;;) {
      let body = '';
      for (let i = 0; i < 9; i++) body += USCC_ALPHABET[int(USCC_ALPHABET.length)];
      const code = makeUscc(`${registrar}${region}${body}`);
      if (!codes.has(code)) return codes.add(code), code;
    }
  };
  const orgs: OrgPlan[] = [];
  const add = (name: string, kind: OrgKind, regionCode: string, registrar: string) => orgs.push({ name, kind, regionCode, creditCode: creditCode(registrar, regionCode), filing: kind === 'agency' });
  ['理工', '农业', '医学', '师范', '职业技术', '工程'].forEach((w, i) => add(`聊城${w}学院`, 'university', LOCAL[i % 2]!, '12'));
  FIELDS.forEach((f, i) => add(`${DISTRICT[i]}${f}研究院`, 'institute', LOCAL[i]!, '12'));
  for (let i = 0; i < 30; i++) add(`聊城${BRANDS[i % 10]}${TRADES[Math.floor(i / 10) + (i % 3)]}有限公司${i}`, 'enterprise', LOCAL[i % LOCAL.length]!, '91');
  OUTSIDE.forEach((r, i) => add(`${OUTSIDE_CITY[i]}${BRANDS[i]}科技有限公司`, 'enterprise', r, '91'));
  for (let i = 0; i < 10; i++) add(`${i < 8 ? DISTRICT[i] : OUTSIDE_CITY[i - 8]}技术转移服务中心`, 'agency', i < 8 ? LOCAL[i]! : OUTSIDE[i - 8]!, '52');

  const idx = (pred: (o: OrgPlan) => boolean) => orgs.flatMap((o, i) => (pred(o) ? [i] : []));
  const parties = idx((o) => o.kind !== 'agency');
  const localParties = idx((o) => o.kind !== 'agency' && o.regionCode.startsWith('3715'));
  const outsideParties = idx((o) => o.kind !== 'agency' && !o.regionCode.startsWith('3715'));
  const agencies = idx((o) => o.kind === 'agency');
  const results = Array.from({ length: Math.max(3, Math.round(count * 0.03)) }, () => ({ owner: pick(localParties) }));

  const cents = (lo: number, hi: number) => new Decimal(Math.floor(Math.exp(Math.log(lo) + rnd() * (Math.log(hi) - Math.log(lo))))).dividedBy(100);
  const planned: ContractPlan[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rnd();
    const kind = roll < 0.35 ? 'development' : roll < 0.5 ? 'transfer' : roll < 0.7 ? 'consulting' : 'service';
    const seller = rnd() < 0.9 ? pick(localParties) : pick(outsideParties);
    let buyer = rnd() < 0.7 ? pick(localParties) : pick(outsideParties);
    if (buyer === seller) buyer = parties.find((p) => p !== seller)!;
    const amount = cents(1_000_000, 500_000_000);
    const t = rnd();
    const technologyAmount = t < 0.5 ? amount : t < 0.85 ? amount.times(60 + int(40)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN) : null;
    const broker = rnd() < 0.3 ? pick(agencies) : null;
    const commission = broker === null ? null : rnd() < 0.5 ? { rate: new Decimal('0.03') } : { fixed: amount.times('0.02').toDecimalPlaces(2, Decimal.ROUND_DOWN).plus('0.01') };
    const day = int(DAYS);
    const r = rnd();
    const end = r < 0.03 ? 'revoked' : r < 0.05 ? 'terminated' : null;
    planned.push({ kind, licence: false, seller, buyer, broker, result: null, amount, technologyAmount, commission, signedOn: isoDay(FIRST_DAY + (day - 5 - int(30)) * DAY), registeredOn: isoDay(FIRST_DAY + day * DAY), end });
  }

  // Transfers form chains per result, in registration-date order: each buyer is the next seller
  // (a licence leaves the result with its licensor), so the value-added rule has work to do.
  const chains = new Map<number, number[]>();
  planned.forEach((c, i) => {
    if (c.kind !== 'transfer') return;
    const r = int(results.length);
    c.result = r;
    c.licence = rnd() < 0.2;
    chains.set(r, [...(chains.get(r) ?? []), i]);
  });
  for (const [r, members] of chains) {
    const usedDays = new Set<string>();
    for (const i of members) {
      const c = planned[i]!;
      while (usedDays.has(c.registeredOn)) c.registeredOn = isoDay(Date.parse(c.registeredOn) + DAY);
      usedDays.add(c.registeredOn);
    }
    members.sort((a, b) => (planned[a]!.registeredOn < planned[b]!.registeredOn ? -1 : 1));
    let holder = results[r]!.owner;
    for (const i of members) {
      const c = planned[i]!;
      c.seller = holder;
      if (c.buyer === holder) c.buyer = localParties.find((p) => p !== holder)!;
      if (!c.licence) holder = c.buyer;
    }
  }

  // The stream registers in random order (not date order); an ending follows its registration by 1–40 events.
  const order = planned.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const events: ChaosEvent[] = [];
  const later: Array<{ due: number; event: ChaosEvent }> = [];
  order.forEach((ci, pos) => {
    events.push({ type: 'register', contract: ci });
    const end = planned[ci]!.end;
    if (end) later.push({ due: pos + 1 + int(40), event: { type: end, contract: ci } });
    for (const l of later.filter((x) => x.due <= pos)) events.push(l.event);
    later.splice(0, later.length, ...later.filter((x) => x.due > pos));
  });
  events.push(...later.map((l) => l.event));
  return { orgs, results, contracts: planned, events };
}

// ---------------------------------------------------------------------------------------------
// The facts in the database: organisations, filings, results, confirmed and submitted drafts.

type Prepared = { orgIds: string[]; contractIds: string[]; viewer: Viewer };

async function prepare(plan: Plan): Promise<Prepared> {
  const db = getDb();
  const [bureau] = await db
    .insert(users)
    .values({ email: `chaos-bureau-${Date.now()}@example.test`, name: '混沌测试登记员', passwordHash: '!', role: 'bureau', bureauRoles: ['registrar'] })
    .returning({ id: users.id, email: users.email });
  const viewer: Viewer = { user: { id: bureau!.id, email: bureau!.email, name: '', role: 'bureau', orgId: null, bureauRoles: ['registrar'] }, org: null, via: { kind: 'token', tokenId: 'chaos' } };
  const orgRows = await db
    .insert(organizations)
    .values(plan.orgs.map((o) => ({ name: o.name, kind: o.kind, regionCode: o.regionCode, creditCode: o.creditCode, status: 'verified' as const, verifiedAt: new Date() })))
    .returning({ id: organizations.id });
  const orgIds = orgRows.map((r) => r.id);
  await db.insert(agencyFilings).values(
    plan.orgs.flatMap((o, i) => (o.filing ? [{ agencyOrgId: orgIds[i]!, level: 'municipal' as const, filedOn: `${2020 + (i % 3)}-0${1 + (i % 9)}-15` }] : [])),
  );
  const resultRows = await db
    .insert(results)
    .values(
      plan.results.map((r, i) => ({
        ownerOrgId: orgIds[r.owner]!,
        holderOrgId: orgIds[r.owner]!,
        kind: 'result' as const,
        title: `${FIELDS[i % FIELDS.length]}成果 ${i + 1}`,
        abstract: `一项${FIELDS[i % FIELDS.length]}领域的科技成果，用于检验成果多次转让时的增值部分补助。`,
        field: 'new_materials' as const,
        ipType: 'know_how' as const,
        transferModes: ['transfer' as const, 'license' as const],
        maturity: 'pilot' as const,
        status: 'published' as const,
        publishedAt: new Date(),
        indexedVersion: 1,
      })),
    )
    .returning({ id: results.id });
  const contractIds: string[] = [];
  for (let i = 0; i < plan.contracts.length; i += 500) {
    const batch = plan.contracts.slice(i, i + 500);
    const rows = await db
      .insert(contracts)
      .values(
        batch.map((c) => {
          const confirmedAt = new Date(`${c.signedOn}T10:00:00+08:00`);
          return {
            kind: c.kind,
            licence: c.licence,
            title: `混沌测试合同 ${c.kind} ${c.registeredOn}`,
            sellerOrgId: orgIds[c.seller]!,
            buyerOrgId: orgIds[c.buyer]!,
            brokerOrgId: c.broker === null ? null : orgIds[c.broker]!,
            resultId: c.result === null ? null : resultRows[c.result]!.id,
            amount: c.amount,
            technologyAmount: c.technologyAmount,
            signedOn: c.signedOn,
            commissionRate: c.commission && 'rate' in c.commission ? c.commission.rate : null,
            commissionFixed: c.commission && 'fixed' in c.commission ? c.commission.fixed : null,
            status: 'submitted' as const,
            sellerConfirmedAt: confirmedAt,
            buyerConfirmedAt: confirmedAt,
          };
        }),
      )
      .returning({ id: contracts.id });
    contractIds.push(...rows.map((r) => r.id));
  }
  const instalments = plan.contracts.flatMap((c, i) => {
    const first = c.amount.times('0.4').toDecimalPlaces(2, Decimal.ROUND_DOWN);
    return [
      { contractId: contractIds[i]!, seq: 1, dueOn: c.signedOn, amount: first },
      { contractId: contractIds[i]!, seq: 2, dueOn: c.registeredOn, amount: c.amount.minus(first) },
    ];
  });
  for (let i = 0; i < instalments.length; i += 1000) await db.insert(contractInstalments).values(instalments.slice(i, i + 1000));
  // Registration needs each contract's signed text (a small PDF in the object store), as a party would upload it.
  for (let i = 0; i < contractIds.length; i += 20) {
    await Promise.all(contractIds.slice(i, i + 20).map((id, j) => attachSignedContract({ id, sellerOrgId: orgIds[plan.contracts[i + j]!.seller]! }, 'chaos')));
  }
  return { orgIds, contractIds, viewer };
}

// ---------------------------------------------------------------------------------------------
// The check: every row against the engine's figures from all the facts.

type RowContract = { id: string; registrationNo: string; amount: string; eligibleAmount: string };

export async function compareGrants(): Promise<Pick<ChaosFigures, 'years' | 'grantsCompared' | 'lost' | 'doubleCounted' | 'mismatched' | 'examples'>> {
  const db = getDb();
  const yearRows = await db.execute<{ year: number }>(sql`
    select distinct extract(year from registered_on)::int as year from contracts where registered_on is not null
    union select distinct year from grants order by 1`);
  const years = [...yearRows].map((r) => Number(r.year));
  const rows = years.length
    ? await db
        .select({ clause: grants.clause, recipientOrgId: grants.recipientOrgId, year: grants.year, amount: grants.amount, base: grants.base, policyId: grants.policyId, contracts: grants.contracts })
        .from(grants)
        .where(inArray(grants.year, years))
    : [];
  const key = (k: { clause: string; recipientOrgId: string; year: number }) => `${k.clause}:${k.recipientOrgId}:${k.year}`;
  const byKey = new Map(rows.map((r) => [key(r), { ...r, contracts: r.contracts as RowContract[] }]));
  const scratch = new Map<string, Awaited<ReturnType<typeof computeYearFromScratch>>[number]>();
  for (const y of years) for (const f of await computeYearFromScratch(y)) scratch.set(key(f), f);

  let lost = 0;
  let doubleCounted = 0;
  let mismatched = 0;
  const examples: string[] = [];
  const note = (s: string) => examples.length < 10 && examples.push(s);
  for (const k of new Set([...byKey.keys(), ...scratch.keys()])) {
    const r = byKey.get(k);
    const f = scratch.get(k);
    const want = new Map((f?.contracts ?? []).map((c) => [c.contractId, c.eligibleAmount]));
    const have = new Map((r?.contracts ?? []).map((c) => [c.id, new Decimal(c.eligibleAmount)]));
    const wantAmount = f?.amount ?? new Decimal(0);
    const haveAmount = r?.amount ?? new Decimal(0);
    const isLost = (f && !r) || haveAmount.lt(wantAmount) || [...want.keys()].some((id) => !have.has(id));
    const listedTwice = (r?.contracts.length ?? 0) !== have.size;
    const isDouble = listedTwice || haveAmount.gt(wantAmount) || [...have.keys()].some((id) => !want.has(id));
    const differs =
      isLost ||
      isDouble ||
      !(r?.base ?? new Decimal(0)).eq(f?.base ?? 0) ||
      (f !== undefined && r !== undefined && r.policyId !== f.policyId) ||
      [...want].some(([id, e]) => !have.get(id)?.eq(e));
    if (isLost) lost++;
    if (isDouble) doubleCounted++;
    if (differs) {
      mismatched++;
      note(`${k}: row ${r ? `${haveAmount.toFixed(2)} on ${r.contracts.length} contracts` : 'missing'}, from scratch ${f ? `${wantAmount.toFixed(2)} on ${want.size}` : 'none'}`);
    }
  }
  // Once only, across rows: no contract in two grants of the same clause (of any year).
  const seen = new Map<string, string>();
  for (const r of byKey.values()) {
    for (const id of new Set(r.contracts.map((c) => c.id))) {
      const where = `${r.clause}:${id}`;
      const other = seen.get(where);
      if (other !== undefined) {
        doubleCounted++;
        note(`contract ${id} in two ${r.clause} grants: ${other} and ${key(r)}`);
      } else seen.set(where, key(r));
    }
  }
  return { years, grantsCompared: new Set([...byKey.keys(), ...scratch.keys()]).size, lost, doubleCounted, mismatched, examples };
}

// ---------------------------------------------------------------------------------------------

/** Embedded PostgreSQL and Meilisearch under `dataDir`, ignoring any configured ones, with the database dropped, recreated and migrated. */
export async function freshEmbeddedDatabase(dataDir: string, log: (l: string) => void) {
  process.env.DATA_DIR = dataDir;
  for (const v of ['DATABASE_URL', 'MEILI_URL', 'MEILI_MASTER_KEY', 'MEILI_INDEX_PREFIX']) delete process.env[v];
  resetEnv();
  resetMeili();
  const services = await ensureServices({ log });
  const admin = new URL(services.databaseUrl);
  admin.pathname = '/postgres';
  const sqlAdmin = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sqlAdmin.unsafe(`drop database if exists "${DATABASE_NAME}" with (force)`);
    await sqlAdmin.unsafe(`create database "${DATABASE_NAME}"`);
  } finally {
    await sqlAdmin.end();
  }
  await migrateDatabase(services.databaseUrl);
  return services;
}

/** Jobs not done yet: waiting, running, retrying, or locked by a dead worker. */
async function pendingJobs(): Promise<number> {
  const [row] = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs where attempts < max_attempts`);
  return Number(row!.n);
}

/** Locked jobs per worker id. */
async function lockedBy(): Promise<Map<string, number>> {
  const rows = await getDb().execute<{ worker: string; n: number }>(sql`select locked_by as worker, count(*)::int as n from graphile_worker.jobs where locked_by is not null group by 1`);
  return new Map(rows.map((r) => [r.worker, Number(r.n)]));
}

export async function runChaos(opts: ChaosOptions): Promise<ChaosFigures> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const services = opts.databaseUrl ? undefined : await freshEmbeddedDatabase(path.resolve(ROOT, opts.dataDir ?? '.data/chaos'), log);
  if (opts.databaseUrl && process.env.DATABASE_URL !== opts.databaseUrl) {
    process.env.DATABASE_URL = opts.databaseUrl;
    resetEnv();
    await closeDb();
  }
  const databaseUrl = opts.databaseUrl ?? services!.databaseUrl;
  const workerEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '4' };
  const workers: WorkerProcess[] = [];
  let aborted = false;
  let chaos: Promise<void> | undefined;
  try {
    const rnd = mulberry32(opts.seed ^ 0x5eed);
    const plan = planChaos(opts.seed, opts.contracts);
    // Registering a transfer moves the result's holder and syncs the search index: the index must exist.
    await applyResultsSettings();
    const { contractIds, viewer } = await prepare(plan);
    log(`[chaos] ${plan.orgs.length} organisations, ${plan.results.length} results, ${plan.contracts.length} submitted contracts; ${plan.events.length} events, ${opts.kills} kills (seed ${opts.seed})`);

    let kills = 0;
    let jobsInterrupted = 0;
    let current: WorkerProcess | undefined;
    const start = async () => {
      const { proc, ready } = spawnWorker(workerEnv, log);
      workers.push(proc);
      current = proc;
      return { proc, ready };
    };
    chaos = (async () => {
      for (let k = 0; k < opts.kills; k++) {
        if (aborted) return;
        // Jobs still locked by earlier victims are not this kill's: the sweeper frees them later.
        const before = await lockedBy();
        const { proc, ready } = await start();
        // Mostly while jobs run; sometimes during start-up, before the first heartbeat.
        if (rnd() < 0.15) await Promise.race([sleep(200 + rnd() * 1500), ready]);
        else {
          await ready;
          await Promise.race([sleep(100 + rnd() * 2400), proc.exited]);
        }
        if (proc.child.exitCode !== null) throw new Error(`the worker exited by itself (${proc.child.exitCode}):\n${proc.tail()}`);
        await killWorker(proc);
        jobsInterrupted += [...(await lockedBy())].filter(([w]) => !before.has(w)).reduce((s, [, n]) => s + n, 0);
        kills++;
      }
      if (aborted) return;
      const { ready } = await start();
      await ready;
    })();

    // The stream: four lanes take events in order; each waits until enough kills have passed so
    // that the kills spread over the whole stream.
    const t0 = performance.now();
    const registered = new Map<number, Promise<unknown>>();
    let next = 0;
    let lastCommit = t0;
    const counts = { registered: 0, revoked: 0, terminated: 0 };
    const meta = { ip: 'chaos' };
    const allowed = (e: number) => e < Math.ceil((plan.events.length * (kills + 1)) / (opts.kills + 1));
    let chaosError: unknown;
    void chaos.catch((e: unknown) => (chaosError = e));
    const lane = async () => {
      for (let e = next++; e < plan.events.length; e = next++) {
        while (!allowed(e)) {
          if (chaosError) throw chaosError;
          await sleep(20);
        }
        const ev = plan.events[e]!;
        const id = contractIds[ev.contract]!;
        if (ev.type === 'register') {
          const p = registerContract(viewer, id, plan.contracts[ev.contract]!.registeredOn, meta);
          registered.set(ev.contract, p);
          await p;
          counts.registered++;
        } else {
          await registered.get(ev.contract);
          if (ev.type === 'revoked') await revokeContract(viewer, id, '混沌测试：撤销登记', meta);
          else await terminateContract(viewer, id, '混沌测试：协商终止', meta);
          counts[ev.type]++;
        }
        lastCommit = performance.now();
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    const streamSeconds = (lastCommit - t0) / 1000;
    log(`[chaos] stream done in ${streamSeconds.toFixed(1)} s: ${counts.registered} registered, ${counts.revoked} revoked, ${counts.terminated} terminated; waiting for the kills and the queue`);
    await chaos;

    for (let pending = await pendingJobs(); pending > 0; pending = await pendingJobs()) {
      if (performance.now() - lastCommit > 600_000) throw new Error(`the queue did not drain in 10 minutes (${pending} pending)`);
      if (current && current.child.exitCode !== null) throw new Error(`the last worker exited (${current.child.exitCode}):\n${current.tail()}`);
      await sleep(100);
    }
    const drainSeconds = (performance.now() - lastCommit) / 1000;
    if (current) await stopWorker(current);
    // A job whose key is added again while it is locked is retired by graphile-worker (key cleared,
    // attempts set to max) in favour of a new one. If its worker then dies, the sweeper drops it
    // (jobs/worker.ts), so this count should be 0; it is not a failure either way.
    const ended = await getDb().execute<{ task: string; error: string | null }>(
      sql`select task_identifier as task, last_error as error from graphile_worker.jobs where attempts >= max_attempts order by id`,
    );
    const failedJobs = ended.filter((r) => r.error !== null).map((r) => ({ task: r.task, error: r.error!.split('\n')[0]! }));
    const retiredJobs = ended.length - failedJobs.length;
    const check = await compareGrants();
    return {
      seed: opts.seed,
      contractsRegistered: counts.registered,
      revoked: counts.revoked,
      terminated: counts.terminated,
      kills,
      jobsInterrupted,
      sweptWorkers: workers.reduce((s, w) => s + w.swept(), 0),
      streamSeconds,
      drainSeconds,
      failedJobs,
      retiredJobs,
      ...check,
    };
  } finally {
    // On failure the kill loop may still be starting workers: stop it, then make sure none is left.
    aborted = true;
    await Promise.all(workers.map((w) => killWorker(w)));
    await chaos?.catch(() => {});
    await Promise.all(workers.map((w) => killWorker(w)));
    if (services) {
      await closeDb();
      await services.stop();
    }
  }
}

export function formatFigures(f: ChaosFigures): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `
Grants chaos run (seed ${f.seed})
  contracts registered:       ${n(f.contractsRegistered)}
  revocations:                ${n(f.revoked + f.terminated)} (${f.revoked} revoked, ${f.terminated} terminated)
  worker kills (SIGKILL):     ${n(f.kills)} (jobs running at the kill: ${f.jobsInterrupted}; dead workers unlocked by the sweeper: ${f.sweptWorkers})
  stream:                     ${f.streamSeconds.toFixed(1)} s
  time to drain:              ${f.drainSeconds.toFixed(1)} s after the last commit
  jobs failed for good:       ${f.failedJobs.length}${f.failedJobs.map((j) => `\n    ${j.task}: ${j.error}`).join('')}
  retired jobs left behind:   ${f.retiredJobs} (a job key added again while its job ran in a killed worker; the sweeper drops them)
  grants compared:            ${n(f.grantsCompared)} (years ${f.years.join(', ')})
  lost:                       ${f.lost}
  double-counted:             ${f.doubleCounted}
  mismatched:                 ${f.mismatched}${f.examples.map((e) => `\n    ${e}`).join('')}
  verdict:                    ${chaosPassed(f) ? 'PASS' : 'FAIL'}`;
}

export const chaosPassed = (f: ChaosFigures) => f.lost === 0 && f.doubleCounted === 0 && f.mismatched === 0 && f.failedJobs.length === 0;

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { contracts: { type: 'string', default: '1000' }, kills: { type: 'string', default: '25' }, seed: { type: 'string', default: '42' } } });
  const figures = await runChaos({ contracts: Number(values.contracts), kills: Number(values.kills), seed: Number(values.seed), dataDir: '.data/chaos' });
  console.log(formatFigures(figures));
  process.exit(chaosPassed(figures) ? 0 : 1);
}
