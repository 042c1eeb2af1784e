// lint-expect: no-restricted-imports "Only jobs/worker.ts imports the job handlers"
// A service importing the handlers would close the cycle services → handlers → services.
import { handlers } from '#jobs/handlers.ts';

export const names = () => Object.keys(handlers);
