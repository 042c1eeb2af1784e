import type { Msg } from '#domain/errors.ts';
import type { MessageKey } from './zh.ts';

/*
 * What the browser may use of i18n: no dictionary here. The dictionaries (zh.ts, en.ts) are server
 * code (translate.server.ts); the browser gets its viewer's one from the root loader (useT()).
 */

export type Locale = 'zh' | 'en';
export type { MessageKey };

/** One language's UI text, as the root loader hands it to the browser. */
export type Dictionary = Record<MessageKey, string>;

/** Fills `{name}` placeholders; an unknown one stays as written. */
export function interpolate(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : text;
}

export function pick(locale: Locale, msg: Msg): string {
  return locale === 'en' ? msg.en : msg.zh;
}

/** The locale a request asks for: the `lang` cookie, else Accept-Language, else Chinese. */
export function localeOf(request: Request): Locale {
  const cookie = request.headers.get('cookie') ?? '';
  const m = /(?:^|;\s*)lang=(zh|en)\b/.exec(cookie);
  if (m) return m[1] as Locale;
  return prefersEnglish(request.headers.get('accept-language')) ? 'en' : 'zh';
}

/** True when English is ranked above any Chinese variant in an Accept-Language header. */
export function prefersEnglish(header: string | null): boolean {
  if (!header) return false;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { tag, q: q ? Number(q[1]) : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = ranked.find((r) => r.tag.startsWith('en') || r.tag.startsWith('zh'));
  return first?.tag.startsWith('en') ?? false;
}
