/**
 * `npm run bench:grants [-- --contracts 100000 --rate 50 --seconds 20]`: on a fresh database
 * under .data/bench-grants, bulk-loads 5,000 organisations, 200 filed agencies and 100,000
 * registered contracts, then times
 *   (a) a full recompute of 2024 (`recomputeYear`), first run (inserts) and second run (no
 *       changes), and `computeYearFromScratch` alone;
 *   (b) under a stream of registrations through the real service, with the worker in its own
 *       process as `npm start` runs it (or `--worker inline`), the time from a registration's
 *       commit until its seller's grant row lists the contract. The first `--warmup` seconds
 *       of the stream are reported apart and not counted.
 * BENCH_PROFILE=file.cpuprofile writes this process's CPU profile of (b).
 * BENCH_DEBUG=1 prints, each second of (b), the queue by task and the CPU used by this process,
 * the worker process, PostgreSQL, Meilisearch and the whole machine (ticks of 1/100 s, so 100 = one core).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import { env } from '#config/env.ts';
import { closeDb, getDb, getSql } from '#db/client.ts';
import { agencyFilings, contractInstalments, contracts, organizations, registrationSequences, results, users } from '#db/schema.ts';
import { attachSignedContract } from '#db/seed/signed-contracts.ts';
import { mulberry32 } from '#db/seed/results-generator.ts';
import { makeUscc, USCC_ALPHABET } from '#domain/codes/uscc.ts';
import { registrationNo } from '#domain/contracts/rules.ts';
import type { OrgKind } from '#domain/permissions.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import { registerContract } from '#app/services/contracts.server.ts';
import { computeYearFromScratch, recomputeYear } from '#app/services/grants/recompute.server.ts';
import { startWorker } from '#jobs/worker.ts';
import { applyResultsSettings } from '#search/setup.ts';
import { syncResult } from '#search/sync.ts';
import { freshEmbeddedDatabase } from './chaos-grants.ts';
import { spawnWorker, stopWorker, type WorkerProcess } from './services/worker-process.ts';
import { sleep } from './services/process.ts';

const { values } = parseArgs({
  options: {
    contracts: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    seed: { type: 'string', default: '2024' },
    /** The in-process worker's default pool (search, mail, payments...) and its grants pool. */
    concurrency: { type: 'string', default: '4' },
    'grants-concurrency': { type: 'string', default: String(env().GRANTS_WORKER_CONCURRENCY) },
    /** `process`: the worker runs as its own process, as `npm start` runs it; `inline`: inside this one. */
    worker: { type: 'string', default: 'process' },
    /** Seconds of the stream first run and not counted: the worker's first jobs, prepared statements, JIT. */
    warmup: { type: 'string', default: '5' },
    /** Share of transfers in the stream (they also sync the search index). */
    transfers: { type: 'string', default: '0.1' },
  },
});
const CONTRACTS = Number(values.contracts);
const RATE = Number(values.rate);
const WARM = RATE * Number(values.warmup);
const STREAM = WARM + RATE * Number(values.seconds);
const ORGS = 5_000;
const AGENCIES = 200;
const RESULTS = 3_000;
const TARGET_RECOMPUTE_S = 10;
const TARGET_P95_MS = 1_000;
/** How often the grants are polled for the streamed contracts: the figures are pessimistic by up to this much. */
const POLL_MS = 50;

const LOCAL = ['371502', '371503', '371521', '371522', '371524', '371525', '371526', '371581'];
const OUTSIDE = ['370102', '370103', '370212', '370902', '371402', '110108', '310115', '320106', '440305', '410105'];
const KIND_ZH = { development: '技术开发', transfer: '技术转让', consulting: '技术咨询', service: '技术服务' } as const;
type Kind = keyof typeof KIND_ZH;

const rnd = mulberry32(Number(values.seed));
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Yuan between lo and hi, log-uniform, built from whole 分. */
const yuan = (lo: number, hi: number) => new Decimal(Math.floor(Math.exp(Math.log(lo * 100) + rnd() * (Math.log(hi * 100) - Math.log(lo * 100))))).dividedBy(100);
/** The 9 characters after registrar and region: the index in base 31, so every code is unique. */
const codeBody = (i: number) => {
  let s = '';
  for (let n = i, k = 0; k < 9; k++, n = Math.floor(n / USCC_ALPHABET.length)) s = USCC_ALPHABET[n % USCC_ALPHABET.length] + s;
  return s;
};
const kindRoll = (): Kind => {
  const r = rnd();
  return r < 0.35 ? 'development' : r < 0.5 ? 'transfer' : r < 0.65 ? 'consulting' : 'service';
};
/** Mostly 2023–2025, a few in 2022. */
const registrationDay = () => {
  const year = rnd() < 0.05 ? 2022 : 2023 + int(3);
  return isoDay(Date.UTC(year, 0, 1) + int(364) * 86_400_000);
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** CPU ticks (1/100 s) used so far by this process, the PostgreSQL server and Meilisearch: for BENCH_DEBUG. */
function cpuTicks(): { node: number; worker: number; postgres: number; meili: number; machine: number } {
  const stat = (pid: string) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      return { ppid: rest[1]!, ticks: Number(rest[11]) + Number(rest[12]), cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') };
    } catch {
      return undefined;
    }
  };
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((pid) => ({ pid, ...stat(pid) }));
  const master = all.find((p) => p.cmd?.includes('bench-grants/pgdata'));
  const out = { node: 0, worker: 0, postgres: 0, meili: 0, machine: 0 };
  for (const p of all) {
    if (p.ticks === undefined) continue;
    if (p.pid === String(process.pid)) out.node += p.ticks;
    else if (p.ppid === String(process.pid) && p.cmd?.includes('scripts/worker.ts')) out.worker += p.ticks;
    else if (master && (p.pid === master.pid || p.ppid === master.pid)) out.postgres += p.ticks;
    else if (p.cmd?.includes('meilisearch') && p.cmd.includes('bench-grants')) out.meili += p.ticks;
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  out.machine = cpu[0]! + cpu[1]! + cpu[2]!;
  return out;
}

/** BENCH_PROFILE=file.cpuprofile: this process's CPU profile of the stream, for Chrome DevTools. */
async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      return file;
    },
  };
}

async function batches<T>(rows: T[], size: number, write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

process.env.DB_POOL_MAX ??= '20';
const services = await freshEmbeddedDatabase(path.resolve('.data/bench-grants'), (l) => console.log(l));
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
let workerProc: WorkerProcess | undefined;

try {
  const db = getDb();
  const t0 = performance.now();

  // --- organisations: sellers mostly in Liaocheng, buyers anywhere, agencies with municipal filings
  const orgRows = Array.from({ length: ORGS + AGENCIES }, (_, i) => {
    const agency = i >= ORGS;
    const kind: OrgKind = agency ? 'agency' : i < 60 ? 'university' : i < 300 ? 'institute' : 'enterprise';
    const local = agency ? i % 10 !== 0 : rnd() < 0.8;
    const regionCode = local ? pick(LOCAL) : pick(OUTSIDE);
    const registrar = kind === 'enterprise' ? '91' : agency ? '52' : '12';
    const name = agency ? `技术转移服务机构 ${i - ORGS + 1}` : kind === 'enterprise' ? `基准测试企业 ${i + 1} 有限公司` : `基准测试${kind === 'university' ? '大学' : '研究院'} ${i + 1}`;
    return { name, kind, regionCode, creditCode: makeUscc(`${registrar}${regionCode}${codeBody(i)}`), status: 'verified' as const, verifiedAt: new Date() };
  });
  const orgIds: string[] = [];
  await batches(orgRows, 1_000, async (b) => orgIds.push(...(await db.insert(organizations).values(b).returning({ id: organizations.id })).map((r) => r.id)));
  const org = orgRows.map((o, i) => ({ ...o, id: orgIds[i]! }));
  const agencies = org.filter((o) => o.kind === 'agency');
  const parties = org.filter((o) => o.kind !== 'agency');
  const localSellers = parties.filter((o) => o.regionCode.startsWith('3715'));
  const outsideSellers = parties.filter((o) => !o.regionCode.startsWith('3715'));
  await db.insert(agencyFilings).values(agencies.map((a, i) => ({ agencyOrgId: a.id, level: 'municipal' as const, filedOn: `${2019 + (i % 4)}-0${1 + (i % 9)}-10` })));

  // --- results for the transfers, already in the index as far as the reconciler is concerned
  const resultRows = Array.from({ length: RESULTS }, (_, i) => {
    const owner = pick(localSellers);
    return {
      ownerOrgId: owner.id,
      holderOrgId: owner.id,
      kind: 'result' as const,
      title: `基准测试成果 ${i + 1}`,
      abstract: '用于基准测试的科技成果，检验同一成果多次转让时的增值部分计算。',
      field: 'new_materials' as const,
      ipType: 'know_how' as const,
      transferModes: ['transfer' as const, 'license' as const],
      maturity: 'pilot' as const,
      status: 'published' as const,
      publishedAt: new Date(),
      indexedVersion: 1,
    };
  });
  const resultIds: string[] = [];
  await batches(resultRows, 1_000, async (b) => resultIds.push(...(await db.insert(results).values(b).returning({ id: results.id })).map((r) => r.id)));

  // --- 100,000 registered contracts; transfers chain per result (each buyer sells on)
  type Planned = { kind: Kind; licence: boolean; seller: (typeof org)[number]; buyerId: string; brokerId: string | null; resultId: string | null; amount: Decimal; technologyAmount: Decimal | null; registeredOn: string };
  const planned: Planned[] = [];
  const chains = new Map<string, Planned[]>();
  for (let i = 0; i < CONTRACTS; i++) {
    const kind = kindRoll();
    const seller = rnd() < 0.85 ? pick(localSellers) : pick(outsideSellers);
    let buyer = pick(parties);
    if (buyer.id === seller.id) buyer = parties[(parties.indexOf(buyer) + 1) % parties.length]!;
    const amount = yuan(10_000, 5_000_000);
    const t = rnd();
    const technologyAmount = t < 0.5 ? amount : t < 0.85 ? amount.times(60 + int(40)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN) : null;
    const c: Planned = { kind, licence: kind === 'transfer' && rnd() < 0.2, seller, buyerId: buyer.id, brokerId: rnd() < 0.3 ? pick(agencies).id : null, resultId: null, amount, technologyAmount, registeredOn: registrationDay() };
    if (kind === 'transfer') {
      c.resultId = pick(resultIds);
      chains.set(c.resultId, [...(chains.get(c.resultId) ?? []), c]);
    }
    planned.push(c);
  }
  const byId = new Map(org.map((o) => [o.id, o]));
  for (const [resultId, chain] of chains) {
    chain.sort((a, b) => (a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : 0));
    let holder = byId.get(resultRows[resultIds.indexOf(resultId)]!.holderOrgId)!;
    for (const c of chain) {
      c.seller = holder;
      if (c.buyerId === holder.id) c.buyerId = parties.find((p) => p.id !== holder.id)!.id;
      if (!c.licence) holder = byId.get(c.buyerId)!;
    }
  }
  // Gap-free numbers per (year, seller's region) in date order, and the sequences the service continues from.
  planned.sort((a, b) => (a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : 0));
  const seq = new Map<string, number>();
  const contractRows = planned.map((c, i) => {
    const year = Number(c.registeredOn.slice(0, 4));
    const k = `${year}:${c.seller.regionCode}`;
    const n = (seq.get(k) ?? 0) + 1;
    seq.set(k, n);
    const signedOn = isoDay(Date.parse(c.registeredOn) - (5 + int(30)) * 86_400_000);
    return {
      kind: c.kind,
      licence: c.licence,
      title: `${KIND_ZH[c.kind]}合同 ${i + 1}`,
      sellerOrgId: c.seller.id,
      buyerOrgId: c.buyerId,
      brokerOrgId: c.brokerId,
      resultId: c.resultId,
      amount: c.amount,
      technologyAmount: c.technologyAmount,
      signedOn,
      commissionRate: c.brokerId ? new Decimal('0.03') : null,
      status: 'registered' as const,
      registrationNo: registrationNo(year, c.seller.regionCode, n),
      registeredOn: c.registeredOn,
    };
  });
  await batches(contractRows, 2_000, (b) => db.insert(contracts).values(b));
  await db.insert(registrationSequences).values([...seq].map(([k, lastSeq]) => ({ year: Number(k.slice(0, 4)), regionCode: k.slice(5), lastSeq })));
  await db.execute(sql`analyze`);
  const loadSeconds = (performance.now() - t0) / 1000;
  const perYear = await db.execute<{ year: number; n: number }>(sql`select extract(year from registered_on)::int as year, count(*)::int as n from contracts group by 1 order by 1`);
  console.log(`loaded ${orgRows.length.toLocaleString()} organisations, ${RESULTS.toLocaleString()} results, ${CONTRACTS.toLocaleString()} registered contracts (${perYear.map((r) => `${r.year}: ${Number(r.n).toLocaleString()}`).join(', ')}) in ${loadSeconds.toFixed(1)} s`);

  // --- (a) full recompute of one year
  let t = performance.now();
  const scratch = await computeYearFromScratch(2024);
  const scratchMs = performance.now() - t;
  t = performance.now();
  const first = await recomputeYear(2024);
  const firstMs = performance.now() - t;
  t = performance.now();
  const second = await recomputeYear(2024);
  const secondMs = performance.now() - t;
  // 2025 holds rows too before the stream, as in steady operation.
  t = performance.now();
  const y2025 = await recomputeYear(2025);
  const y2025Ms = performance.now() - t;

  // --- (b) registrations at RATE per second, each through the real service, with the worker in-process
  const bureauRow = (await db.insert(users).values({ email: 'bench-bureau@example.test', name: '基准测试登记员', passwordHash: '!', role: 'bureau', bureauRoles: ['registrar'] }).returning({ id: users.id }))[0]!;
  const viewer: Viewer = { user: { id: bureauRow.id, email: 'bench-bureau@example.test', name: '', role: 'bureau', orgId: null, bureauRoles: ['registrar'] }, org: null, via: { kind: 'token', tokenId: 'bench' } };
  const eligibleSellers = localSellers;
  const drafts = Array.from({ length: STREAM }, (_, i) => {
    const kind: Kind = rnd() < Number(values.transfers) ? 'transfer' : pick(['development', 'consulting', 'service'] as const);
    const resultId = kind === 'transfer' ? pick(resultIds) : null;
    const seller = resultId ? byId.get(resultRows[resultIds.indexOf(resultId)]!.holderOrgId)! : pick(eligibleSellers);
    let buyer = pick(parties);
    if (buyer.id === seller.id) buyer = parties.find((p) => p.id !== seller.id)!;
    const brokerId = rnd() < 0.3 ? pick(agencies).id : null;
    const registeredOn = isoDay(Date.UTC(2025, 6, 1) + int(150) * 86_400_000);
    const amount = yuan(10_000, 5_000_000);
    return { i, kind, seller, buyerId: buyer.id, brokerId, resultId, amount, registeredOn, signedOn: isoDay(Date.parse(registeredOn) - 10 * 86_400_000) };
  });
  const draftIds: string[] = [];
  await batches(drafts, 500, async (b) =>
    draftIds.push(
      ...(
        await db
          .insert(contracts)
          .values(
            b.map((d) => ({
              kind: d.kind,
              title: `登记流 ${KIND_ZH[d.kind]}合同 ${d.i + 1}`,
              sellerOrgId: d.seller.id,
              buyerOrgId: d.buyerId,
              brokerOrgId: d.brokerId,
              resultId: d.resultId,
              amount: d.amount,
              technologyAmount: d.amount,
              signedOn: d.signedOn,
              commissionRate: d.brokerId ? new Decimal('0.03') : null,
              status: 'submitted' as const,
              sellerConfirmedAt: new Date(),
              buyerConfirmedAt: new Date(),
            })),
          )
          .returning({ id: contracts.id })
      ).map((r) => r.id),
    ),
  );
  await batches(
    drafts.map((d, i) => ({ contractId: draftIds[i]!, seq: 1, dueOn: d.signedOn, amount: d.amount })),
    1_000,
    (b) => db.insert(contractInstalments).values(b),
  );
  // Registration needs each contract's signed text (a small PDF in the object store), as a party would upload it.
  await batches(
    drafts.map((d, i) => ({ id: draftIds[i]!, sellerOrgId: d.seller.id })),
    20,
    (b) => Promise.all(b.map((c) => attachSignedContract(c, 'bench'))),
  );
  // A transfer moves the result's holder, which syncs the search index: the index must exist, and
  // Meilisearch loads its Chinese segmenter on the first document (~3 s), a cost paid once, not here.
  await applyResultsSettings();
  await syncResult(resultIds[0]!);
  // Steady state: autovacuum would otherwise be working through the freshly loaded tables during the stream.
  await getSql().unsafe('vacuum analyze');
  if (values.worker === 'process') {
    const { proc, ready } = spawnWorker({ ...process.env, WORKER_CONCURRENCY: values.concurrency, GRANTS_WORKER_CONCURRENCY: values['grants-concurrency'] }, (l) => console.log(l));
    await ready;
    workerProc = proc;
  } else worker = await startWorker({ connectionString: services.databaseUrl, concurrency: Number(values.concurrency), grantsConcurrency: Number(values['grants-concurrency']) });

  const committedAt = new Map<string, number>();
  const rowOf = new Map(drafts.map((d, i) => [draftIds[i]!, { seller: d.seller.id, clause: d.kind === 'development' || d.kind === 'transfer' ? 'A1' : 'A2' }]));
  const latencies: number[] = [];
  const warmLatencies: number[] = [];
  const warm = new Set(draftIds.slice(0, WARM));
  let streaming = true;
  let lastFired = performance.now();
  const raw = getSql();
  const poller = (async () => {
    const deadline = () => !streaming && performance.now() - lastFired > 60_000;
    while (streaming || committedAt.size > 0) {
      if (deadline()) break;
      if (committedAt.size > 0) {
        // One index lookup per pending contract (the grant's unique key), so polling stays cheap.
        const ids = [...committedAt.keys()];
        const found = await raw<Array<{ id: string }>>`
          select x.id
          from unnest(${ids}::uuid[], ${ids.map((id) => rowOf.get(id)!.seller)}::uuid[], ${ids.map((id) => rowOf.get(id)!.clause)}::text[]) as x(id, seller, clause)
          join grants g on g.clause = x.clause and g.recipient_org_id = x.seller and g.year = 2025
          where g.contracts @> jsonb_build_array(jsonb_build_object('id', x.id::text))`;
        const now = performance.now();
        for (const { id } of found) {
          const at = committedAt.get(id);
          if (at === undefined) continue;
          (warm.has(id) ? warmLatencies : latencies).push(now - at);
          committedAt.delete(id);
        }
      }
      await sleep(POLL_MS);
    }
  })();

  const loadBefore = loadavg()[0]!;
  const streamStart = performance.now();
  const cpuStart = process.cpuUsage();
  let lastCpu = cpuTicks();
  const debugTimer = process.env.BENCH_DEBUG
    ? setInterval(() => {
        const now = cpuTicks();
        const share = Object.fromEntries(Object.entries(now).map(([k, v]) => [k, `${(v - (lastCpu[k as keyof typeof now] ?? 0)).toFixed(0)}%`]));
        lastCpu = now;
        void raw`select task_identifier t, count(*)::int n, count(locked_by)::int l from graphile_worker.jobs group by 1`.then((r) =>
          console.log(`${((performance.now() - streamStart) / 1000).toFixed(1)}s pending ${committedAt.size} seen ${latencies.length} ${r.map((x) => `${x.t}=${x.n}/${x.l}`).join(' ')} cpu ${JSON.stringify(share)}`),
        );
      }, 1000)
    : undefined;
  const profiler = process.env.BENCH_PROFILE ? await startProfile() : undefined;
  const inflight: Array<Promise<void>> = [];
  let refused = 0;
  for (let i = 0; i < STREAM; i++) {
    const due = streamStart + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const id = draftIds[i]!;
    lastFired = performance.now();
    inflight.push(
      registerContract(viewer, id, drafts[i]!.registeredOn, { ip: 'bench' }).then(
        () => void committedAt.set(id, performance.now()),
        (e: unknown) => {
          refused++;
          console.log(`registration ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
        },
      ),
    );
  }
  await Promise.all(inflight);
  const streamSeconds = (performance.now() - streamStart) / 1000;
  streaming = false;
  await poller;
  clearInterval(debugTimer);
  if (profiler) console.log(`CPU profile of the stream: ${await profiler.stop(process.env.BENCH_PROFILE!)}`);
  const notReflected = committedAt.size;
  const cpu = process.cpuUsage(cpuStart);
  const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - streamStart);

  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const max = sorted[sorted.length - 1]!;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const warmSorted = [...warmLatencies].sort((a, b) => a - b);
  const recomputeOk = firstMs / 1000 <= TARGET_RECOMPUTE_S;
  const rerunOk = secondMs / 1000 <= TARGET_RECOMPUTE_S;
  const p95Ok = p95 <= TARGET_P95_MS && notReflected === 0 && refused === 0;
  console.log(`
Grants benchmark (${orgRows.length.toLocaleString()} organisations incl. ${AGENCIES} agencies, ${CONTRACTS.toLocaleString()} registered contracts, seed ${values.seed})
  (a) full recompute of 2024 (${scratch.length.toLocaleString()} figures)
      computeYearFromScratch alone:       ${seconds(scratchMs)}
      recomputeYear, first run:           ${seconds(firstMs)}   (+${first.inserted} ~${first.updated} =${first.unchanged})   target ≤ ${TARGET_RECOMPUTE_S} s   ${verdict(recomputeOk)}
      recomputeYear, second run:          ${seconds(secondMs)}   (+${second.inserted} ~${second.updated} =${second.unchanged})   target ≤ ${TARGET_RECOMPUTE_S} s   ${verdict(rerunOk)}
      (recomputeYear 2025, before (b):    ${seconds(y2025Ms)}, ${y2025.figures.toLocaleString()} figures)
  (b) ${STREAM.toLocaleString()} registrations at ${RATE}/s through registerContract (${streamSeconds.toFixed(1)} s), ${values.worker === 'process' ? 'worker in its own process' : 'worker in this process'}, concurrency ${values.concurrency} + grants ${values['grants-concurrency']}; ${(Number(values.transfers) * 100).toFixed(0)}% transfers (each syncs the search index)
      commit → seller's grant row lists the contract (polled every ${POLL_MS} ms); this process used ${(cpuShare * 100).toFixed(0)}% of a core; load average before: ${loadBefore.toFixed(2)} on ${cpus().length} cores
      warm-up, first ${values.warmup} s (not counted): count ${warmSorted.length}   p50 ${ms(percentile(warmSorted, 50))}   p95 ${ms(percentile(warmSorted, 95))}
      count ${latencies.length.toLocaleString()}   p50 ${ms(p50)}   p95 ${ms(p95)}   max ${ms(max)}   target p95 ≤ ${TARGET_P95_MS} ms   ${verdict(p95Ok)}${notReflected ? `\n      not reflected within 60 s: ${notReflected}` : ''}${refused ? `\n      registrations refused: ${refused}` : ''}`);
  if (!recomputeOk || !rerunOk || !p95Ok) process.exitCode = 1;
} finally {
  await worker?.stop();
  if (workerProc) await stopWorker(workerProc);
  await closeDb();
  await services.stop();
}
