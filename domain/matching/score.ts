/**
 * Explainable matching between a technology demand (技术需求) and a result (科技成果):
 * pure functions, no I/O. The search engine finds the candidates and says how well
 * their text matches (Meilisearch `_rankingScore`, 0–1); this module turns that and
 * the structured facts of both sides into one score 0–1 and the reasons for it.
 *
 *   terms = 0.6 × rankingScore + 0.4 × coverage
 *           coverage = shared terms ÷ min(query terms, 6), at most 1
 *   text  = (1 − s) × terms + s × meaning     where the embedding model is there
 *           meaning = (cosine − 0.45) ÷ (0.85 − 0.45), clamped to 0–1 (SEMANTIC)
 *           text = terms without a model
 *   fit   = 0.35 field + 0.20 maturity + 0.20 price + 0.15 mode + 0.10 region   (each 0–1)
 *   score = text × (0.55 + 0.45 × fit)
 *
 * The text decides whether two listings are about the same thing; the facts only
 * move a candidate up or down by at most 45 %. A wrong topic in the right field, at
 * the right price, stays a poor match (a sum of the parts would let it pass).
 *
 * Every reason's text is Chinese (the platform's language); code labels come from a
 * `Labeler` so this module holds no copy of the UI's label tables.
 */
import Decimal from 'decimal.js';
import { LIAOCHENG_PREFIX } from '#domain/codes/region.ts';
import { MATURITIES, type RESULT_FIELDS, type TRANSFER_MODES } from '#domain/result-codes.ts';

export type Field = (typeof RESULT_FIELDS)[number];
export type Maturity = (typeof MATURITIES)[number];
export type Mode = (typeof TRANSFER_MODES)[number];

export const MATCH_REASON_KINDS = ['terms', 'semantic', 'field', 'maturity', 'price', 'region', 'mode'] as const;
export type MatchReasonKind = (typeof MATCH_REASON_KINDS)[number];

export type MatchReason = {
  kind: MatchReasonKind;
  /** One readable line, in Chinese. */
  text: string;
  /** `met: false` marks a shortfall (shown, but it lowered the score). */
  detail?: { met: boolean; terms?: string[]; need?: string | null; have?: string | null; regionCode?: string };
};

export type Scored = { score: number; reasons: MatchReason[]; parts: { text: number; coverage: number; fit: number; meaning: number | null } };

/** The demand's side of a pair. Money as decimal strings; null budget = 面议. */
export type DemandFacts = { field: Field; maturityNeeded: Maturity | null; budget: string | null; cooperationModes: readonly Mode[] };
/** The result's side of a pair. Null price = 面议. */
export type ResultFacts = { field: Field; maturity: Maturity; price: string | null; transferModes: readonly Mode[] };

export type MatchInput = {
  demand: DemandFacts;
  result: ResultFacts;
  /** Meilisearch's `_rankingScore` of the candidate for the query, 0–1. */
  rankingScore: number;
  /** The query side's terms, most important first (already segmented and normalised). */
  queryTerms: readonly string[];
  /** The candidate's index tokens: title, keywords and body, lower case. */
  candidateTokens: ReadonlySet<string>;
  /** Terms the search engine treats as equivalent to a query term (the synonym groups). */
  equivalents?: (term: string) => readonly string[];
  /** The counterpart organisation (the result's holder, or the demand's enterprise). */
  counterpart?: { regionCode: string; regionName?: string | null } | null;
  /** Cosine similarity of the two sides' embeddings (−1–1); null or absent without a model. */
  semantic?: number | null;
  /** Other settings than SEMANTIC's, for the evaluation to try. */
  semanticTuning?: Partial<SemanticTuning>;
};

/** `field.new_materials` → 新材料 and so on; the default shows the code itself. */
export type Labeler = (key: string) => string;
const codeLabel: Labeler = (key) => key.slice(key.indexOf('.') + 1);

export const WEIGHTS = { ranking: 0.6, coverage: 0.4, field: 0.35, maturity: 0.2, price: 0.2, mode: 0.15, region: 0.1, floor: 0.55 } as const;
/**
 * How meaning enters the text score, tuned on the tuning half of the matching dev sets
 * (`npm run eval:matching`): cosines at or under `floor` say nothing (unrelated texts of
 * this model sit at 0.2–0.45), `ceiling` and above is full marks, `weight` is the share of
 * the text score, and a pair from `reason` up is shown as 语义相近 (at 0.7 it comes with 39 of
 * 46 relevant matches in the dev set's tuning half and 17 of 154 others; at 0.6, 109 of 154).
 */
export const SEMANTIC = { weight: 0.5, floor: 0.45, ceiling: 0.85, reason: 0.7 } as const;
export type SemanticTuning = { [K in keyof typeof SEMANTIC]: number };
/** Coverage counts against at most this many query terms: a long demand need not share every word. */
export const COVERAGE_TERMS = 6;
/**
 * Below this best score a demand counts as unmatched (the bureau's and agencies' list).
 * Recalibrated with meaning in the score, on the tuning halves only (`eval:matching`):
 * the weakest best relevant match of a judged demand scored 0.644 (dev set) and 0.477
 * (second set); the best match of a demand nothing meets at most 0.241 and 0.278. 0.38
 * sits in the middle of that gap.
 */
export const UNMATCHED_THRESHOLD = 0.38;
/** A price up to this multiple of the budget is "slightly over": worth a conversation. */
export const PRICE_SLACK = 1.3;
/** Either side 面议: the price neither helps nor rules out. */
const NEGOTIABLE_PRICE_FIT = 0.7;
const SHOWN_TERMS = 8;

export function isLocalRegion(code: string | null | undefined): boolean {
  return !!code && code.startsWith(LIAOCHENG_PREFIX) && code.length === 6;
}

/**
 * The query terms found among the candidate's tokens, directly or through an
 * equivalent term. Each entry is the query term, and the candidate's word when it differs.
 */
export function sharedTerms(
  queryTerms: readonly string[],
  tokens: ReadonlySet<string>,
  equivalents: (term: string) => readonly string[] = () => [],
): Array<{ term: string; via: string | null }> {
  const out: Array<{ term: string; via: string | null }> = [];
  const seen = new Set<string>();
  for (const raw of queryTerms) {
    const term = raw.toLowerCase();
    if (!term || seen.has(term)) continue;
    seen.add(term);
    if (tokens.has(term)) out.push({ term, via: null });
    else {
      const via = equivalents(term).find((e) => tokens.has(e.toLowerCase()));
      if (via) out.push({ term, via: via.toLowerCase() });
    }
  }
  return out;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** ¥ amounts as people say them: 120万元, 8,500元. */
export function yuanText(amount: string): string {
  const d = new Decimal(amount);
  if (d.greaterThanOrEqualTo(10_000)) return `${d.dividedBy(10_000).toDecimalPlaces(2, Decimal.ROUND_DOWN).toString()}万元`;
  return `${d.toDecimalPlaces(2, Decimal.ROUND_DOWN).toString()}元`;
}

function maturityFit(need: Maturity | null, have: Maturity, label: Labeler): { fit: number; reason: MatchReason | null } {
  if (!need) return { fit: 1, reason: null };
  const gap = MATURITIES.indexOf(need) - MATURITIES.indexOf(have);
  const n = label(`maturity.${need}`);
  const h = label(`maturity.${have}`);
  if (gap <= 0) return { fit: 1, reason: { kind: 'maturity', text: `成熟度为${h}，满足“${n}及以上”的要求`, detail: { met: true, need, have } } };
  return { fit: gap === 1 ? 0.5 : 0, reason: { kind: 'maturity', text: `成熟度为${h}，低于需求的${n}`, detail: { met: false, need, have } } };
}

function priceFit(budget: string | null, price: string | null): { fit: number; reason: MatchReason } {
  if (budget === null || price === null) {
    const text = budget === null && price === null ? '预算与报价均为面议' : budget === null ? '需求预算面议' : '成果价格面议';
    return { fit: NEGOTIABLE_PRICE_FIT, reason: { kind: 'price', text, detail: { met: true, need: budget, have: price } } };
  }
  const b = new Decimal(budget);
  const p = new Decimal(price);
  const detail = { need: budget, have: price };
  if (p.lessThanOrEqualTo(b)) return { fit: 1, reason: { kind: 'price', text: `报价${yuanText(price)}，在预算${yuanText(budget)}以内`, detail: { met: true, ...detail } } };
  if (p.lessThanOrEqualTo(b.times(PRICE_SLACK))) {
    return { fit: 0.5, reason: { kind: 'price', text: `报价${yuanText(price)}，略高于预算${yuanText(budget)}`, detail: { met: false, ...detail } } };
  }
  return { fit: 0, reason: { kind: 'price', text: `报价${yuanText(price)}，超出预算${yuanText(budget)}`, detail: { met: false, ...detail } } };
}

/**
 * Scores one demand–result pair. The reasons come in a fixed order (terms, semantic, field,
 * maturity, price, mode, region); shortfalls are included with `detail.met = false`.
 */
export function scoreMatch(input: MatchInput, label: Labeler = codeLabel): Scored {
  const reasons: MatchReason[] = [];
  const shared = sharedTerms(input.queryTerms, input.candidateTokens, input.equivalents);
  const denominator = Math.min(Math.max(new Set(input.queryTerms.map((t) => t.toLowerCase())).size, 1), COVERAGE_TERMS);
  const coverage = clamp01(shared.length / denominator);
  const terms = clamp01(WEIGHTS.ranking * clamp01(input.rankingScore) + WEIGHTS.coverage * coverage);
  const cosine = typeof input.semantic === 'number' && Number.isFinite(input.semantic) ? input.semantic : null;
  const st: SemanticTuning = { ...SEMANTIC, ...input.semanticTuning };
  const meaning = cosine === null ? null : clamp01((cosine - st.floor) / (st.ceiling - st.floor));
  const text = meaning === null ? terms : clamp01((1 - st.weight) * terms + st.weight * meaning);
  if (shared.length > 0) {
    const shown = shared.slice(0, SHOWN_TERMS).map((s) => (s.via ? `${s.term}≈${s.via}` : s.term));
    reasons.push({ kind: 'terms', text: `共同技术词：${shown.join('、')}${shared.length > SHOWN_TERMS ? ' 等' : ''}`, detail: { met: true, terms: shared.map((s) => s.term) } });
  }
  if (cosine !== null && cosine >= st.reason) {
    reasons.push({ kind: 'semantic', text: `语义相近（相似度 ${Math.round(cosine * 100)}%）`, detail: { met: true } });
  }

  const { demand, result } = input;
  const sameField = demand.field === result.field;
  if (sameField) reasons.push({ kind: 'field', text: `同属${label(`field.${demand.field}`)}领域`, detail: { met: true } });

  const maturity = maturityFit(demand.maturityNeeded, result.maturity, label);
  if (maturity.reason) reasons.push(maturity.reason);

  const price = priceFit(demand.budget, result.price);
  reasons.push(price.reason);

  const common = demand.cooperationModes.filter((m) => result.transferModes.includes(m));
  const modeNames = (ms: readonly Mode[]) => ms.map((m) => label(`transferMode.${m}`)).join('、');
  if (common.length > 0) reasons.push({ kind: 'mode', text: `合作方式一致：${modeNames(common)}`, detail: { met: true } });
  else reasons.push({ kind: 'mode', text: `合作方式不一致（需求：${modeNames(demand.cooperationModes)}；成果：${modeNames(result.transferModes)}）`, detail: { met: false } });

  const local = isLocalRegion(input.counterpart?.regionCode);
  if (local) {
    const name = input.counterpart?.regionName;
    reasons.push({ kind: 'region', text: `位于聊城本地${name ? `（${name}）` : ''}`, detail: { met: true, regionCode: input.counterpart!.regionCode } });
  }

  const fit = clamp01(
    WEIGHTS.field * (sameField ? 1 : 0) + WEIGHTS.maturity * maturity.fit + WEIGHTS.price * price.fit + WEIGHTS.mode * (common.length > 0 ? 1 : 0) + WEIGHTS.region * (local ? 1 : 0),
  );
  const score = round3(clamp01(text * (WEIGHTS.floor + (1 - WEIGHTS.floor) * fit)));
  return { score, reasons, parts: { text: round3(text), coverage: round3(coverage), fit: round3(fit), meaning: meaning === null ? null : round3(meaning) } };
}

/** Highest score first; ties by the search engine's own order (the index in `candidates`). */
export function rankScored<T extends { score: number }>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => b.item.score - a.item.score || a.i - b.i)
    .map((x) => x.item);
}
