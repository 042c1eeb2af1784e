import { describe, expect, it } from 'vitest';
import { MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#domain/result-codes.ts';
import { parseMoney } from '#domain/money.ts';
import { generateDemands } from './demands.ts';
import { DEMO_ORGANIZATIONS } from './organizations.ts';

const enterprises = DEMO_ORGANIZATIONS.filter((o) => o.kind === 'enterprise').map((o, i) => ({ id: `e${i}`, name: o.name, description: o.description }));

describe('generateDemands', () => {
  const list = generateDemands({ count: 320, seed: 2027, enterprises });

  it('makes the number asked for, deterministically, with unique titles', () => {
    expect(list).toHaveLength(320);
    expect(generateDemands({ count: 320, seed: 2027, enterprises })).toEqual(list);
    expect(new Set(list.map((d) => d.title)).size).toBe(320);
  });

  it('stays within the API schema’s limits and code lists', () => {
    for (const d of list) {
      expect(d.title.length).toBeGreaterThanOrEqual(4);
      expect(d.title.length).toBeLessThanOrEqual(120);
      expect(d.description.length).toBeGreaterThanOrEqual(10);
      expect(RESULT_FIELDS).toContain(d.field);
      expect(d.cooperationModes.length).toBeGreaterThan(0);
      for (const m of d.cooperationModes) expect(TRANSFER_MODES).toContain(m);
      if (d.maturityNeeded) expect(MATURITIES).toContain(d.maturityNeeded);
      if (d.budget) expect(parseMoney(d.budget)?.greaterThan(0)).toBe(true);
      expect(d.indicators.length).toBeLessThanOrEqual(20);
      expect(d.keywords.length).toBeLessThanOrEqual(10);
      if (d.status === 'expired') expect(d.deadlineInDays!).toBeLessThan(0);
      if (d.status === 'published' && d.deadlineInDays !== null) expect(d.deadlineInDays).toBeGreaterThan(0);
    }
  });

  it('is mostly published, with some closed and some expired, from every enterprise', () => {
    const by = (s: string) => list.filter((d) => d.status === s).length;
    expect(by('published')).toBeGreaterThan(220);
    expect(by('closed')).toBeGreaterThan(10);
    expect(by('expired')).toBeGreaterThan(10);
    expect(new Set(list.map((d) => d.ownerOrgId)).size).toBe(enterprises.length);
  });

  it('asks a bearing maker about bearings more often than not', () => {
    const bearing = enterprises.find((e) => e.name.includes('轴承'))!;
    const mine = list.filter((d) => d.ownerOrgId === bearing.id);
    expect(mine.filter((d) => /轴承|滚子|套圈|磨/.test(d.title)).length).toBeGreaterThan(mine.length / 3);
  });
});
