import { z } from 'zod';

/**
 * Every job the platform runs: its name and its payload, each payload written once as a
 * zod schema. Enqueuers (jobs/enqueue.ts) take its input type; handlers (jobs/task.ts)
 * get it parsed. This module imports nothing of ours, so anything may import it without
 * pulling in the handlers (jobs/handlers.ts, the worker's alone).
 */

/** Cron jobs get graphile-worker's `_cron` field; nothing of it is read, so it is stripped. */
const none = z.object({});
const id = z.uuid();

export const payloadSchemas = {
  /** Drops expired sessions, tokens, login attempts and Idempotency-Keys (cron). */
  'auth:cleanup': none,
  /** Syncs every result whose index copy lags (one sweep job for any number of changes). */
  'search:sync-results': none,
  /** Re-enqueues any result or demand the index is behind on (cron). */
  'search:reconcile': none,
  /** Pushes the index settings after the bureau edits the synonyms. */
  'search:apply-settings': none,
  'search:sync-demand': z.object({ demandId: id }),
  /** Published demands past their deadline become expired (cron). */
  'demands:expire': none,
  /** Re-syncs open demands so their best match score follows new results (cron). */
  'demands:rescore': none,
  /** A Stripe event stored by the webhook, applied to payments, instalments and commissions. */
  'payments:stripe-event': z.object({ eventId: z.string().min(1).max(255) }),
  /** Enqueued by contract registration, revocation, termination, supersession and agency filings; handled by the grant engine. */
  'grants:recompute': z.object({
    event: z.enum(['registered', 'revoked', 'terminated', 'superseded', 'filing', 'policy', 'manual']),
    contractId: id.optional(),
    /** The contract's result: null says no other contract's figure can move (no value-added chain). */
    resultId: id.nullable().optional(),
    pairs: z.array(z.object({ recipientOrgId: id, year: z.number().int().min(2000).max(2100) })).max(10_000),
  }),
  /** E-mails one notification to its organisation's users; enqueued with the notification. */
  'mail:send': z.object({ notificationId: id }),
  /** E-mails an invitation its one-time link; enqueued with the invitation (the link lives only in this job). */
  'mail:invitation': z.object({ invitationId: id, link: z.url() }),
  /** Tells an account's owner about failed logins; one job per account and throttle window. */
  'mail:login-alert': z.object({ userId: id, windowStart: z.iso.datetime() }),
  /** E-mails a password-reset link; enqueued with the reset (the link lives only in this job). */
  'mail:password-reset': z.object({ resetId: id, link: z.url() }),
  /** Runs every saved search with an alert (cron). */
  'alerts:run': none,
} as const;

export type JobName = keyof typeof payloadSchemas;
export const JOB_NAMES = Object.keys(payloadSchemas) as JobName[];
/** What an enqueuer passes. */
export type JobPayloads = { [K in JobName]: z.input<(typeof payloadSchemas)[K]> };
/** What a handler gets, parsed. */
export type JobPayload<K extends JobName> = z.output<(typeof payloadSchemas)[K]>;
