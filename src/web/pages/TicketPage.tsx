import { useEffect, useRef, useState } from 'react';
import type { Ticket, TicketDetail, TicketUpdate } from '../api/types.js';
import { useAsync, useDebounced } from '../app/hooks.js';
import { Link, navigate } from '../app/router.js';
import { useDirectory, useSession } from '../app/session.js';
import { useShortcuts } from '../app/shortcuts.js';
import { useToast } from '../app/toast.js';
import { ErrorNotice, Loading, PriorityBadge, SlaTimer, StatusBadge, Time } from '../components/common.js';
import { Composer, type ComposerHandle } from '../components/ticket/Composer.js';
import { Conversation } from '../components/ticket/Conversation.js';
import { MacroPicker } from '../components/ticket/MacroPicker.js';
import { MergeDialog } from '../components/ticket/MergeDialog.js';
import { FieldsPanel, PropertiesPanel, RequesterPanel } from '../components/ticket/SidePanel.js';
import { useI18n } from '../i18n/context.js';
import { joinList } from '../i18n/translate.js';
import { routeHref } from '../lib/routes.js';
import { useRealtime, useRealtimeEvent } from '../realtime/realtime.js';
import { backToListHref } from './TicketListPage.js';
import { Icon } from '../components/Icon.js';

export function TicketPage({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const { ep, user } = useSession();
  const dir = useDirectory();
  const toast = useToast();
  const realtime = useRealtime();
  const detail = useAsync((signal) => ep.tickets.get(id, signal), [id, ep, locale]);
  const [viewers, setViewers] = useState<Array<{ id: string; name: string }>>([]);
  const [macroOpen, setMacroOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const [changeError, setChangeError] = useState<unknown>(null);
  const [liveNotice, setLiveNotice] = useState(false);
  const composer = useRef<ComposerHandle>(null);
  const refresh = useDebounced(detail.reload, 300);

  // Presence: tell the server this ticket is open here (collision notice for colleagues).
  useEffect(() => {
    realtime.viewTicket(id);
    return () => realtime.leaveTicket(id);
  }, [id, realtime.viewTicket, realtime.leaveTicket]); // eslint-disable-line react-hooks/exhaustive-deps

  useRealtimeEvent('ticket:viewers', (payload) => {
    if (Number(payload.id) === id) setViewers(payload.viewers.filter((v) => v.id !== user.id));
  });
  useRealtimeEvent('comment:created', (payload) => {
    if (Number(payload.ticket_id) !== id) return;
    detail.setData((prev) => (prev && !prev.comments.some((c) => c.id === payload.comment.id) ? { ...prev, comments: [...prev.comments, payload.comment] } : prev!));
    refresh();
  });
  useRealtimeEvent('ticket:updated', (payload) => {
    if (payload.ticket.id !== id) return;
    detail.setData((prev) => (prev ? { ...prev, ticket: { ...prev.ticket, ...payload.ticket } } : prev!));
    setLiveNotice(true);
    window.setTimeout(() => setLiveNotice(false), 3000);
    refresh();
  });
  useRealtimeEvent('resync', refresh);

  useShortcuts({ back: () => navigate(backToListHref()) });

  const mergeTicket = (updated: Ticket) => detail.setData((prev) => (prev ? { ...prev, ticket: { ...prev.ticket, ...updated } } : prev!));

  const change = async (update: TicketUpdate) => {
    setChanging(true);
    setChangeError(null);
    try {
      const result = await ep.tickets.update(id, update);
      mergeTicket(result.ticket);
      toast(t('ticket.changeSaved'));
    } catch (err) {
      setChangeError(err);
    } finally {
      setChanging(false);
    }
  };

  const take = async () => {
    setChanging(true);
    setChangeError(null);
    try {
      const result = await ep.tickets.take(id);
      mergeTicket(result.ticket);
      toast(t('ticket.taken'));
    } catch (err) {
      setChangeError(err);
    } finally {
      setChanging(false);
    }
  };

  if (detail.error && !detail.data) {
    return (
      <section className="ticket-page">
        <Link href={backToListHref()} className="back-link">
          ← {t('ticket.backToList')}
        </Link>
        <ErrorNotice error={detail.error} onRetry={detail.reload} />
      </section>
    );
  }
  if (!detail.data) return <Loading label={t('ticket.loading')} />;

  const data: TicketDetail = detail.data;
  const ticket = data.ticket;
  const viewerNames = viewers.map((v) => v.name);

  return (
    <section className="ticket-page" aria-labelledby="ticket-title">
      <div className="ticket-head">
        <Link href={backToListHref()} className="back-link" aria-keyshortcuts="u">
          ← {t('ticket.backToList')}
        </Link>
        <h1 id="ticket-title" tabIndex={-1} data-page-title>
          <span className="ticket-number">#{ticket.id}</span> {ticket.subject}
        </h1>
        <div className="ticket-meta">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          <SlaTimer ticket={ticket} long />
          <span className="muted small">
            {t('ticket.created', { when: '' })}
            <Time iso={ticket.created_at} />
          </span>
          <span className="muted small">{t('ticket.channel', { channel: ticket.channel })}</span>
          <span className="muted small">{t('ticket.locale', { locale: ticket.locale })}</span>
        </div>
        {viewerNames.length ? (
          <p className="notice notice-warning collision" role="status" data-collision>
            <Icon name="eye" size={16} />{' '}
            {viewerNames.length === 1 ? t('ticket.viewersOne', { names: viewerNames[0]! }) : t('ticket.viewersMany', { names: joinList(viewerNames, locale) })}
          </p>
        ) : null}
        {data.merged_into ? (
          <p className="notice notice-info">
            {t('ticket.mergedInto', { id: data.merged_into })} <Link href={routeHref({ name: 'ticket', id: data.merged_into })}>#{data.merged_into}</Link>
          </p>
        ) : null}
        <p className="visually-hidden" role="status">
          {liveNotice ? t('ticket.updatedLive') : ''}
        </p>
      </div>
      <div className="ticket-grid">
        <div className="ticket-main">
          <Conversation comments={data.comments} events={data.events ?? []} requesterId={data.requester.id} />
          <Composer
            ref={composer}
            ticketId={ticket.id}
            status={ticket.status}
            disabled={ticket.status === 'closed'}
            onOpenMacros={() => setMacroOpen(true)}
            onSent={(result) => {
              mergeTicket(result.ticket);
              toast(t('composer.sent'));
              detail.reload();
            }}
          />
        </div>
        <aside className="ticket-side" aria-label={t('ticket.properties')}>
          <PropertiesPanel ticket={ticket} onChange={(u) => void change(u)} onTake={() => void take()} onMerge={() => setMergeOpen(true)} busy={changing} error={changeError} />
          <RequesterPanel requester={data.requester} currentId={ticket.id} />
          <FieldsPanel fields={ticket.fields ?? []} requestType={dir.requestTypeName(ticket.request_type)} />
        </aside>
      </div>
      <MacroPicker
        open={macroOpen}
        ticket={ticket}
        onClose={() => setMacroOpen(false)}
        onApply={(title, body, actions) => {
          setMacroOpen(false);
          composer.current?.applyMacro(title, body, actions);
          toast(t('composer.macroApplied', { title }), 'info');
        }}
      />
      <MergeDialog
        open={mergeOpen}
        ticketId={ticket.id}
        onClose={() => setMergeOpen(false)}
        onMerged={(target) => {
          setMergeOpen(false);
          toast(t('ticket.mergedDone', { id: target.id }));
          navigate(routeHref({ name: 'ticket', id: target.id }));
        }}
      />
    </section>
  );
}
