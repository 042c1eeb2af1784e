import { sendNotificationMail } from '#app/services/mail.server.ts';
import { defineTask } from '#jobs/task.ts';

/** E-mails a notification to its organisation's users. Idempotent: each recipient's message id is recorded once. */
export const mailSend = defineTask('mail:send', async ({ notificationId }) => {
  await sendNotificationMail(notificationId);
});
