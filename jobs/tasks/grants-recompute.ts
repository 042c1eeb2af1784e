import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { getDb } from '#db/client.ts';
import { affectedPairs, loadPolicies, recomputePairs } from '#app/services/grant-engine.server.ts';

const payload = z.object({
  event: z.enum(['registered', 'revoked', 'terminated', 'superseded', 'filing', 'policy', 'manual']),
  contractId: z.uuid().optional(),
  resultId: z.uuid().nullable().optional(),
  pairs: z.array(z.object({ recipientOrgId: z.uuid(), year: z.number().int().min(2000).max(2100) })).max(10_000),
});

/**
 * Recomputes the grants of the affected (recipient, year) pairs, and of the
 * value-added successors the engine names. Idempotent: it derives every figure
 * from the committed facts in one transaction, so a retry after a crash or a
 * duplicate delivery writes the same rows.
 */
export const grantsRecompute: Task = async (raw, helpers) => {
  const p = payload.parse(raw);
  // A contract without a result moves only its own parties' figures, which the event names.
  const pairs = p.resultId === null ? p.pairs : await affectedPairs(getDb(), p.contractId, p.pairs, await loadPolicies());
  const s = await recomputePairs(pairs);
  if (s.inserted + s.updated + s.adjusted > 0) helpers.logger.debug(`grants ${p.event}: +${s.inserted} ~${s.updated} adj ${s.adjusted}`);
};
