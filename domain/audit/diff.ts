/**
 * What an audited change changed: the before and after snapshots flattened to dotted paths
 * (arrays kept whole), compared path by path. For reading the log, never for deciding anything.
 */
export type DiffLine = { path: string; kind: 'added' | 'removed' | 'changed'; before?: string; after?: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function flatten(v: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (isRecord(v) && (Object.keys(v).length > 0 || prefix === '')) {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (v !== undefined && !(prefix === '' && v === null)) {
    out.set(prefix, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return out;
}

/** The paths that differ, in path order: added (only after), removed (only before), changed (both, different). */
export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const b = flatten(before, '', new Map());
  const a = flatten(after, '', new Map());
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort();
  const lines: DiffLine[] = [];
  for (const path of paths) {
    const x = b.get(path);
    const y = a.get(path);
    if (x === undefined) lines.push({ path, kind: 'added', after: y });
    else if (y === undefined) lines.push({ path, kind: 'removed', before: x });
    else if (x !== y) lines.push({ path, kind: 'changed', before: x, after: y });
  }
  return lines;
}
