import { z } from 'zod';
import { BUREAU_ROLES, ORG_KINDS } from '#domain/permissions.ts';

/** Response shapes, for the OpenAPI document (requests use the same schemas the routes validate with). */
export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(['validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'unprocessable', 'signed_contract_missing', 'rate_limited', 'payload_too_large', 'unavailable', 'internal']),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const userOut = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(['org_admin', 'org_member', 'bureau']),
    orgId: z.uuid().nullable(),
  })
  .meta({ id: 'User' });

export const orgStatus = z.enum(['pending', 'verified', 'rejected', 'suspended']);

export const orgProfileOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameEn: z.string().nullable(),
    kind: z.enum(ORG_KINDS),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    status: orgStatus,
    verifiedAt: z.string().nullable(),
    description: z.string().nullable(),
    website: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'OrganizationProfile' });

export const signupOut = z.object({
  user: userOut,
  organization: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(ORG_KINDS), status: orgStatus }),
});

export const loginOut = z.object({ token: z.string(), expiresAt: z.string(), user: userOut });

export const orgListOut = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(ORG_KINDS),
      creditCode: z.string(),
      regionCode: z.string(),
      regionName: z.string().nullable(),
      status: orgStatus,
      statusReason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  total: z.number().int(),
});

export const invitationOut = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(['org_admin', 'org_member']),
  expiresAt: z.string(),
  url: z.url(),
});

export const meOut = z.object({
  user: userOut.extend({ name: z.string(), bureauRoles: z.array(z.enum(BUREAU_ROLES)).describe('The bureau staff’s roles (registrar, reviewer, payer, admin); empty for organisation users') }),
  organization: z
    .object({ id: z.uuid(), name: z.string(), kind: z.enum(ORG_KINDS), status: orgStatus })
    .nullable(),
  permissions: z.array(z.string()),
});

/** GET /auth/tokens: the caller's API tokens; the secret itself is never shown again. */
export const tokenListOut = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
      label: z.string(),
      createdAt: z.string(),
      lastUsedAt: z.string().nullable(),
      expiresAt: z.string(),
      revokedAt: z.string().nullable(),
      state: z.enum(['active', 'revoked', 'expired']),
      current: z.boolean().describe('The token this request was made with'),
    }),
  ),
});
