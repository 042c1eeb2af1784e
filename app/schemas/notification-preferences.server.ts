import { z } from 'zod';
import { SWITCHABLE_KINDS } from '#domain/notifications/kinds.ts';

const switchableKind = z.enum(SWITCHABLE_KINDS as [string, ...string[]]);

/**
 * PUT /notifications/preferences: `{email: {"contract.update": false, …}}`, true for e-mail too,
 * false for in-app only. Kinds left out keep their setting; a kind that is not switchable, or a
 * value that is not a boolean, is a 400 and nothing is saved.
 */
export const notificationPreferencesSchema = z.strictObject(
  {
    email: z.partialRecord(switchableKind, z.boolean({ error: 'validation.notificationEmail' }), { error: 'validation.notificationKind' }),
  },
  { error: 'validation.notificationKind' },
);
export type NotificationPreferencesInput = z.output<typeof notificationPreferencesSchema>;

/**
 * The settings form: every switchable kind shown is named in `kinds`; the ticked ones come back
 * in `email`. A kind shown but not ticked is in-app only.
 */
const list = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(switchableKind, { error: 'validation.notificationKind' }).max(SWITCHABLE_KINDS.length * 2));
export const notificationPreferencesForm = z.strictObject({ kinds: list, email: list }, { error: 'validation.notificationKind' });

/** The form's answer as the API's: each kind shown, ticked or not. */
export function formToChoices(f: z.output<typeof notificationPreferencesForm>): NotificationPreferencesInput['email'] {
  const ticked = new Set(f.email);
  return Object.fromEntries([...new Set([...f.kinds, ...f.email])].map((k) => [k, ticked.has(k)]));
}

const label = z.object({ zh: z.string(), en: z.string() });

/** GET and PUT answer: every switchable kind with the caller's setting, and the e-mails always sent. */
export const notificationPreferencesOut = z
  .object({
    items: z.array(z.object({ kind: switchableKind, group: z.string(), label, email: z.boolean(), defaultEmail: z.boolean() })),
    alwaysEmailed: z.array(z.object({ kind: z.string(), group: z.string(), label })),
  })
  .meta({ id: 'NotificationPreferences' });
