import type { Msg } from '#domain/errors.ts';
import { message } from '#app/i18n/translate.server.ts';
import { resolveResult, resultTitles } from '#app/services/results.server.ts';
import { isUuid } from './api.server.ts';
import type { Viewer } from './auth.server.ts';
import type { PrepareForm } from './forms.server.ts';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * formAction's prepare step for a form with a ResultPicker (`resultId`, its text `resultIdName`),
 * run after typedOrgs so the seller is known: as with organisations, an id stands only while its
 * result's title is the text; otherwise the text is resolved among the results the seller may
 * transfer, and a text that names none (or several) is a 400 on the field with nothing written.
 * An empty text means no result. A form without the picker is left alone.
 */
export function typedResult(v: Viewer): PrepareForm {
  return async (values) => {
    if (!('resultIdName' in values)) return { values };
    const text = str(values.resultIdName);
    const id = isUuid(str(values.resultId)) ? str(values.resultId) : null;
    if (!text) return { values: { ...values, resultId: undefined } };
    if (id && (await resultTitles([id])).get(id)?.trim() === text) return { values };
    const seller = str(values.sellerOrgId);
    const r = await resolveResult(v, text, isUuid(seller) ? seller : undefined);
    if (r.ok) return { values: { ...values, resultId: r.id } };
    const field: Msg = message(r.reason === 'ambiguous' ? 'result.picker.ambiguous' : 'result.picker.unknown');
    return { fields: { resultId: field } };
  };
}
