import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useNonce } from './components/nonce.tsx';
import { I18nProvider, usePick, useT } from './components/i18n.tsx';
import type { Locale, MessageKey } from './i18n/index.ts';
import { rootData } from './lib/root.server.ts';
import styles from './styles/app.css';
import conversationStyles from './styles/conversations.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'stylesheet', href: conversationStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [{ title: '聊城市科技成果转移转化平台' }];

export const loader = ({ request }: LoaderFunctionArgs) => rootData(request);

/**
 * Root's data (and in it the viewer's dictionary) reloads after a mutation and on a same-URL reload, as by
 * default, but not when only the query string changes (search filters, paging): nothing in it depends on that.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, currentUrl, nextUrl, defaultShouldRevalidate }) =>
  (!formMethod || formMethod === 'GET') && currentUrl.pathname === nextUrl.pathname && currentUrl.search !== nextUrl.search
    ? false
    : defaultShouldRevalidate;

export type RootData = Awaited<ReturnType<typeof rootData>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>('root') as RootData | undefined;
}

/** A label is a message key, or a bilingual pair for pages that keep their words beside them (statistics). */
type NavItem = { to: string; label: MessageKey | { zh: string; en: string }; when: (d: RootData) => boolean };

/** Navigation per role: each item appears when the shared permission map allows it. */
const NAV: NavItem[] = [
  { to: '/', label: 'nav.home', when: () => true },
  { to: '/search', label: 'nav.search', when: () => true },
  { to: '/demands', label: 'nav.demands', when: (d) => !!d.viewer },
  { to: '/results', label: 'nav.myResults', when: (d) => d.permissions.includes('result.list') },
  { to: '/org', label: 'nav.org', when: (d) => d.permissions.includes('org.view') },
  { to: '/org/invitations', label: 'nav.invitations', when: (d) => d.permissions.includes('org.invite') },
  { to: '/conversations', label: 'nav.conversations', when: (d) => d.permissions.includes('inquiry.open') },
  { to: '/contracts', label: 'nav.contracts', when: (d) => d.permissions.includes('contract.draft') },
  { to: '/commissions', label: 'nav.commissions', when: (d) => d.permissions.includes('commission.view') },
  { to: '/bureau/dashboard', label: { zh: '统计', en: 'Statistics' }, when: (d) => d.permissions.includes('bureau.records.view') },
  { to: '/bureau/contracts', label: 'nav.bureau.contracts', when: (d) => d.permissions.includes('bureau.contracts.register') },
  { to: '/bureau/orgs', label: 'nav.bureau.orgs', when: (d) => d.permissions.includes('bureau.orgs.verify') },
  { to: '/bureau/synonyms', label: 'nav.bureau.synonyms', when: (d) => d.permissions.includes('bureau.search.edit') },
  { to: '/bureau/mail', label: 'nav.bureau.mail', when: (d) => d.permissions.includes('bureau.audit.view') },
  { to: '/bureau/audit', label: 'nav.bureau.audit', when: (d) => d.permissions.includes('bureau.audit.view') },
  { to: '/grants', label: 'nav.grants', when: (d) => d.permissions.includes('grant.viewOwn') },
  { to: '/bureau/grants', label: 'nav.bureau.grants', when: (d) => (['bureau.grants.review', 'bureau.grants.pay', 'bureau.budgets.edit'] as const).some((a) => d.permissions.includes(a)) },
  { to: '/bureau/policy', label: 'nav.bureau.policy', when: (d) => d.permissions.includes('bureau.policy.view') },
  { to: '/bureau/jobs', label: 'nav.bureau.jobs', when: (d) => d.permissions.includes('bureau.jobs.retry') },
  { to: '/bureau/users', label: 'nav.bureau.users', when: (d) => d.permissions.includes('bureau.users.manage') },
  { to: '/account/tokens', label: 'nav.account.tokens', when: (d) => !!d.viewer },
  { to: '/settings/notifications', label: 'nav.notificationSettings', when: (d) => !!d.viewer?.orgId },
];

function Header({ data }: { data: RootData | undefined }) {
  const t = useT();
  const pick = usePick();
  const location = useLocation();
  const viewer = data?.viewer;
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    // On a phone the menu is one row that scrolls sideways: bring the current page's link into it.
    const row = menu.current;
    const current = row?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!row || !current || row.scrollWidth <= row.clientWidth) return;
    row.scrollLeft += current.getBoundingClientRect().left - row.getBoundingClientRect().left - (row.clientWidth - current.offsetWidth) / 2;
  }, [location.pathname]);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div className="bar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('nav.menu')}>
          <ul className="nav" ref={menu}>
            {data &&
              NAV.filter((n) => n.when(data)).map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end={n.to === '/'}>
                    {typeof n.label === 'string' ? t(n.label) : pick(n.label)}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <div className="account">
          <Form method="post" action="/lang" className="inline">
            <input type="hidden" name="lang" value={data?.locale === 'en' ? 'zh' : 'en'} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" className="link-button" lang={data?.locale === 'en' ? 'zh' : 'en'}>
              {t('lang.switch')}
            </button>
          </Form>
          {viewer ? (
            <>
              {viewer.orgId ? (
                <Link to="/notifications" className="bell" data-testid="bell">
                  {t('nav.notifications')}
                  {(data?.unreadNotifications ?? 0) > 0 ? (
                    <span className="count-badge" aria-label={t('notif.unread', { count: data?.unreadNotifications ?? 0 })}>
                      {data?.unreadNotifications}
                    </span>
                  ) : null}
                </Link>
              ) : null}
              <span className="who">
                {viewer.name || viewer.email}
                {viewer.orgName ? ` · ${viewer.orgName}` : ` · ${t('role.bureau')}`}
              </span>
              <Form method="post" action="/logout" className="inline">
                <button type="submit" className="link-button">
                  {t('nav.logout')}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login">{t('nav.login')}</Link>
              <Link to="/signup">{t('nav.signup')}</Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const locale: Locale = data?.locale ?? 'zh';
  return (
    <html lang={locale === 'en' ? 'en' : 'zh-CN'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider locale={locale} messages={data?.messages ?? null}>
          <Header data={data} />
          <main id="main" tabIndex={-1}>
            {children}
          </main>
          <footer className="site-footer">
            <p>
              聊城市科学技术局 · 聊政字〔2020〕15号 · <Link to="/stats">{locale === 'en' ? 'Market statistics' : '技术市场统计'}</Link>
            </p>
          </footer>
        </I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    // Remix's own text for an unknown URL ("No route matches URL …") is for developers.
    isRouteErrorResponse(error) && typeof error.data === 'string' && error.data && !error.data.includes('No route matches')
      ? error.data
      : status === 404
        ? t('error.notFound')
        : t('error.generic');
  return (
    <section className="panel" aria-labelledby="error-title">
      <h1 id="error-title">
        {t('error.title')} ({status})
      </h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/">{t('error.back')}</Link>
      </p>
    </section>
  );
}
