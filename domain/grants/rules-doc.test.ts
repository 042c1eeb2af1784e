import { readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { computeGrants, type AgencyFiling, type ContractFact, type OrgFact } from './engine.ts';
import { CLAUSES, CONTRACT_KINDS, FILING_LEVELS, LC_2020_15, type Clause } from './policy.ts';

/**
 * The worked examples of docs/grant-rules.md, run against the engine: every `grant-example`
 * block of the document is parsed (its line format is described there) and each `expect` /
 * `none` line checked, so the rules document and the code cannot drift apart.
 */
const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/grant-rules.md'), 'utf8');

type Expectation =
  | { kind: 'figure'; clause: Clause; recipient: string; attrs: Record<string, string>; line: string }
  | { kind: 'none'; clause: Clause; recipient: string; line: string };
type Example = { title: string; year: number; orgs: OrgFact[]; contracts: ContractFact[]; filings: AgencyFiling[]; expectations: Expectation[] };

const ORG_KINDS = ['university', 'institute', 'enterprise', 'agency'] as const;

function oneOf<T extends string>(list: readonly T[], v: string | undefined, what: string): T {
  if (!list.includes(v as T)) throw new Error(`${what}: ${v} is not one of ${list.join(', ')}`);
  return v as T;
}

function parseExamples(markdown: string): Example[] {
  const out: Example[] = [];
  const block = /^### (.+)\n[\s\S]*?^```grant-example\n([\s\S]*?)^```$/gm;
  for (const [, title, body] of markdown.matchAll(block)) {
    const ex: Example = { title: title!, year: 0, orgs: [], contracts: [], filings: [], expectations: [] };
    for (const line of body!.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const [word, ...rest] = line.split(/\s+/);
      const flags = new Set(rest.filter((r) => !r.includes('=')));
      const attrs = Object.fromEntries(rest.filter((r) => r.includes('=')).map((r) => [r.slice(0, r.indexOf('=')), r.slice(r.indexOf('=') + 1)]));
      const need = (k: string) => attrs[k] ?? (() => { throw new Error(`${title}: "${line}" lacks ${k}=`); })();
      if (word === 'year') ex.year = Number(rest[0]);
      else if (word === 'org') ex.orgs.push({ id: rest[0]!, kind: oneOf(ORG_KINDS, rest[1], line), regionCode: rest[2]!, verified: !flags.has('unverified') });
      else if (word === 'filing') ex.filings.push({ agencyOrgId: rest[0]!, level: oneOf(FILING_LEVELS, rest[1], line), filedOn: rest[2]!, newlyRecognized: flags.has('new') });
      else if (word === 'contract') {
        const id = rest[0]!;
        ex.contracts.push({
          id,
          kind: oneOf(CONTRACT_KINDS, rest[1], line),
          licence: flags.has('licence'),
          sellerOrgId: need('seller'),
          buyerOrgId: need('buyer'),
          brokerOrgId: attrs.broker ?? null,
          resultId: attrs.result ?? null,
          amount: new Decimal(need('amount')),
          technologyAmount: attrs.tech ? new Decimal(attrs.tech) : null,
          registeredOn: need('on'),
          status: oneOf(['registered', 'revoked', 'terminated'] as const, attrs.status ?? 'registered', line),
          registrationNo: `REG-${id}`,
        });
      } else if (word === 'expect') ex.expectations.push({ kind: 'figure', clause: oneOf(CLAUSES, rest[0], line), recipient: rest[1]!, attrs, line });
      else if (word === 'none') ex.expectations.push({ kind: 'none', clause: oneOf(CLAUSES, rest[0], line), recipient: rest[1]!, line });
      else throw new Error(`${title}: cannot read "${line}"`);
    }
    out.push(ex);
  }
  return out;
}

const examples = parseExamples(doc);
const same = (a: Decimal, b: string) => a.equals(new Decimal(b));

describe('docs/grant-rules.md: the worked examples', () => {
  it('has the worked examples of the rules, each with something to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
    for (const ex of examples) {
      expect(ex.year, ex.title).toBeGreaterThan(2000);
      expect(ex.expectations.length, ex.title).toBeGreaterThan(0);
    }
    // Every fenced example block was read (none skipped by a heading the parser missed).
    expect(examples).toHaveLength(doc.match(/^```grant-example$/gm)!.length);
  });

  it.each(examples.map((e) => [e.title, e] as const))('%s', (_title, ex) => {
    const figures = computeGrants({ year: ex.year, policy: LC_2020_15, contracts: ex.contracts, orgs: ex.orgs, filings: ex.filings });
    for (const e of ex.expectations) {
      const g = figures.find((f) => f.clause === e.clause && f.recipientOrgId === e.recipient);
      if (e.kind === 'none') {
        expect(g, e.line).toBeUndefined();
        continue;
      }
      expect(g, e.line).toBeDefined();
      const { amount, base, raw, contracts, eligible } = e.attrs;
      expect(amount, `${e.line}: amount= is required`).toBeDefined();
      expect(same(g!.amount, amount!), `${e.line}: amount ${g!.amount.toFixed(2)}`).toBe(true);
      expect(g!.policyId).toBe(LC_2020_15.id);
      if (base !== undefined) expect(same(g!.base, base), `${e.line}: base ${g!.base.toFixed(2)}`).toBe(true);
      if (raw !== undefined) expect(same(g!.rawAmount, raw), `${e.line}: raw ${g!.rawAmount.toFixed()}`).toBe(true);
      if (contracts !== undefined) expect(g!.contracts.map((c) => c.contractId).sort(), e.line).toEqual(contracts.split(',').sort());
      if (eligible !== undefined) {
        for (const pair of eligible.split(',')) {
          const [id, yuan] = pair.split(':');
          const c = g!.contracts.find((x) => x.contractId === id);
          expect(c, `${e.line}: contract ${id} in the figure`).toBeDefined();
          expect(same(c!.eligibleAmount, yuan!), `${e.line}: eligible ${id} ${c!.eligibleAmount.toFixed(2)}`).toBe(true);
        }
      }
    }
  });
});
