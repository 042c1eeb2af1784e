import { z } from 'zod';
import { BUREAU_ROLES, normalizeBureauRoles } from '#domain/permissions.ts';
import { LIMITS, email } from './accounts.server.ts';

/** One or more bureau roles; a form's checkboxes send one value or several. */
export const bureauRoles = z.preprocess(
  (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(BUREAU_ROLES, { message: 'validation.bureauRole' }))
    .min(1, { message: 'validation.bureauRoles' })
    .max(BUREAU_ROLES.length)
    .transform(normalizeBureauRoles),
);

export const createBureauUserSchema = z.object({
  email,
  name: z.string({ message: 'validation.name' }).trim().min(1, { message: 'validation.name' }).max(LIMITS.nameMax),
  roles: bureauRoles,
});
export type CreateBureauUserInput = z.infer<typeof createBureauUserSchema>;

/** The form of /bureau/users: create a user, change one's roles, disable or enable one. */
export const bureauUsersFormSchema = z.discriminatedUnion('intent', [
  createBureauUserSchema.extend({ intent: z.literal('create') }),
  z.object({ intent: z.literal('roles'), id: z.uuid(), roles: bureauRoles }),
  z.object({ intent: z.literal('disable'), id: z.uuid() }),
  z.object({ intent: z.literal('enable'), id: z.uuid() }),
]);
