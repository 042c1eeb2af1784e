import type { Task } from 'graphile-worker';
import { applyDemandsSettings, applyResultsSettings } from '#search/setup.ts';

/** After the bureau edits the synonym list: push the settings (synonyms are query-time, so no rebuild). */
export const searchApplySettings: Task = async () => {
  await applyResultsSettings();
  await applyDemandsSettings();
};
