import { z } from 'zod';
import { email, LIMITS, loginSchema, password } from './accounts.server.ts';

/** A 6-digit TOTP code or a recovery code (spaces and dashes allowed). */
export const mfaCode = z
  .string({ message: 'validation.mfaCode' })
  .trim()
  .min(6, { message: 'validation.mfaCode' })
  .max(24, { message: 'validation.mfaCode' });

export const mfaCodeSchema = z.object({ code: mfaCode });

/** Re-authentication: the password again and, for bureau users, a code. */
export const reauthSchema = z.object({
  password: z.string({ message: 'validation.passwordRequired' }).min(1, { message: 'validation.passwordRequired' }).max(LIMITS.passwordMax),
  code: mfaCode.optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z.object({
  token: z.string().min(20).max(200),
  password,
});

/** POST /auth/login: bureau users add `totp`; everyone else's body is unchanged. */
export const apiLoginSchema = loginSchema.extend({
  totp: mfaCode.optional().describe('Bureau users only: the current 6-digit TOTP code, or one unused recovery code'),
});

export const apiReauthSchema = reauthSchema.describe('The password again and, for bureau users, a TOTP or recovery code');
