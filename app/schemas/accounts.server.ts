import { z } from 'zod';
import { validateUscc } from '#domain/codes/uscc.ts';
import { isValidRegionCode } from '#domain/codes/region.ts';
import { ORG_KINDS } from '#domain/permissions.ts';

export const LIMITS = {
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 128,
  nameMax: 100,
  orgNameMax: 100,
  textMax: 2000,
  reasonMax: 500,
} as const;

export const email = z
  .string({ message: 'validation.email' })
  .trim()
  .max(LIMITS.emailMax)
  .pipe(z.email({ message: 'validation.email' }))
  .transform((v) => v.toLowerCase());

const COMMON_PASSWORDS = new Set(['password123', '1234567890', 'qwertyuiop', 'abc1234567', 'a123456789', 'password1234', 'admin12345']);

export const password = z
  .string({ message: 'validation.password' })
  .min(LIMITS.passwordMin, { message: 'validation.password' })
  .max(LIMITS.passwordMax, { message: 'validation.passwordLong' })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v) && !COMMON_PASSWORDS.has(v.toLowerCase()), {
    message: 'validation.password',
  });

export const orgKind = z.enum(ORG_KINDS, { message: 'validation.orgKind' });

export const creditCode = z
  .string({ message: 'validation.creditCode' })
  .transform((v, ctx) => {
    const r = validateUscc(v);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.reason === 'check' ? 'validation.creditCodeCheck' : 'validation.creditCode' });
    return z.NEVER;
  });

export const regionCode = z
  .string({ message: 'validation.regionCode' })
  .trim()
  .refine((v) => /^\d{6}$/.test(v) && isValidRegionCode(v), { message: 'validation.regionCode' });

export const signupSchema = z.object({
  email,
  password,
  name: z.string().trim().max(LIMITS.nameMax).optional(),
  orgName: z.string({ message: 'validation.orgName' }).trim().min(2, { message: 'validation.orgName' }).max(LIMITS.orgNameMax),
  orgKind,
  creditCode,
  regionCode,
});
export type SignupInput = z.infer<typeof signupSchema>;

export const loginSchema = z.object({
  email: z.string({ message: 'validation.email' }).trim().min(1, { message: 'validation.email' }).max(LIMITS.emailMax),
  password: z.string({ message: 'validation.passwordRequired' }).min(1, { message: 'validation.passwordRequired' }).max(LIMITS.passwordMax),
});

export const inviteSchema = z.object({
  email,
  role: z.enum(['org_admin', 'org_member']).default('org_member'),
});

/** The invitations page's form: invite someone, or revoke a pending invitation. */
export const invitationsFormSchema = z.discriminatedUnion('intent', [
  inviteSchema.extend({ intent: z.literal('invite') }),
  z.object({ intent: z.literal('revoke'), id: z.uuid() }),
]);

export const acceptInviteSchema = z.object({
  token: z.string().min(10).max(200),
  name: z.string({ message: 'validation.name' }).trim().min(1, { message: 'validation.name' }).max(LIMITS.nameMax),
  password,
});

export const reasonSchema = z.object({
  reason: z.string({ message: 'validation.reason' }).trim().min(2, { message: 'validation.reason' }).max(LIMITS.reasonMax),
});

/** The bureau's verify / reject form on /bureau/orgs. Composed here, on the server: a route module's top level also runs in the browser. */
export const orgDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('verify'), id: z.guid() }),
  reasonSchema.extend({ intent: z.literal('reject'), id: z.guid() }),
]);

/** Absent keys stay as they are; null (or an empty form field) clears one. */
export const orgUpdateSchema = z.object({
  description: z.string().trim().max(LIMITS.textMax).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  website: z.url({ protocol: /^https?$/, message: 'validation.url' }).max(200).nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/, { message: 'validation.phone' })
    .nullable()
    .optional(),
  nameEn: z.string().trim().max(LIMITS.orgNameMax).nullable().optional(),
});
export type OrgUpdate = z.infer<typeof orgUpdateSchema>;

export const orgListQuery = z.object({
  status: z.enum(['pending', 'verified', 'rejected', 'suspended']).optional(),
  kind: orgKind.optional(),
  page: z.string().optional(),
  pageSize: z.string().optional(),
});
