import { Link } from '@remix-run/react';
import { UNMATCHED_THRESHOLD } from '#domain/matching/score.ts';
import { groupDigits } from '#domain/money.ts';
import type { DemandMatch, MatchReason, ResultMatch } from '#app/services/matching.server.ts';
import { useT } from './i18n.tsx';

/** A score 0–1 as a meter with its figure: the figure is what screen readers and printouts get. */
export function MatchScore({ score }: { score: number }) {
  const t = useT();
  const text = score.toFixed(2);
  return (
    <span className="match-score">
      <meter min={0} max={1} low={UNMATCHED_THRESHOLD} high={0.7} optimum={1} value={score} aria-label={t('match.scoreOf', { score: text })}>
        {text}
      </meter>{' '}
      <strong aria-hidden="true">{text}</strong>
    </span>
  );
}

/** The reasons as chips: met ones with ✓, shortfalls with ✗ (and the words for screen readers). */
export function Reasons({ reasons }: { reasons: MatchReason[] }) {
  const t = useT();
  if (reasons.length === 0) return null;
  return (
    <ul className="tags" aria-label={t('match.reasons')}>
      {reasons.map((r, i) => {
        const met = r.detail?.met !== false;
        return (
          <li key={`${r.kind}-${i}`} data-kind={r.kind} data-met={met ? 'true' : 'false'}>
            <span aria-hidden="true">{met ? '✓ ' : '✗ '}</span>
            <span className="sr-only">{met ? t('match.met') : t('match.unmet')}：</span>
            {r.text}
          </li>
        );
      })}
    </ul>
  );
}

/** Results matched to a demand; "发起洽谈" opens a conversation with the result's holder about this demand. */
export function ResultMatchList({ items, demandId, canNegotiate }: { items: ResultMatch[]; demandId: string; canNegotiate: boolean }) {
  const t = useT();
  return (
    <ol className="hit-list">
      {items.map((m) => (
        <li key={m.id} className="hit">
          <h3>
            <Link to={`/r/${m.id}`}>{m.title}</Link>
          </h3>
          <p className="meta">
            {m.institution} · {t(`field.${m.field}`)} · {t(`maturity.${m.maturity}`)} · {m.price ? `¥${groupDigits(m.price)}` : t('result.negotiable')}
          </p>
          <p>
            {t('match.score')} <MatchScore score={m.score} />
          </p>
          <Reasons reasons={m.reasons} />
          {canNegotiate ? (
            <p>
              <Link to={`/conversations/new?resultId=${m.id}&demandId=${demandId}`} className="button small" aria-label={t('match.negotiateWith', { org: m.institution })}>
                {t('match.negotiate')}
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** Demands matched to a result. */
export function DemandMatchList({ items }: { items: DemandMatch[] }) {
  const t = useT();
  return (
    <ol className="hit-list">
      {items.map((m) => (
        <li key={m.id} className="hit">
          <h3>
            <Link to={`/demands/${m.id}`}>{m.title}</Link>
          </h3>
          <p className="meta">
            {m.enterprise} · {t(`field.${m.field}`)} · {m.budget ? `¥${groupDigits(m.budget)}` : t('demand.negotiable')}
            {m.deadline ? ` · ${t('demand.deadline')} ${m.deadline}` : ''}
          </p>
          <p>
            {t('match.score')} <MatchScore score={m.score} />
          </p>
          <Reasons reasons={m.reasons} />
        </li>
      ))}
    </ol>
  );
}
