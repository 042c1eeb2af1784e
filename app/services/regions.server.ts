import { isValidRegionCode, LIAOCHENG_DISTRICTS, LIAOCHENG_PREFIX, regionName } from '#domain/codes/region.ts';

/** One choice of the signup's region picker: the short name people type, the full name and the code. */
export type RegionChoice = { code: string; name: string; fullName: string };

const SHANDONG = '37';

let choices: RegionChoice[] | undefined;

/**
 * What the signup offers, small enough to send whole: Liaocheng's districts and counties first, then
 * 聊城市 itself, then Shandong's other prefecture-level cities. Any other valid code may still be typed.
 */
export function regionChoices(): RegionChoice[] {
  if (choices) return choices;
  const city = `${LIAOCHENG_PREFIX}00`;
  const cityFull = regionName(city) ?? '';
  const local = LIAOCHENG_DISTRICTS.map((d) => ({ code: d.code, name: d.name, fullName: regionName(d.code) ?? d.name }));
  const others: RegionChoice[] = [];
  for (let i = 1; i <= 99; i++) {
    const code = `${SHANDONG}${String(i).padStart(2, '0')}00`;
    const full = code === city ? null : regionName(code);
    if (full) others.push({ code, name: full.replace(/^山东省/, ''), fullName: full });
  }
  choices = [...local, { code: city, name: cityFull.replace(/^山东省/, ''), fullName: cityFull }, ...others];
  return choices;
}

/**
 * The code a typed region names: a valid six-digit code as it is, else the one choice whose short
 * or full name it is exactly (spaces ignored). Null when it names none.
 */
export function resolveRegion(text: string): string | null {
  const t = text.replace(/\s+/g, '');
  if (/^\d{6}$/.test(t)) return isValidRegionCode(t) ? t : null;
  const hit = regionChoices().find((c) => c.name === t || c.fullName === t);
  return hit?.code ?? null;
}
