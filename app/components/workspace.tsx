import { Link } from '@remix-run/react';
import { useT } from './i18n.tsx';

// Type only: erased from the browser bundle, so the server module never reaches it.
import type { WorkItem } from '#app/services/workspace.server.ts';

/**
 * The signed-in viewer's 工作台: one link per thing that waits, with how many, to the list page
 * that shows them. Zeros stay visible (so the layout does not jump); when everything is zero a
 * short line says there is nothing to do.
 */
export function Workspace({ items }: { items: WorkItem[] }) {
  const t = useT();
  const allZero = items.every((i) => !i.count);
  return (
    <section aria-labelledby="workspace-title" className="workspace" data-testid="workspace">
      <h2 id="workspace-title">{t('workspace.title')}</h2>
      {allZero ? <p className="muted">{t('workspace.empty')}</p> : null}
      {items.length ? (
        <ul className="workspace-items">
          {items.map((i) => (
            <li key={i.key} className={i.count ? 'has-work' : undefined}>
              <Link to={i.href} data-testid={`work-${i.key}`}>
                <span className="work-label">{t(`workspace.item.${i.key}`)}</span>
                <span className="work-count" title={i.count === null ? t('workspace.unknown') : undefined}>
                  {i.count === null ? '—' : i.count.toLocaleString()}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
