import { sendLoginAlertMail } from '#app/services/login-attempts.server.ts';
import { defineTask } from '#jobs/task.ts';

/** Tells an account's owner about failed logins. Idempotent: one message id per account and window. */
export const mailLoginAlert = defineTask('mail:login-alert', async ({ userId, windowStart }) => {
  await sendLoginAlertMail(userId, windowStart);
});
