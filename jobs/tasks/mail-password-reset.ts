import { sendPasswordResetMail } from '#app/services/password-reset.server.ts';
import { defineTask } from '#jobs/task.ts';

/** Sends a password-reset link. Idempotent: one message id per reset; nothing once it is used or expired. */
export const mailPasswordReset = defineTask('mail:password-reset', async ({ resetId, link }) => {
  await sendPasswordResetMail(resetId, link);
});
