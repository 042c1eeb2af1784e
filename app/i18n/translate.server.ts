import { interpolate, type Dictionary, type Locale, type MessageKey } from './index.ts';
import { en } from './en.ts';
import { zh } from './zh.ts';

export { message } from './bilingual.ts';

/** The dictionary of one language: what the root loader sends to the browser (only the viewer's). */
export function dictionary(locale: Locale): Dictionary {
  return locale === 'en' ? en : zh;
}

/** UI text for server code (services, emails, notifications). */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  return interpolate(dictionary(locale)[key], vars);
}
