import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { Msg } from '#domain/errors.ts';
import { errorPage } from '#app/i18n/error-page.ts';
import { interpolate, pick, type Dictionary, type Locale, type MessageKey } from '#app/i18n/index.ts';

/** The viewer's language and its dictionary, which the root loader sends (one language only). */
const I18nContext = createContext<{ locale: Locale; messages: Dictionary | null }>({ locale: 'zh', messages: null });

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Dictionary | null; children: ReactNode }) {
  return <I18nContext.Provider value={{ locale, messages }}>{children}</I18nContext.Provider>;
}

export const useLocale = () => useContext(I18nContext).locale;

/** UI text in the viewer's language; without a dictionary (the root loader failed) the error page's words, else the key. */
export function useT() {
  const { locale, messages } = useContext(I18nContext);
  return useCallback(
    (key: MessageKey, vars?: Record<string, string | number>) => interpolate(messages?.[key] ?? (errorPage[locale] as Partial<Record<MessageKey, string>>)[key] ?? key, vars),
    [locale, messages],
  );
}

/** Picks the viewer's language from a bilingual message (errors from the server). */
export function usePick() {
  const locale = useLocale();
  return useCallback((m: Msg | undefined) => (m ? pick(locale, m) : undefined), [locale]);
}
