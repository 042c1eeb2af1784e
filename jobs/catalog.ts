import type { Task } from 'graphile-worker';
import { cleanupAuth } from './tasks/cleanup-auth.ts';
import { grantsRecompute } from './tasks/grants-recompute.ts';
import { paymentsStripeEvent } from './tasks/payments-stripe-event.ts';
import { searchApplySettings } from './tasks/search-apply-settings.ts';
import { searchReconcile } from './tasks/search-reconcile.ts';
import { searchSyncResults } from './tasks/search-sync-results.ts';
import { searchSyncDemand } from './tasks/search-sync-demand.ts';
import { demandsExpire } from './tasks/demands-expire.ts';
import { demandsRescore } from './tasks/demands-rescore.ts';
import { mailSend } from './tasks/mail-send.ts';
import { mailInvitation } from './tasks/mail-invitation.ts';
import { alertsRun } from './tasks/alerts-run.ts';

/** Every job the platform runs: its name, its payload, and its handler. */
export type JobPayloads = {
  'auth:cleanup': Record<string, never>;
  /** Syncs every result whose index copy lags (one sweep job for any number of changes). */
  'search:sync-results': Record<string, never>;
  'search:reconcile': Record<string, never>;
  'search:apply-settings': Record<string, never>;
  'search:sync-demand': { demandId: string };
  /** Published demands past their deadline become expired (cron). */
  'demands:expire': Record<string, never>;
  /** Re-syncs open demands so their best match score follows new results (cron). */
  'demands:rescore': Record<string, never>;
  /** A Stripe event stored by the webhook, applied to payments, instalments and commissions. */
  'payments:stripe-event': { eventId: string };
  /** Enqueued by contract registration, revocation and termination; handled by the grant engine. */
  'grants:recompute': {
    event: 'registered' | 'revoked' | 'terminated' | 'superseded' | 'filing' | 'policy' | 'manual';
    contractId?: string;
    /** The contract's result: null says no other contract's figure can move (no value-added chain). */
    resultId?: string | null;
    pairs: Array<{ recipientOrgId: string; year: number }>;
  };
  /** E-mails one notification to its organisation's users; enqueued with the notification. */
  'mail:send': { notificationId: string };
  /** E-mails an invitation its one-time link; enqueued with the invitation (the link lives only in this job). */
  'mail:invitation': { invitationId: string; link: string };
  /** Runs every saved search with an alert (cron). */
  'alerts:run': Record<string, never>;
};

export type JobName = keyof JobPayloads;

export const taskList: { [K in JobName]: Task } = {
  'auth:cleanup': cleanupAuth,
  'search:sync-results': searchSyncResults,
  'search:reconcile': searchReconcile,
  'search:apply-settings': searchApplySettings,
  'search:sync-demand': searchSyncDemand,
  'demands:expire': demandsExpire,
  'demands:rescore': demandsRescore,
  'payments:stripe-event': paymentsStripeEvent,
  'grants:recompute': grantsRecompute,
  'mail:send': mailSend,
  'mail:invitation': mailInvitation,
  'alerts:run': alertsRun,
};

/**
 * Each pool is a runner with its own slots: a grant recompute is never queued
 * behind search syncs that wait for Meilisearch, or behind a batch of e-mails.
 */
export const pools = {
  grants: ['grants:recompute'],
  default: (Object.keys(taskList) as JobName[]).filter((t) => t !== 'grants:recompute'),
} as const satisfies Record<string, readonly JobName[]>;
export type PoolName = keyof typeof pools;

/** Recurring jobs (graphile-worker crontab syntax). Each has a job key, like every job we add. */
export const CRON_KEY_PREFIX = 'cron:';
export const crontab = [
  '17 3 * * * auth:cleanup ?jobKey=cron:auth:cleanup',
  '* * * * * search:reconcile ?max=1&jobKey=cron:search:reconcile',
  '*/5 * * * * demands:expire ?max=1&jobKey=cron:demands:expire',
  '41 * * * * demands:rescore ?max=1&jobKey=cron:demands:rescore',
  '*/3 * * * * alerts:run ?max=1&jobKey=cron:alerts:run',
].join('\n');
