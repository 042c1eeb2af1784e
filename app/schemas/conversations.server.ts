import { z } from 'zod';
import { CLOSE_REASONS, MESSAGE_MAX_CHARS } from '#domain/demands/codes.ts';
import { resultSearchSchema, searchParamsToObject } from '#search/query.ts';
import { demandSearchParams, demandSearchSchema } from './demands.server.ts';

/** Characters as a person counts them (code points), the same way PostgreSQL's char_length does. */
export const charCount = (s: string) => [...s].length;

export const CLOSE_NOTE_MAX_CHARS = 500;
/** Each user keeps at most this many saved searches and watches. */
export const SAVED_SEARCHES_MAX = 50;

/** A message: plain text, 1–4000 characters after trimming the ends. */
export const messageBody = z
  .string({ message: 'validation.messageBody' })
  .trim()
  .min(1, { message: 'validation.messageBody' })
  .refine((s) => charCount(s) <= MESSAGE_MAX_CHARS, { message: 'validation.messageTooLong' });

export const inquiryCreateSchema = z
  .object({
    resultId: z.uuid({ message: 'validation.inquirySubject' }).optional(),
    demandId: z.uuid({ message: 'validation.inquirySubject' }).optional(),
    message: messageBody,
  })
  .refine((v) => !!v.resultId !== !!v.demandId, { message: 'validation.inquirySubject', path: ['resultId'] });
export type InquiryCreate = z.output<typeof inquiryCreateSchema>;

export const messageSchema = z.object({ body: messageBody });

export const inviteAgencySchema = z.object({ agencyOrgId: z.uuid({ message: 'validation.org' }) });

/** A state change; closing needs a reason from the fixed list, and may carry a note. */
export const conversationStatusSchema = z
  .object({
    status: z.enum(['negotiating', 'contract_drafted', 'closed'], { message: 'validation.conversationStatus' }),
    closeReason: z.enum(CLOSE_REASONS, { message: 'validation.closeReason' }).optional(),
    closeNote: z.string().trim().max(CLOSE_NOTE_MAX_CHARS, { message: 'validation.closeNote' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'closed' && !v.closeReason) ctx.addIssue({ code: 'custom', path: ['closeReason'], message: 'validation.closeReason' });
    if (v.status !== 'closed' && (v.closeReason || v.closeNote)) ctx.addIssue({ code: 'custom', path: ['closeReason'], message: 'validation.closeReasonOnlyWhenClosed' });
  })
  .transform((v) => ({ ...v, closeNote: v.closeNote || undefined }));
export type ConversationStatusInput = z.output<typeof conversationStatusSchema>;

/** The conversation page's forms, one intent each; a status change is checked by conversationStatusSchema. */
export const conversationPageSchema = z.discriminatedUnion('intent', [
  messageSchema.extend({ intent: z.literal('message') }),
  inviteAgencySchema.extend({ intent: z.literal('invite') }),
  z.object({ intent: z.literal('read') }),
  z.object({ intent: z.literal('status'), status: z.string(), closeReason: z.string().optional(), closeNote: z.string().optional() }),
]);

export const notificationsReadSchema = z
  .object({
    ids: z.array(z.uuid()).min(1).max(500).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => !!v.ids !== !!v.all, { message: 'validation.notificationsRead', path: ['ids'] });

/** What a saved result search keeps: the query and its filters, not the page or the sort. */
export const savedResultQuery = resultSearchSchema.omit({ page: true, pageSize: true, sort: true });

/** What a saved demand search keeps, likewise. */
export const savedDemandQuery = demandSearchSchema.omit({ page: true, pageSize: true });

/** A search page's query string (`?q=…&field=…`) as the object a saved search keeps; not yet validated. */
export const searchToObject = (kind: 'results' | 'demands', search: string) =>
  kind === 'results' ? searchParamsToObject(new URLSearchParams(search)) : demandSearchParams(new URLSearchParams(search));

const name = z.string().trim().min(1).max(100, { message: 'validation.savedSearchName' }).optional();

/** A result or demand search (q and filters), or a watch on a demand's or a result's new matches. */
export const savedSearchCreateSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('results'), name, query: savedResultQuery, alert: z.boolean().default(true) }),
    z.object({ kind: z.literal('demands'), name, query: savedDemandQuery, alert: z.boolean().default(true) }),
    z.object({ kind: z.literal('demand_matches'), name, subjectId: z.uuid({ message: 'validation.subject' }), alert: z.boolean().default(true) }),
    z.object({ kind: z.literal('result_matches'), name, subjectId: z.uuid({ message: 'validation.subject' }), alert: z.boolean().default(true) }),
  ],
  { message: 'validation.savedSearchKind' }
);
export type SavedSearchCreate = z.output<typeof savedSearchCreateSchema>;
