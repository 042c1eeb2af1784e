import { run, type Runner } from 'graphile-worker';
import { crontab, taskList } from './catalog.ts';
import { jobLogger } from './logger.ts';
import { warmUpSegmenter } from '#search/segment.ts';

/** Starts a job worker on the PostgreSQL queue. Importing this module starts nothing. */
export async function startWorker(opts: { connectionString: string; concurrency: number }): Promise<Runner> {
  // Load the segmenter's dictionaries now rather than inside the first sync job (~0.3 s).
  warmUpSegmenter();
  return run({
    connectionString: opts.connectionString,
    concurrency: opts.concurrency,
    taskList,
    crontab,
    logger: jobLogger,
    noHandleSignals: true,
    pollInterval: 1000,
  });
}
