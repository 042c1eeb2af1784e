import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { sendInvitationMail } from '#app/services/mail.server.ts';

const payload = z.object({ invitationId: z.uuid(), link: z.url() });

/** Sends an invitation its e-mail. Idempotent: one message id per invitation. */
export const mailInvitation: Task = async (raw) => {
  const { invitationId, link } = payload.parse(raw);
  await sendInvitationMail(invitationId, link);
};
