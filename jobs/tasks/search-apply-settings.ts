import { applyDemandsSettings, applyResultsSettings } from '#search/setup.ts';
import { defineTask } from '#jobs/task.ts';

/** After the bureau edits the synonym list: push the settings (synonyms are query-time, so no rebuild). */
export const searchApplySettings = defineTask('search:apply-settings', async () => {
  await applyResultsSettings();
  await applyDemandsSettings();
});
