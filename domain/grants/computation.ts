import Decimal from 'decimal.js';
import { formatRate, formatExactYuan, min, roundDown, times } from './money.ts';
import type { OrgFact } from './facts.ts';
import type { Basis, Clause, ContractKind, Policy } from './policy.ts';

/** One computed figure: what the system proposes, and why, for one (clause, recipient, year). */
export type GrantComputation = {
  clause: Clause;
  recipientOrgId: string;
  year: number;
  /** 'fixed' for the one-off awards B1, B2. */
  basis: Basis | 'fixed';
  base: Decimal;
  rate: Decimal;
  cap: Decimal;
  /** base × rate, exact, before rounding and cap (0 when a threshold is not met). */
  rawAmount: Decimal;
  /** min(cap, round_down(rawAmount)) */
  amount: Decimal;
  policyId: string;
  contracts: GrantContract[];
  /** The arithmetic in words, for the recipient and the reviewer. */
  explanation: string[];
};

export type GrantContract = {
  contractId: string;
  registrationNo: string;
  /** 合同成交额 */
  amount: Decimal;
  /** What the contract adds to the base. */
  eligibleAmount: Decimal;
};

export const KIND_ZH: Record<ContractKind, string> = {
  development: '技术开发',
  transfer: '技术转让',
  consulting: '技术咨询',
  service: '技术服务',
};

export const CLAUSE_ZH: Record<Clause, string> = {
  A1: '技术开发、技术转让合同成交额补助',
  A2: '技术咨询、技术服务合同成交额补助',
  B1: '新增国家级技术转移机构补助',
  B2: '省级技术转移服务机构建设补助',
  B3: '市级技术转移服务机构促成市内转化补助',
};

export function heading(clause: Clause, policy: Policy, year: number, recipientOrgId: string, recipient: OrgFact | undefined): string {
  return `条款 ${clause}（${CLAUSE_ZH[clause]}），政策《${policy.title}》（版本 ${policy.id}），${year} 年度，受补助方 ${recipient?.name ?? recipientOrgId}`;
}

/** subsidy = min(cap, round_down(base × rate)), with the line that shows it. */
export function rateFigure(
  base: Decimal,
  rate: Decimal,
  cap: Decimal,
  policy: Policy,
): { rawAmount: Decimal; amount: Decimal; line: string } {
  const rawAmount = times(base, rate);
  const rounded = roundDown(rawAmount, policy.rounding.decimals);
  const amount = min(cap, rounded);
  let line = `基数 ${formatExactYuan(base)} × ${formatRate(rate)} = ${formatExactYuan(rawAmount)}`;
  if (rounded.greaterThan(cap)) line += `，超过上限 ${formatExactYuan(cap)}，按上限计`;
  else if (!rounded.equals(rawAmount)) line += `，向下取整到分为 ${formatExactYuan(rounded)}`;
  return { rawAmount, amount, line };
}

export function amountLine(amount: Decimal): string {
  return `拟补助金额 ${formatExactYuan(amount)}`;
}

export const ONE = new Decimal(1);
