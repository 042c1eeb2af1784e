import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useT } from '#app/components/i18n.tsx';
import { Workspace } from '#app/components/workspace.tsx';
import { useRootData } from '#app/root.tsx';
import { getViewer } from '#app/lib/auth.server.ts';
import { homeCounts } from '#app/services/organizations.server.ts';
import { workspaceFor } from '#app/services/workspace.server.ts';
import type { MessageKey } from '#app/i18n/index.ts';

/** The public figures, and for a signed-in viewer what waits for it (counted for its own organisation only). */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const viewer = await getViewer(request);
  const [counts, workspace] = await Promise.all([homeCounts(), viewer ? workspaceFor(viewer) : null]);
  return { counts, workspace };
};

const FIGURES: Array<[keyof Awaited<ReturnType<typeof homeCounts>>, MessageKey]> = [
  ['orgs', 'home.counts.orgs'],
  ['verified', 'home.counts.verified'],
  ['universities', 'home.counts.universities'],
  ['enterprises', 'home.counts.enterprises'],
  ['agencies', 'home.counts.agencies'],
  ['results', 'home.counts.results'],
];

export default function Home() {
  const { counts, workspace } = useLoaderData<typeof loader>();
  const root = useRootData();
  const t = useT();
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('app.name')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
        <p>{t('home.intro')}</p>
        {root?.viewer ? (
          <p>{t('home.welcome', { name: root.viewer.name || root.viewer.email })}</p>
        ) : (
          <p className="actions">
            <Link className="button primary" to="/signup">
              {t('home.cta.signup')}
            </Link>
            <Link className="button" to="/login">
              {t('home.cta.login')}
            </Link>
          </p>
        )}
      </section>
      {workspace ? <Workspace items={workspace} /> : null}
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t('home.counts.title')}</h2>
        <dl className="stats" data-testid="home-counts">
          {FIGURES.map(([key, label]) => (
            <div key={key} className="stat">
              <dt>{t(label)}</dt>
              <dd>{counts[key].toLocaleString()}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
