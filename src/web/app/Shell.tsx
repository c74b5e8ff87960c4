import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ViewKey } from '../api/types.js';
import { Dialog } from '../components/common.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useI18n } from '../i18n/context.js';
import { ADMIN_SECTIONS, routeHref, viewHref, VIEWS } from '../lib/routes.js';
import { AdminPage } from '../pages/admin/AdminPage.js';
import { TicketListPage } from '../pages/TicketListPage.js';
import { TicketPage } from '../pages/TicketPage.js';
import { useRealtime, useRealtimeEvent } from '../realtime/realtime.js';
import { useAsync, useDebounced } from './hooks.js';
import { Link, navigate, useRoute } from './router.js';
import { useSession } from './session.js';
import { ShortcutProvider } from './shortcuts.js';

const SHORTCUT_LIST: Array<[string, 'next' | 'previous' | 'open' | 'reply' | 'send' | 'search' | 'back' | 'help' | 'close']> = [
  ['j', 'next'],
  ['k', 'previous'],
  ['Enter', 'open'],
  ['r', 'reply'],
  ['Ctrl + Enter', 'send'],
  ['/', 'search'],
  ['u', 'back'],
  ['?', 'help'],
  ['Esc', 'close'],
];

/** View counts for the left navigation, refreshed (debounced) on every realtime change. */
function useViewCounts() {
  const { ep } = useSession();
  const counts = useAsync(async (signal) => {
    const entries = await Promise.all(VIEWS.map(async (view) => [view, await ep.tickets.count(view, signal).catch(() => null)] as const));
    return Object.fromEntries(entries) as Record<ViewKey, number | null>;
  }, [ep]);
  const refresh = useDebounced(counts.reload, 800);
  useRealtimeEvent('ticket:created', refresh);
  useRealtimeEvent('ticket:updated', refresh);
  useRealtimeEvent('resync', refresh);
  // SLA "breaching soon" changes with time alone.
  useEffect(() => {
    const id = window.setInterval(counts.reload, 60_000);
    return () => window.clearInterval(id);
  }, [counts.reload]);
  return counts.data;
}

export function Shell() {
  const { t } = useI18n();
  const { user, isAdmin, signOut } = useSession();
  const { connected } = useRealtime();
  const route = useRoute();
  const counts = useViewCounts();
  const [help, setHelp] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(route.name === 'search' ? route.query : '');

  useEffect(() => {
    if (route.name === 'search') setQuery(route.query);
    setMenuOpen(false);
    // Move focus to the new page's heading so screen readers announce it (not on the first load).
    const h1 = document.querySelector<HTMLElement>('main [data-page-title]');
    if (h1 && document.activeElement === document.body) h1.focus({ preventScroll: true });
  }, [route.name, route.name === 'ticket' ? route.id : route.name === 'admin' ? route.section : route.name === 'view' ? route.view : '']); // eslint-disable-line react-hooks/exhaustive-deps

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    if (q) navigate(routeHref({ name: 'search', query: q }));
  };

  const activeView = route.name === 'view' ? route.view : null;
  const activeAdmin = route.name === 'admin' ? route.section : null;

  return (
    <ShortcutProvider
      global={{
        search: () => {
          search.current?.focus();
          search.current?.select();
        },
        help: () => setHelp(true),
      }}
    >
      <a className="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <button type="button" className="btn btn-icon menu-toggle" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen((o) => !o)}>
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">{t('nav.openMenu')}</span>
        </button>
        <Link className="brand" href={viewHref('mine')}>
          <span className="logo" aria-hidden="true">
            ◆
          </span>{' '}
          {t('app.brand')}
        </Link>
        <form className="search" role="search" onSubmit={submitSearch}>
          <label htmlFor="ticket-search" className="visually-hidden">
            {t('nav.search')}
          </label>
          <input ref={search} id="ticket-search" type="search" placeholder={t('nav.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        </form>
        <div className="topbar-end">
          <span className={`conn ${connected ? 'conn-on' : 'conn-off'}`} title={connected ? t('app.live') : t('app.offline')}>
            <span className="dot" aria-hidden="true" />
            <span className="conn-label">{connected ? t('app.live') : t('app.offline')}</span>
          </span>
          <LanguageSwitch />
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            <span aria-hidden="true">?</span>
            <span className="visually-hidden">{t('app.shortcuts')}</span>
          </button>
          <span className="whoami" title={user.email}>
            {t('app.signedInAs', { name: user.name })}
          </span>
          <button type="button" className="btn btn-small" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <div className="layout">
        <nav id="sidebar" className={`sidebar ${menuOpen ? 'sidebar-open' : ''}`} aria-label={t('nav.mainMenu')}>
          <h2 className="nav-heading">{t('nav.views')}</h2>
          <ul>
            {VIEWS.map((view) => (
              <li key={view}>
                <Link href={viewHref(view)} aria-current={activeView === view ? 'page' : undefined} data-view={view}>
                  <span>{t(`nav.${view}`)}</span>
                  {counts?.[view] != null ? (
                    <span className={`count ${view === 'sla_breaching' && counts[view]! > 0 ? 'count-alert' : ''}`} aria-label={t('nav.count', { count: counts[view]! })}>
                      {counts[view]}
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
          {isAdmin ? (
            <>
              <h2 className="nav-heading">{t('nav.admin')}</h2>
              <ul>
                {ADMIN_SECTIONS.map((section) => (
                  <li key={section}>
                    <Link href={routeHref({ name: 'admin', section })} aria-current={activeAdmin === section ? 'page' : undefined}>
                      {t(`admin.${section}`)}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          {route.name === 'view' ? <TicketListPage key={`view:${route.view}`} source={{ kind: 'view', view: route.view, filters: route.filters, page: route.page }} /> : null}
          {route.name === 'search' ? <TicketListPage key={`search:${route.query}`} source={{ kind: 'search', query: route.query }} /> : null}
          {route.name === 'ticket' ? <TicketPage key={route.id} id={route.id} /> : null}
          {route.name === 'admin' ? isAdmin ? <AdminPage section={route.section} /> : <p className="notice notice-error">{t('app.forbidden')}</p> : null}
          {route.name === 'not_found' ? <p className="notice notice-info">{t('app.notFound')}</p> : null}
        </main>
      </div>
      <Dialog open={help} title={t('shortcuts.title')} onClose={() => setHelp(false)}>
        <dl className="shortcut-list">
          {SHORTCUT_LIST.map(([key, action]) => (
            <div key={action}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{t(`shortcuts.${action}`)}</dd>
            </div>
          ))}
        </dl>
      </Dialog>
    </ShortcutProvider>
  );
}
