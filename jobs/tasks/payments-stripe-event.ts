import { processStripeEvent } from '#app/services/payments.server.ts';
import { defineTask } from '#jobs/task.ts';

/** Applies one stored Stripe event. Idempotent: settlement is derived from every event stored, so a retry or a replay changes nothing. */
export const paymentsStripeEvent = defineTask('payments:stripe-event', async ({ eventId }) => {
  await processStripeEvent(eventId);
});
