// lint-expect: clean
// The keys are types only; the text comes from the root loader through useT().
import type { MessageKey } from '#app/i18n/zh.ts';
import type { en } from '#app/i18n/en.ts';
import { useT } from '#app/components/i18n.tsx';

export function Label({ k, sample }: { k: MessageKey; sample?: typeof en }) {
  const t = useT();
  return <span title={sample?.[k]}>{t(k)}</span>;
}
