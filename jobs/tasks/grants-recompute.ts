import { getDb } from '#db/client.ts';
import { affectedPairs, loadPolicies, recomputePairs } from '#app/services/grants/recompute.server.ts';
import { defineTask } from '#jobs/task.ts';

/**
 * Recomputes the grants of the affected (recipient, year) pairs, and of the
 * value-added successors the engine names. Idempotent: it derives every figure
 * from the committed facts in one transaction, so a retry after a crash or a
 * duplicate delivery writes the same rows.
 */
export const grantsRecompute = defineTask('grants:recompute', async (p, helpers) => {
  // A contract without a result moves only its own parties' figures, which the event names.
  const pairs = p.resultId === null ? p.pairs : await affectedPairs(getDb(), p.contractId, p.pairs, await loadPolicies());
  const s = await recomputePairs(pairs);
  if (s.inserted + s.updated + s.adjusted > 0) helpers.logger.debug(`grants ${p.event}: +${s.inserted} ~${s.updated} adj ${s.adjusted}`);
});
