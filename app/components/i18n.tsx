import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { Msg } from '#domain/errors.ts';
import { pick, translate, type Locale } from '#app/i18n/index.ts';
import type { MessageKey } from '#app/i18n/messages.ts';

const LocaleContext = createContext<Locale>('zh');

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);

export function useT() {
  const locale = useLocale();
  return useCallback((key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars), [locale]);
}

/** Picks the viewer's language from a bilingual message (errors from the server). */
export function usePick() {
  const locale = useLocale();
  return useCallback((m: Msg | undefined) => (m ? pick(locale, m) : undefined), [locale]);
}
