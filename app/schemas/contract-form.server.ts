import Decimal from 'decimal.js';
import { z } from 'zod';
import { contractCreateSchema } from './contracts.server.ts';

/** "2025-06-30 400000" per line → instalments. */
function instalmentLines(v: unknown) {
  if (typeof v !== 'string') return [];
  return v
    .split(/\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [dueOn = '', amount = ''] = l.split(/[\s,，]+/);
      return { dueOn, amount };
    });
}

/** The wizard's fields in the API's shape: percentages to rates, lines to instalments. */
export const contractFormSchema = z.preprocess((raw) => {
  const f = raw as Record<string, unknown>;
  const rate = typeof f.commissionRate === 'string' ? f.commissionRate : undefined;
  const fixed = typeof f.commissionFixed === 'string' ? f.commissionFixed : undefined;
  let commission: unknown = null;
  // People type a percentage; the API takes a fraction. Decimal, so 3.33% stays 0.0333 exactly.
  if (rate) commission = { rate: /^\d+(\.\d{1,4})?$/.test(rate) ? new Decimal(rate).dividedBy(100).toString() : rate };
  else if (fixed) commission = { fixed };
  return {
    kind: f.kind,
    licence: f.licence === 'on',
    title: f.title,
    sellerOrgId: f.sellerOrgId,
    buyerOrgId: f.buyerOrgId,
    brokerOrgId: f.brokerOrgId || null,
    resultId: f.resultId || null,
    amount: f.amount,
    technologyAmount: f.technologyAmount ?? null,
    signedOn: f.signedOn,
    commission,
    instalments: instalmentLines(f.instalments),
  };
}, contractCreateSchema);
