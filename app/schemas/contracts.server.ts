import Decimal from 'decimal.js';
import { z } from 'zod';
import { CONTRACT_KINDS } from '#domain/contracts/rules.ts';
import { price } from './results.server.ts';

const amount = price.unwrap().refine((d) => d.gt(0), { message: 'validation.amountPositive' });
const date = z.iso.date({ message: 'validation.date' });

const commission = z.union([
  z.object({ rate: z.string().regex(/^\d+(\.\d{1,6})?$/, { message: 'validation.commissionRate' }).transform((v) => new Decimal(v)) }).strict(),
  z.object({ fixed: price.unwrap() }).strict(),
]);

export const contractCreateSchema = z.object({
  kind: z.enum(CONTRACT_KINDS, { message: 'validation.contractKind' }),
  licence: z.boolean().default(false),
  title: z.string({ message: 'validation.title' }).trim().min(4, { message: 'validation.title' }).max(120, { message: 'validation.title' }),
  sellerOrgId: z.uuid({ message: 'validation.org' }),
  buyerOrgId: z.uuid({ message: 'validation.org' }),
  brokerOrgId: z.uuid({ message: 'validation.org' }).nullable().default(null),
  resultId: z.uuid().nullable().default(null),
  amount,
  technologyAmount: price.default(null),
  signedOn: date,
  commission: commission.nullable().default(null),
  instalments: z.array(z.object({ dueOn: date, amount })).max(36).default([]),
});
export type ContractCreate = z.output<typeof contractCreateSchema>;

export const contractPatchSchema = contractCreateSchema.omit({ sellerOrgId: true, buyerOrgId: true }).partial();
export type ContractPatch = z.output<typeof contractPatchSchema>;

export const registerSchema = z.object({ registeredOn: date });
export const reasonOnlySchema = z.object({ reason: z.string({ message: 'validation.reason' }).trim().min(2, { message: 'validation.reason' }).max(500) });
