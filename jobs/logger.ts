import { Logger } from 'graphile-worker';

/** graphile-worker's log, minus its chatter: warnings and errors only. */
export const jobLogger = new Logger(() => (level, message) => {
  // A failure that will be retried is a warning; the last attempt failing is an error (it dead-letters).
  const attempt = /attempt (\d+) of (\d+)/.exec(message);
  const retrying = attempt && Number(attempt[1]) < Number(attempt[2]);
  if (level === 'error' && !retrying) console.error(`[jobs] ${message}`);
  else if (level === 'error' || level === 'warning') console.warn(`[jobs] ${message.split('\n')[0]}`);
});
