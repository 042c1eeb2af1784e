import { z } from 'zod';
import { LIMITS } from './accounts.server.ts';

/** Who an organisation can be in a contract: a party (seller or buyer) or the broker agency. */
export const ORG_ROLES = ['party', 'agency'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const ORG_LOOKUP = { limitDefault: 20, limitMax: 50 } as const;

/** `GET /orgs/lookup?q=&role=&limit=`: a short or empty q is fine and lists the first organisations by name. */
export const orgLookupQuery = z.object({
  q: z.string().trim().max(LIMITS.orgNameMax).default(''),
  role: z.enum(ORG_ROLES, { message: 'validation.orgRole' }),
  limit: z.coerce.number({ message: 'validation.orgLookupLimit' }).int({ message: 'validation.orgLookupLimit' }).min(1, { message: 'validation.orgLookupLimit' }).max(ORG_LOOKUP.limitMax, { message: 'validation.orgLookupLimit' }).default(ORG_LOOKUP.limitDefault),
});
export type OrgLookupQuery = z.infer<typeof orgLookupQuery>;
