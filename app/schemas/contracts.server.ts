import Decimal from 'decimal.js';
import { z } from 'zod';
import { CONTRACT_KINDS } from '#domain/contracts/rules.ts';
import { isoDate } from '#app/lib/validation.ts';
import { price } from './results.server.ts';

const amount = price.unwrap().refine((d) => d.gt(0), { message: 'validation.amountPositive' });
const date = isoDate();

const commission = z.union([
  z.object({ rate: z.string().regex(/^\d+(\.\d{1,6})?$/, { message: 'validation.commissionRate' }).transform((v) => new Decimal(v)) }).strict(),
  z.object({ fixed: price.unwrap() }).strict(),
]);

/** The fields as a patch takes them: absent means unchanged, so no defaults here. */
const fields = {
  kind: z.enum(CONTRACT_KINDS, { message: 'validation.contractKind' }),
  licence: z.boolean(),
  title: z.string({ message: 'validation.title' }).trim().min(4, { message: 'validation.title' }).max(120, { message: 'validation.title' }),
  sellerOrgId: z.uuid({ message: 'validation.org' }),
  buyerOrgId: z.uuid({ message: 'validation.org' }),
  brokerOrgId: z.uuid({ message: 'validation.org' }).nullable(),
  resultId: z.uuid().nullable(),
  amount,
  technologyAmount: price,
  signedOn: date,
  commission: commission.nullable(),
  instalments: z.array(z.object({ dueOn: date, amount })).max(36),
};

export const contractCreateSchema = z.object({
  ...fields,
  licence: fields.licence.default(false),
  brokerOrgId: fields.brokerOrgId.default(null),
  resultId: fields.resultId.default(null),
  technologyAmount: fields.technologyAmount.default(null),
  commission: fields.commission.default(null),
  instalments: fields.instalments.default([]),
});
export type ContractCreate = z.output<typeof contractCreateSchema>;

export const contractPatchSchema = z.object(fields).omit({ sellerOrgId: true, buyerOrgId: true }).partial();
export type ContractPatch = z.output<typeof contractPatchSchema>;

export const registerSchema = z.object({ registeredOn: date });
export const reasonOnlySchema = z.object({ reason: z.string({ message: 'validation.reason' }).trim().min(2, { message: 'validation.reason' }).max(500) });

/** The instalment in a path: 1–36. */
export const instalmentSeqSchema = z.coerce.number().int().min(1).max(36);
export const manualPaymentSchema = z.object({
  status: z.enum(['paid', 'reversed'], { message: 'validation.paymentStatus' }),
  reference: z.string({ message: 'validation.paymentReference' }).trim().min(2, { message: 'validation.paymentReference' }).max(200, { message: 'validation.paymentReference' }),
});
