import type { Task } from 'graphile-worker';

/** Drops expired sessions, tokens and old login attempts. Idempotent. */
export const cleanupAuth: Task = async (_payload, helpers) => {
  await helpers.withPgClient(async (client) => {
    await client.query(`delete from sessions where expires_at < now() - interval '7 days'`);
    await client.query(`delete from api_tokens where expires_at < now() - interval '30 days'`);
    await client.query(`delete from login_attempts where created_at < now() - interval '30 days'`);
  });
};
