import type { Task } from 'graphile-worker';
import { cleanupAuth } from './tasks/cleanup-auth.ts';

/** Every job the platform runs: its name, its payload, and its handler. */
export type JobPayloads = {
  'auth:cleanup': Record<string, never>;
};

export type JobName = keyof JobPayloads;

export const taskList: { [K in JobName]: Task } = {
  'auth:cleanup': cleanupAuth,
};

/** Recurring jobs (graphile-worker crontab syntax). */
export const crontab = ['17 3 * * * auth:cleanup'].join('\n');
