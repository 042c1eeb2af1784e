import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditDiff } from './diff.ts';

describe('auditDiff', () => {
  it('lists changed, added and removed paths, nested objects as dotted paths', () => {
    expect(auditDiff({ status: 'submitted', amount: '18000.00', bank: { name: '工行' }, tags: [1, 2] }, { status: 'approved', amount: '18000.00', bank: { name: '建行', branch: '聊城' }, tags: [1, 2] })).toEqual([
      { path: 'bank.branch', kind: 'added', after: '聊城' },
      { path: 'bank.name', kind: 'changed', before: '工行', after: '建行' },
      { path: 'status', kind: 'changed', before: 'submitted', after: 'approved' },
    ]);
  });

  it('shows a creation or a deletion as every field added or removed, and non-strings as JSON', () => {
    expect(auditDiff(null, { id: 'x', verified: true, n: 3, note: null })).toEqual([
      { path: 'id', kind: 'added', after: 'x' },
      { path: 'n', kind: 'added', after: '3' },
      { path: 'note', kind: 'added', after: 'null' },
      { path: 'verified', kind: 'added', after: 'true' },
    ]);
    expect(auditDiff({ roles: ['a'] }, undefined)).toEqual([{ path: 'roles', kind: 'removed', before: '["a"]' }]);
    expect(auditDiff(null, null)).toEqual([]);
  });

  it('is empty for equal snapshots and lists a path at most once', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(auditDiff(a, a)).toEqual([]);
        const paths = auditDiff(a, b).map((l) => l.path);
        expect(new Set(paths).size).toBe(paths.length);
      }),
    );
  });
});
