import { z } from 'zod';
import { isoDate } from '#app/lib/validation.ts';
import { price } from './results.server.ts';

const reason = z.string({ message: 'validation.reason' }).trim().min(2, { message: 'validation.reason' }).max(500, { message: 'validation.reason' });

export const grantSubmitSchema = z.object({ bankAccount: z.string().trim().regex(/^[0-9 ]{8,34}$/, { message: 'validation.bankAccount' }).optional() });
export const grantApproveSchema = z.object({ amount: price.unwrap().optional(), reason: reason.optional(), acknowledgeOverBudget: z.boolean().optional() });
export const grantRejectSchema = z.object({ reason });
export const grantPaySchema = z.object({ paymentReference: z.string().trim().min(2, { message: 'validation.paymentReference' }).max(200, { message: 'validation.paymentReference' }).optional() });
export const budgetSchema = z.object({ amount: price.unwrap() });
export const filingSchema = z.object({
  level: z.enum(['national', 'provincial', 'municipal'], { message: 'validation.filingLevel' }),
  filedOn: isoDate(),
  newlyRecognized: z.boolean().default(false),
});
export const withdrawSchema = z.object({ withdrawnOn: isoDate() });
export const GRANT_STATUS_VALUES = ['computed', 'submitted', 'approved', 'rejected', 'paid'] as const;
export const grantQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  clause: z.enum(['A1', 'A2', 'B1', 'B2', 'B3']).optional(),
  status: z.enum(GRANT_STATUS_VALUES).optional(),
  county: z.string().regex(/^\d{6}$/).optional(),
  recipientOrgId: z.uuid().optional(),
});

/** The first year the bureau's pages offer (budgets, filters). */
export const FIRST_GRANT_YEAR = 2020;

/** The grant page's forms (/grants/{id}). Composed here, on the server: a route module's top level also runs in the browser. */
export const grantPageSchema = z.discriminatedUnion('intent', [
  grantSubmitSchema.extend({ intent: z.enum(['apply', 'confirmBank']) }),
  grantApproveSchema.extend({ intent: z.literal('approve'), acknowledgeOverBudget: z.literal('on').optional() }),
  grantRejectSchema.extend({ intent: z.literal('reject') }),
  grantPaySchema.extend({ intent: z.literal('pay') }),
]);
export type GrantPageIntent = z.output<typeof grantPageSchema>['intent'];

/** The budget form on /bureau/grants. */
export const budgetPageSchema = budgetSchema.extend({ intent: z.literal('budget'), year: z.coerce.number().int().min(FIRST_GRANT_YEAR).max(2100) });

/** At most this many grants approved in one batch (a page of the queue is 20). */
export const BATCH_MAX = 100;

/** The batch approval form on /bureau/grants: the ticked grants, each approved at its computed amount. */
export const batchApprovePageSchema = z.object({
  intent: z.literal('approve-batch'),
  ids: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v.filter(Boolean) : [v]),
    z.array(z.uuid({ message: 'validation.grantIds' }), { message: 'validation.grantIds' }).min(1, { message: 'validation.grantIdsNone' }).max(BATCH_MAX, { message: 'validation.grantIdsMany' }),
  ),
  acknowledgeOverBudget: z.literal('on').optional(),
});

/** The forms on /bureau/grants. */
export const grantQueuePageSchema = z.discriminatedUnion('intent', [budgetPageSchema, batchApprovePageSchema]);
