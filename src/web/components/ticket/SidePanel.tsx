import { useState } from 'react';
import { TICKET_PRIORITIES, TICKET_STATUSES, type FieldValidation, type RequesterContext, type Ticket, type TicketField, type TicketUpdate } from '../../api/types.js';
import { useErrorText } from '../../app/hooks.js';
import { Link } from '../../app/router.js';
import { useDirectory, useSession } from '../../app/session.js';
import { useI18n } from '../../i18n/context.js';
import { isHttpUrl } from '../../lib/format.js';
import { routeHref } from '../../lib/routes.js';
import { StatusBadge } from '../common.js';
import { Icon } from '../Icon.js';

/** Status, priority, group and assignee controls; each change is saved at once. */
export function PropertiesPanel({
  ticket,
  onChange,
  onTake,
  onMerge,
  busy,
  error,
}: {
  ticket: Ticket;
  onChange: (update: TicketUpdate) => void;
  onTake: () => void;
  onMerge: () => void;
  busy: boolean;
  error: unknown;
}) {
  const { t, tx } = useI18n();
  const { user } = useSession();
  const dir = useDirectory();
  const errorText = useErrorText();
  const mine = ticket.assignee_id === user.id;
  const closed = ticket.status === 'closed';
  const assignees = dir.staff.some((s) => s.id === ticket.assignee_id) || !ticket.assignee_id ? dir.staff : [...dir.staff, { id: ticket.assignee_id, name: dir.userName(ticket.assignee_id), email: '', role: 'agent' as const, locale: '', group_ids: [] }];
  return (
    <section className="panel" aria-labelledby="props-title">
      <h2 id="props-title" className="panel-title">
        {t('ticket.properties')}
      </h2>
      <div className="take-row">
        {mine ? (
          <span className="badge badge-mine">{t('ticket.assignedToYou')}</span>
        ) : (
          <button type="button" className="btn btn-primary btn-block" onClick={onTake} disabled={busy || closed} data-action="take">
            {busy ? t('ticket.taking') : t('ticket.take')}
          </button>
        )}
      </div>
      <div className="props">
        <label>
          <span>{t('ticket.status')}</span>
          <select name="status" value={ticket.status} disabled={busy || closed} onChange={(e) => onChange({ status: e.target.value as Ticket['status'] })}>
            {TICKET_STATUSES.filter((s) => s !== 'closed' || ticket.status === 'closed').map((s) => (
              <option key={s} value={s} disabled={s === 'new' && ticket.status !== 'new'}>
                {tx(`status.${s}`, s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('ticket.priority')}</span>
          <select name="priority" value={ticket.priority} disabled={busy || closed} onChange={(e) => onChange({ priority: e.target.value as Ticket['priority'] })}>
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {tx(`priority.${p}`, p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('ticket.group')}</span>
          <select name="group" value={ticket.group_id ?? ''} disabled={busy || closed} onChange={(e) => onChange({ group_id: e.target.value || null })}>
            <option value="">{t('ticket.noGroup')}</option>
            {dir.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {dir.groupName(g.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('ticket.assignee')}</span>
          <select name="assignee" value={ticket.assignee_id ?? ''} disabled={busy || closed} onChange={(e) => onChange({ assignee_id: e.target.value || null })}>
            <option value="">{t('ticket.unassigned')}</option>
            {assignees.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id === user.id ? `${s.name} (${t('list.me')})` : s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? (
        <p className="notice notice-error small" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      <button type="button" className="btn btn-small btn-block" onClick={onMerge} disabled={busy || closed} data-action="merge">
        {t('ticket.merge')}
      </button>
    </section>
  );
}

export function RequesterPanel({ requester, currentId }: { requester: RequesterContext; currentId: number }) {
  const { t } = useI18n();
  const others = requester.other_tickets.filter((o) => o.id !== currentId);
  return (
    <section className="panel" aria-labelledby="requester-title">
      <h2 id="requester-title" className="panel-title">
        {t('ticket.requester')}
      </h2>
      <p className="requester-name">{requester.name || requester.email}</p>
      <dl className="facts">
        <dt>{t('ticket.email')}</dt>
        <dd>
          <span className="break">{requester.email}</span>{' '}
          <span className={`badge ${requester.email_verified ? 'badge-ok' : 'badge-warn'}`}>{requester.email_verified ? t('ticket.verified') : t('ticket.unverified')}</span>
        </dd>
        <dt>{t('ticket.accountId')}</dt>
        <dd>{requester.account_id ? <code>{requester.account_id}</code> : <span className="muted">{t('ticket.noAccountId')}</span>}</dd>
      </dl>
      <h3 className="panel-subtitle">{t('ticket.otherTickets')}</h3>
      {others.length ? (
        <ul className="other-tickets">
          {others.map((o) => (
            <li key={o.id}>
              <Link href={routeHref({ name: 'ticket', id: o.id })}>
                #{o.id} {o.subject}
              </Link>{' '}
              <StatusBadge status={o.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('ticket.noOtherTickets')}</p>
      )}
    </section>
  );
}

/** Explorer links arrive as a list of URLs or a { name: url } map. */
function explorerLinks(validation: FieldValidation): Array<{ name: string | null; url: string }> {
  const urls = validation.explorer_urls;
  if (!urls) return [];
  const list = Array.isArray(urls) ? urls.map((url) => ({ name: null, url })) : Object.entries(urls).map(([name, url]) => ({ name, url }));
  return list.filter((l) => typeof l.url === 'string' && isHttpUrl(l.url));
}

/** The first explorer (the field's own network) is shown; the others fold away. */
function ExplorerLinks({ links }: { links: Array<{ name: string | null; url: string }> }) {
  const { t } = useI18n();
  const link = (l: { name: string | null; url: string }) => (
    <a key={l.url} className="explorer-link small" href={l.url} target="_blank" rel="noopener noreferrer nofollow">
      {t('ticket.explorerNamed', { name: l.name ?? hostOf(l.url) })} ↗
    </a>
  );
  if (links.length === 0) return null;
  return (
    <>
      {link(links[0]!)}
      {links.length > 1 ? (
        <details className="more-explorers small">
          <summary>{t('ticket.moreExplorers', { count: links.length - 1 })}</summary>
          {links.slice(1).map(link)}
        </details>
      ) : null}
    </>
  );
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

export function FieldsPanel({ fields, requestType }: { fields: TicketField[]; requestType: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<string | null>(null);
  const shown = fields.filter((f) => f.value !== '');
  return (
    <section className="panel" aria-labelledby="fields-title">
      <h2 id="fields-title" className="panel-title">
        {t('ticket.fields')}
      </h2>
      {requestType ? <p className="muted small">{t('ticket.requestType', { type: requestType })}</p> : null}
      {shown.length === 0 ? <p className="muted small">{t('ticket.noFields')}</p> : null}
      <dl className="fields">
        {shown.map((field) => {
          const v = field.validation;
          return (
            <div key={field.key} className="field-row" data-field={field.key}>
              <dt>{field.label || field.key}</dt>
              <dd>
                <span className="field-value">
                  {field.display_value ? (
                    <span className="break">
                      {field.display_value} <code className="muted small">{field.value}</code>
                    </span>
                  ) : (
                    <code className="break">{field.value}</code>
                  )}
                  <button
                    type="button"
                    className="btn btn-icon btn-tiny"
                    aria-label={`${t('app.copy')} ${field.label}`}
                    onClick={() => {
                      void navigator.clipboard?.writeText(field.value).then(() => {
                        setCopied(field.key);
                        window.setTimeout(() => setCopied(null), 1500);
                      });
                    }}
                  >
                    <Icon name={copied === field.key ? 'check' : 'copy'} size={14} />
                  </button>
                </span>
                {v ? (
                  <span className={`validation ${v.valid ? 'validation-ok' : 'validation-bad'}`} data-valid={v.valid ? 'true' : 'false'}>
                    <span aria-hidden="true">{v.valid ? '✓ ' : '✗ '}</span>
                    {v.valid ? t('ticket.valid') : t('ticket.invalid')}
                    {v.network ? ` · ${t('ticket.network', { network: v.network })}` : ''}
                    {v.message ? ` · ${v.message}` : ''}
                  </span>
                ) : null}
                {v ? <ExplorerLinks links={explorerLinks(v)} /> : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
