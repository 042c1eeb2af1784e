import { defineTask } from '#jobs/task.ts';

/** Drops expired sessions, tokens, password-reset links, old login attempts and Idempotency-Keys past their 24 hours. Idempotent. */
export const cleanupAuth = defineTask('auth:cleanup', async (_payload, helpers) => {
  await helpers.withPgClient(async (client) => {
    await client.query(`delete from sessions where expires_at < now() - interval '7 days'`);
    await client.query(`delete from api_tokens where expires_at < now() - interval '30 days'`);
    await client.query(`delete from login_attempts where created_at < now() - interval '30 days'`);
    await client.query(`delete from password_resets where expires_at < now() - interval '30 days'`);
    await client.query(`delete from idempotency_keys where created_at < now() - interval '24 hours'`);
  });
});
