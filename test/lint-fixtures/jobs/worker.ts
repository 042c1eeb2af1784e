// lint-expect: clean
// The worker, and it alone, imports the handler registry.
import { handlers } from '#jobs/handlers.ts';

export const names = Object.keys(handlers);
