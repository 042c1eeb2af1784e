import { runAlerts } from '#app/services/alerts.server.ts';
import { defineTask } from '#jobs/task.ts';

/** Every few minutes: each saved search with an alert reports what it has not reported yet. A rerun adds nothing. */
export const alertsRun = defineTask('alerts:run', async (_payload, helpers) => {
  const s = await runAlerts();
  if (s.notified > 0 || s.failed > 0) helpers.logger.info(`alerts: ${s.ran} run, ${s.notified} notified, ${s.failed} failed`);
});
