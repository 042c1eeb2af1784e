import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { sendNotificationMail } from '#app/services/mail.server.ts';

const payload = z.object({ notificationId: z.uuid() });

/** E-mails a notification to its organisation's users. Idempotent: each recipient's message id is recorded once. */
export const mailSend: Task = async (raw) => {
  const { notificationId } = payload.parse(raw);
  await sendNotificationMail(notificationId);
};
