import { expireDemands } from '#app/services/demands.server.ts';
import { defineTask } from '#jobs/task.ts';

/** Every few minutes: published demands past their deadline become `expired` and leave the index. Idempotent. */
export const demandsExpire = defineTask('demands:expire', async (_payload, helpers) => {
  const n = await expireDemands();
  if (n > 0) helpers.logger.info(`${n} demand(s) expired`);
});
