// lint-expect: no-restricted-imports "Only jobs/worker.ts imports the job handlers"
// The old cycle: enqueue → catalog → tasks → services → enqueue.
import { handlers } from '#jobs/handlers.ts';

export const names = Object.keys(handlers);
