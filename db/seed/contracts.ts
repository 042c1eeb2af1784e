import Decimal from 'decimal.js';
import { mulberry32 } from './results-generator.ts';

/**
 * A deterministic plan of demo contracts over 2023–2025 in every state, for the
 * registration numbers, commissions and (later) grants to have real data.
 */
export type PlannedContract = {
  kind: 'development' | 'transfer' | 'consulting' | 'service';
  licence: boolean;
  sellerOrgId: string;
  buyerOrgId: string;
  brokerOrgId: string | null;
  resultId: string | null;
  title: string;
  amount: Decimal;
  technologyAmount: Decimal;
  signedOn: string;
  registeredOn: string;
  commission: { rate: Decimal } | { fixed: Decimal } | null;
  outcome: 'draft' | 'submitted' | 'returned' | 'registered' | 'revoked' | 'terminated';
};

type Org = { id: string; name: string; kind: string };
type HeldResult = { id: string; holderOrgId: string; title: string };

const OUTCOMES: Array<[PlannedContract['outcome'], number]> = [
  ['registered', 0.66],
  ['revoked', 0.06],
  ['terminated', 0.04],
  ['submitted', 0.1],
  ['returned', 0.05],
  ['draft', 0.09],
];

const SUBJECTS: Record<PlannedContract['kind'], string[]> = {
  development: ['智能产线改造', '新型复合材料配方', '轴承在线检测系统', '设施蔬菜水肥控制系统', '中药制剂新剂型', '污水深度处理工艺'],
  transfer: [],
  consulting: ['产业技术路线', '专利布局', '技术可行性', '工艺节能诊断', '质量体系'],
  service: ['检验检测', '工艺优化', '设备调试', '数据分析平台运维', '中试放大'],
};

export function planContracts(opts: { count: number; seed: number; sellers: Org[]; buyers: Org[]; agencies: Org[]; results: HeldResult[] }): PlannedContract[] {
  const rnd = mulberry32(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const usedResults = new Set<string>();
  const out: PlannedContract[] = [];
  for (let i = 0; i < opts.count; i++) {
    const roll = rnd();
    let kind: PlannedContract['kind'] = roll < 0.3 ? 'development' : roll < 0.55 ? 'transfer' : roll < 0.7 ? 'consulting' : 'service';
    const free = opts.results.filter((r) => !usedResults.has(r.id));
    const result = kind === 'transfer' && free.length ? pick(free) : null;
    if (kind === 'transfer' && !result) kind = 'development';
    if (result) usedResults.add(result.id);
    const seller = result ? opts.sellers.find((s) => s.id === result.holderOrgId) ?? pick(opts.sellers) : pick(opts.sellers);
    let buyer = pick(opts.buyers);
    if (buyer.id === seller.id) buyer = opts.buyers.find((b) => b.id !== seller.id)!;
    const year = 2023 + Math.floor(rnd() * 3);
    const month = 1 + Math.floor(rnd() * 11);
    const day = 1 + Math.floor(rnd() * 27);
    const signedOn = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const registeredOn = `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(28, day + 3)).padStart(2, '0')}`;
    // Mostly 50k–5M; a few large development contracts reach the A1 cap.
    const big = kind === 'development' && rnd() < 0.08;
    const amount = new Decimal(Math.floor((big ? 8_000_000 + rnd() * 30_000_000 : 50_000 + rnd() * 4_950_000) / 100) * 100);
    const technologyAmount = amount.times(0.7 + Math.floor(rnd() * 31) / 100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    const broker = rnd() < 0.45 ? pick(opts.agencies) : null;
    const commission = broker ? (rnd() < 0.8 ? { rate: new Decimal(1 + Math.floor(rnd() * 5)).dividedBy(100) } : { fixed: new Decimal(Math.floor(5_000 + rnd() * 45_000)) }) : null;
    let r = rnd();
    const outcome = OUTCOMES.find(([, p]) => (r -= p) < 0)?.[0] ?? 'registered';
    const title = result ? `${result.title}专利转让合同` : `${pick(SUBJECTS[kind])}技术${{ development: '开发', transfer: '转让', consulting: '咨询', service: '服务' }[kind]}合同`;
    out.push({ kind, licence: kind === 'transfer' && rnd() < 0.2, sellerOrgId: seller.id, buyerOrgId: buyer.id, brokerOrgId: broker?.id ?? null, resultId: result?.id ?? null, title, amount, technologyAmount, signedOn, registeredOn, commission, outcome });
  }
  // Register in date order, so numbers rise with the dates within a year and region.
  return out.sort((a, b) => a.registeredOn.localeCompare(b.registeredOn));
}
