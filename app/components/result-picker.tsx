import type { Msg } from '#domain/errors.ts';
import { useT } from './i18n.tsx';
import { LookupPicker } from './lookup-picker.tsx';

type Found = { items?: { id: string; title: string; patentNo: string | null; holderName: string }[] };

type Props = {
  /** The form field that carries the chosen id; the visible text goes in `${name}Name`. */
  name: string;
  label: string;
  /** The field holding the seller's id: once chosen, only the results it holds are suggested. */
  sellerField: string;
  defaultId?: string;
  defaultName?: string;
  error?: Msg;
};

/** The result a transfer contract conveys, looked up at /results/lookup; without script the action resolves the typed title (typedResult). */
export function ResultPicker({ sellerField, ...rest }: Props) {
  const t = useT();
  return (
    <LookupPicker<Found>
      {...rest}
      hint={t('result.picker.hint')}
      placeholder={t('result.picker.none')}
      // RESULT_LIMITS.titleMax: the lookup refuses a longer q.
      maxLength={120}
      url={(q, input) => {
        const seller = input.form?.elements.namedItem(sellerField);
        const sellerOrgId = seller instanceof HTMLInputElement ? seller.value : '';
        return `/results/lookup?${new URLSearchParams({ q, sellerOrgId })}`;
      }}
      suggest={(d) => (d.items ?? []).map((r) => ({ id: r.id, text: r.title, detail: [r.holderName, r.patentNo].filter(Boolean).join(' · ') }))}
    />
  );
}
