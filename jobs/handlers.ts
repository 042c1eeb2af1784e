import type { Task } from 'graphile-worker';
import type { JobName } from './catalog.ts';
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
import { mailLoginAlert } from './tasks/mail-login-alert.ts';
import { mailPasswordReset } from './tasks/mail-password-reset.ts';
import { alertsRun } from './tasks/alerts-run.ts';

/**
 * The handler of every job in the catalogue. Imported by jobs/worker.ts alone (eslint
 * enforces it): the handlers call the services, which enqueue through jobs/enqueue.ts,
 * so anything else importing this module would close a cycle.
 */
export const handlers: { [K in JobName]: Task } = {
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
  'mail:login-alert': mailLoginAlert,
  'mail:password-reset': mailPasswordReset,
  'alerts:run': alertsRun,
};
