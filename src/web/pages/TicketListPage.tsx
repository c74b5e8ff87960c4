import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TicketFilters } from '../api/endpoints.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, type Ticket, type ViewKey } from '../api/types.js';
import { useAsync, useDebounced, useNow } from '../app/hooks.js';
import { Link, navigate } from '../app/router.js';
import { useDirectory, useSession } from '../app/session.js';
import { useShortcuts } from '../app/shortcuts.js';
import { ErrorNotice, Loading, PageHeader, PriorityBadge, SlaTimer, StatusBadge } from '../components/common.js';
import { useI18n } from '../i18n/context.js';
import { formatDateTime, formatRelative } from '../lib/format.js';
import { routeHref } from '../lib/routes.js';
import { useRealtimeEvent } from '../realtime/realtime.js';

export type ListSource = { kind: 'view'; view: ViewKey; filters: TicketFilters; page: number } | { kind: 'search'; query: string };

const PER_PAGE = 50;

/** Where "back to the list" (u) returns to: the list the agent came from. */
let lastListHref: string | null = null;
export const backToListHref = () => lastListHref ?? routeHref({ name: 'view', view: 'mine', filters: {}, page: 1 });

/**
 * Local calendar day → the instant it starts, for the API's date filters; `created_before` is
 * exclusive, so "until the 5th" is sent as the start of the 6th.
 */
function dayBoundary(day: string | undefined, nextDay: boolean): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (nextDay) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export function TicketListPage({ source }: { source: ListSource }) {
  const { t, locale } = useI18n();
  const { ep, user } = useSession();
  const dir = useDirectory();
  const [selected, setSelected] = useState(0);
  const [flash, setFlash] = useState<Set<number>>(new Set());
  const tableRef = useRef<HTMLTableElement>(null);
  const sourceKey = JSON.stringify(source);
  useEffect(() => {
    lastListHref = window.location.pathname + window.location.search;
  }, [sourceKey]);

  const list = useAsync(
    async (signal) => {
      if (source.kind === 'search') {
        if (!source.query.trim()) return { tickets: [] as Ticket[], count: 0 };
        const r = await ep.tickets.search(source.query, signal);
        return { tickets: r.results, count: r.count };
      }
      const f = source.filters;
      const filters: TicketFilters = { ...f };
      const after = dayBoundary(f.created_after, false);
      const before = dayBoundary(f.created_before, true);
      if (after) filters.created_after = after;
      if (before) filters.created_before = before;
      const r = await ep.tickets.list(source.view, filters, source.page, PER_PAGE, signal);
      return { tickets: r.tickets, count: r.count };
    },
    [sourceKey, ep],
  );
  const tickets = list.data?.tickets ?? [];
  const reload = useDebounced(list.reload, 500);

  const markFlash = (id: number) => {
    setFlash((s) => new Set(s).add(id));
    window.setTimeout(() => setFlash((s) => {
      const n = new Set(s);
      n.delete(id);
      return n;
    }), 4000);
  };
  useRealtimeEvent('ticket:created', ({ ticket }) => {
    markFlash(ticket.id);
    reload();
  });
  useRealtimeEvent('ticket:updated', ({ ticket }) => {
    markFlash(ticket.id);
    // Patch the row at once; the reload then fixes membership (a taken ticket leaves "unassigned").
    list.setData((prev) => (prev ? { ...prev, tickets: prev.tickets.map((x) => (x.id === ticket.id ? { ...x, ...ticket } : x)) } : prev!));
    reload();
  });
  useRealtimeEvent('comment:created', ({ ticket_id }) => {
    if (tickets.some((x) => x.id === ticket_id)) {
      markFlash(ticket_id);
      reload();
    }
  });
  useRealtimeEvent('resync', reload);

  useEffect(() => {
    setSelected((s) => Math.min(s, Math.max(0, tickets.length - 1)));
  }, [tickets.length]);

  const focusRow = (index: number) => {
    const row = tableRef.current?.querySelectorAll<HTMLElement>('tbody tr')[index];
    row?.focus({ preventScroll: false });
    row?.scrollIntoView({ block: 'nearest' });
  };
  const move = (delta: number) => {
    if (!tickets.length) return;
    const next = Math.max(0, Math.min(tickets.length - 1, selected + delta));
    setSelected(next);
    focusRow(next);
  };
  const open = (index = selected) => {
    const ticket = tickets[index];
    if (ticket) navigate(routeHref({ name: 'ticket', id: ticket.id }));
  };
  useShortcuts({ next: () => move(1), previous: () => move(-1), open: () => open() });

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      open(index);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    }
  };

  const setFilters = (patch: Partial<TicketFilters>) => {
    if (source.kind !== 'view') return;
    const filters = { ...source.filters, ...patch };
    for (const k of Object.keys(filters) as Array<keyof TicketFilters>) if (!filters[k]) delete filters[k];
    navigate(routeHref({ name: 'view', view: source.view, filters, page: 1 }), { replace: true });
  };

  const title = source.kind === 'search' ? t('list.searchTitle', { query: source.query }) : t(`nav.${source.view}`);
  const filtered = source.kind === 'view' && Object.keys(source.filters).length > 0;
  const pages = Math.max(1, Math.ceil((list.data?.count ?? 0) / PER_PAGE));

  return (
    <section className="list-page" aria-labelledby="list-title">
      <PageHeader
        title={title}
        actions={
          <>
            {list.data ? <span className="muted">{list.data.count === 1 ? t('list.countOne') : t('list.count', { count: list.data.count })}</span> : null}
            <button type="button" className="btn btn-small" onClick={list.reload}>
              {t('app.refresh')}
            </button>
          </>
        }
      />
      <span id="list-title" className="visually-hidden">
        {title}
      </span>
      {source.kind === 'view' ? <FilterBar filters={source.filters} onChange={setFilters} /> : null}
      {source.kind === 'search' && !source.query.trim() ? <p className="muted">{t('list.searchPrompt')}</p> : null}
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && tickets.length === 0 ? (
        <p className="empty">{source.kind === 'search' ? (source.query.trim() ? t('list.searchEmpty', { query: source.query }) : null) : filtered ? t('list.emptyFiltered') : t('list.empty')}</p>
      ) : null}
      {tickets.length > 0 ? (
        <div className="table-wrap">
          <table ref={tableRef} className="tickets" role="grid" aria-readonly="true" aria-describedby="list-hint">
            <caption className="visually-hidden">{t('list.caption', { view: title })}</caption>
            <thead>
              <tr>
                <th scope="col" className="col-priority">
                  {t('list.priority')}
                </th>
                <th scope="col" className="col-id">
                  {t('list.id')}
                </th>
                <th scope="col">{t('list.subject')}</th>
                <th scope="col" className="col-requester">
                  {t('list.requester')}
                </th>
                <th scope="col">{t('list.status')}</th>
                <th scope="col" className="col-group">
                  {t('list.group')}
                </th>
                <th scope="col" className="col-assignee">
                  {t('list.assignee')}
                </th>
                <th scope="col">{t('list.sla')}</th>
                <th scope="col" className="col-updated">
                  {t('list.updated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket, index) => (
                <TicketRow
                  key={ticket.id}
                  ticket={ticket}
                  selected={index === selected}
                  flash={flash.has(ticket.id)}
                  onSelect={() => setSelected(index)}
                  onKeyDown={(e) => onRowKey(e, index)}
                  assignee={ticket.assignee_id ? (ticket.assignee_id === user.id ? t('list.me') : dir.userName(ticket.assignee_id)) : ''}
                  group={dir.groupName(ticket.group_id)}
                  locale={locale}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p id="list-hint" className="hint">
        {t('list.hint')}
      </p>
      {source.kind === 'view' && pages > 1 ? (
        <nav className="pager" aria-label={t('app.pageOf', { page: source.page, pages })}>
          <Link className="btn btn-small" aria-disabled={source.page <= 1} href={routeHref({ name: 'view', view: source.view, filters: source.filters, page: Math.max(1, source.page - 1) })}>
            {t('app.previous')}
          </Link>
          <span>{t('app.pageOf', { page: source.page, pages })}</span>
          <Link className="btn btn-small" aria-disabled={source.page >= pages} href={routeHref({ name: 'view', view: source.view, filters: source.filters, page: Math.min(pages, source.page + 1) })}>
            {t('app.next')}
          </Link>
        </nav>
      ) : null}
    </section>
  );
}

function TicketRow({
  ticket,
  selected,
  flash,
  onSelect,
  onKeyDown,
  assignee,
  group,
  locale,
}: {
  ticket: Ticket;
  selected: boolean;
  flash: boolean;
  onSelect: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => void;
  assignee: string;
  group: string;
  locale: 'en-us' | 'zh-cn';
}) {
  const { t } = useI18n();
  const now = useNow(30_000);
  return (
    <tr
      tabIndex={selected ? 0 : -1}
      aria-selected={selected}
      className={`${selected ? 'selected' : ''} ${flash ? 'flash' : ''}`}
      data-ticket-id={ticket.id}
      onFocus={onSelect}
      onClick={onSelect}
      onKeyDown={onKeyDown}
    >
      <td className="col-priority">
        <PriorityBadge priority={ticket.priority} />
      </td>
      <td className="col-id">#{ticket.id}</td>
      <td className="col-subject">
        <Link href={routeHref({ name: 'ticket', id: ticket.id })} tabIndex={-1}>
          {ticket.subject}
        </Link>
      </td>
      <td className="col-requester" title={ticket.requester.email}>
        {ticket.requester.name || ticket.requester.email}
      </td>
      <td>
        <StatusBadge status={ticket.status} />
      </td>
      <td className="col-group">{group}</td>
      <td className="col-assignee">{assignee || <span className="muted">{t('list.unassigned')}</span>}</td>
      <td>
        <SlaTimer ticket={ticket} />
      </td>
      <td className="col-updated">
        <time dateTime={ticket.updated_at} title={formatDateTime(ticket.updated_at, locale)}>
          {formatRelative(ticket.updated_at, now, locale)}
        </time>
      </td>
    </tr>
  );
}

function FilterBar({ filters, onChange }: { filters: TicketFilters; onChange: (patch: Partial<TicketFilters>) => void }) {
  const { t, tx } = useI18n();
  const dir = useDirectory();
  const [requester, setRequester] = useState(filters.requester ?? '');
  useEffect(() => setRequester(filters.requester ?? ''), [filters.requester]);
  const any = Object.keys(filters).length > 0;
  return (
    <form
      className="filters"
      aria-label={t('list.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ requester: requester.trim() });
      }}
    >
      <label>
        <span>{t('list.status')}</span>
        <select value={filters.status ?? ''} onChange={(e) => onChange({ status: e.target.value })}>
          <option value="">{t('app.any')}</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {tx(`status.${s}`, s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('list.priority')}</span>
        <select value={filters.priority ?? ''} onChange={(e) => onChange({ priority: e.target.value })}>
          <option value="">{t('app.any')}</option>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {tx(`priority.${p}`, p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('list.requestType')}</span>
        <select value={filters.request_type ?? ''} onChange={(e) => onChange({ request_type: e.target.value })}>
          <option value="">{t('app.any')}</option>
          {dir.requestTypes.map((r) => (
            <option key={r.key} value={r.key}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('list.group')}</span>
        <select value={filters.group_id ?? ''} onChange={(e) => onChange({ group_id: e.target.value })}>
          <option value="">{t('app.any')}</option>
          {dir.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {dir.groupName(g.id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('list.requester')}</span>
        <input type="search" placeholder={t('list.requesterFilter')} value={requester} onChange={(e) => setRequester(e.target.value)} onBlur={() => requester.trim() !== (filters.requester ?? '') && onChange({ requester: requester.trim() })} />
      </label>
      <label>
        <span>{t('list.createdAfter')}</span>
        <input type="date" value={filters.created_after ?? ''} onChange={(e) => onChange({ created_after: e.target.value })} />
      </label>
      <label>
        <span>{t('list.createdBefore')}</span>
        <input type="date" value={filters.created_before ?? ''} onChange={(e) => onChange({ created_before: e.target.value })} />
      </label>
      {any ? (
        <button
          type="button"
          className="btn btn-small btn-link"
          onClick={() => onChange({ status: '', priority: '', request_type: '', group_id: '', requester: '', created_after: '', created_before: '' })}
        >
          {t('list.clearFilters')}
        </button>
      ) : null}
    </form>
  );
}
