import type { Task } from 'graphile-worker';
import { cleanupAuth } from './tasks/cleanup-auth.ts';
import { grantsRecompute } from './tasks/grants-recompute.ts';
import { paymentsStripeEvent } from './tasks/payments-stripe-event.ts';
import { searchApplySettings } from './tasks/search-apply-settings.ts';
import { searchReconcile } from './tasks/search-reconcile.ts';
import { searchSyncResult } from './tasks/search-sync-result.ts';

/** Every job the platform runs: its name, its payload, and its handler. */
export type JobPayloads = {
  'auth:cleanup': Record<string, never>;
  'search:sync-result': { resultId: string };
  'search:reconcile': Record<string, never>;
  'search:apply-settings': Record<string, never>;
  /** A Stripe event stored by the webhook, applied to payments, instalments and commissions. */
  'payments:stripe-event': { eventId: string };
  /** Enqueued by contract registration, revocation and termination; handled by the grant engine. */
  'grants:recompute': {
    event: 'registered' | 'revoked' | 'terminated' | 'superseded' | 'filing' | 'policy' | 'manual';
    contractId?: string;
    pairs: Array<{ recipientOrgId: string; year: number }>;
  };
};

export type JobName = keyof JobPayloads;

export const taskList: { [K in JobName]: Task } = {
  'auth:cleanup': cleanupAuth,
  'search:sync-result': searchSyncResult,
  'search:reconcile': searchReconcile,
  'search:apply-settings': searchApplySettings,
  'payments:stripe-event': paymentsStripeEvent,
  'grants:recompute': grantsRecompute,
};

/** Recurring jobs (graphile-worker crontab syntax). */
export const crontab = ['17 3 * * * auth:cleanup', '* * * * * search:reconcile ?max=1'].join('\n');
