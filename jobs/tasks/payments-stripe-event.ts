import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { processStripeEvent } from '#app/services/payments.server.ts';

const payload = z.object({ eventId: z.string().min(1).max(255) });

/** Applies one stored Stripe event. Idempotent: settlement is derived from every event stored, so a retry or a replay changes nothing. */
export const paymentsStripeEvent: Task = async (raw) => {
  const { eventId } = payload.parse(raw);
  await processStripeEvent(eventId);
};
