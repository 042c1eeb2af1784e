// lint-expect: no-restricted-imports "Only jobs/worker.ts imports the job handlers"
import { grantsRecompute } from '#jobs/tasks/grants-recompute.ts';

export const task = grantsRecompute;
