import { sendInvitationMail } from '#app/services/mail.server.ts';
import { defineTask } from '#jobs/task.ts';

/** Sends an invitation its e-mail. Idempotent: one message id per invitation. */
export const mailInvitation = defineTask('mail:invitation', async ({ invitationId, link }) => {
  await sendInvitationMail(invitationId, link);
});
