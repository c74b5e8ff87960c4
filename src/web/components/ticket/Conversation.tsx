import { useState } from 'react';
import type { Attachment, Comment, TicketEvent } from '../../api/types.js';
import { useDirectory } from '../../app/session.js';
import { useI18n } from '../../i18n/context.js';
import { joinList } from '../../i18n/translate.js';
import { isImageType } from '../../lib/attachments.js';
import { formatBytes, formatDateTime, sameOriginPath } from '../../lib/format.js';
import { Dialog } from '../common.js';
import { Icon } from '../Icon.js';

/**
 * A file on a message: images as a thumbnail that opens a larger preview in the console, other files
 * as a download link (the server always sends files as downloads, never rendered in our origin).
 */
function AttachmentItem({ attachment }: { attachment: Attachment }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const href = sameOriginPath(attachment.content_url);
  const image = isImageType(attachment.content_type);
  const size = <span className="muted small"> ({formatBytes(attachment.size, locale)})</span>;
  if (!image) {
    return (
      <li className="attachment" data-attachment-id={attachment.id}>
        <a href={href} download={attachment.file_name}>
          <Icon name="clip" size={14} />
          <span className="file-name">{attachment.file_name}</span>
          {size}
        </a>
      </li>
    );
  }
  return (
    <li className="attachment attachment-image" data-attachment-id={attachment.id}>
      <button type="button" className="attachment-thumb" onClick={() => setOpen(true)} aria-label={t('ticket.openPreview', { name: attachment.file_name })}>
        <img src={href} alt="" loading="lazy" width={120} height={90} />
        <span className="file-name">{attachment.file_name}</span>
        {size}
      </button>
      <Dialog open={open} title={t('ticket.previewTitle', { name: attachment.file_name })} onClose={() => setOpen(false)} wide>
        <img className="attachment-preview" src={href} alt={attachment.file_name} />
        <div className="dialog-actions">
          <a className="btn" href={href} download={attachment.file_name}>
            {t('ticket.download')}
          </a>
          <button type="button" className="btn btn-primary" onClick={() => setOpen(false)} data-autofocus>
            {t('app.close')}
          </button>
        </div>
      </Dialog>
    </li>
  );
}

/** One line of the change history: "Zhang Min changed Status: New → Open". */
function EventLine({ event }: { event: TicketEvent }) {
  const { t, tx, locale } = useI18n();
  const dir = useDirectory();
  const fields: Record<string, string> = { status: t('ticket.status'), priority: t('ticket.priority'), group_id: t('ticket.group'), assignee_id: t('ticket.assignee') };
  const value = (v: string | null) => {
    if (v === null || v === '') return event.field === 'assignee_id' ? t('ticket.unassigned') : '—';
    if (event.field === 'status') return tx(`status.${v}`, v);
    if (event.field === 'priority') return tx(`priority.${v}`, v);
    if (event.field === 'group_id') return dir.groupName(v);
    if (event.field === 'assignee_id') return dir.userName(v);
    return v;
  };
  return (
    <li className="event" data-event-field={event.field}>
      <span className="event-dot" aria-hidden="true" />
      <span>{t('ticket.event', { actor: event.actor?.name || t('ticket.routing'), field: fields[event.field] ?? event.field, from: value(event.from), to: value(event.to) })}</span>
      <time className="muted" dateTime={event.created_at}>
        {formatDateTime(event.created_at, locale)}
      </time>
    </li>
  );
}

type Entry = { kind: 'comment'; at: string; comment: Comment } | { kind: 'event'; at: string; event: TicketEvent };

/**
 * Public replies, internal notes and the change history in time order; notes are visibly different
 * and labelled as such, changes are one quiet line each.
 */
export function Conversation({ comments, events = [], requesterId }: { comments: Comment[]; events?: TicketEvent[]; requesterId: string }) {
  const { t, tx, locale } = useI18n();
  const entries: Entry[] = [
    ...comments.map((comment) => ({ kind: 'comment' as const, at: comment.created_at, comment })),
    ...events.map((event) => ({ kind: 'event' as const, at: event.created_at, event })),
  ];
  // Stable: at the same instant a message comes before the changes sent with it.
  entries.sort((a, b) => a.at.localeCompare(b.at) || (a.kind === b.kind ? 0 : a.kind === 'comment' ? -1 : 1));
  return (
    <ol className="conversation" aria-label={t('ticket.conversation')}>
      {entries.map((entry) => {
        if (entry.kind === 'event') return <EventLine key={`e-${entry.event.id}`} event={entry.event} />;
        const comment = entry.comment;
        const fromRequester = comment.author.role === 'requester' || comment.author.role === 'end-user' || comment.author.id === requesterId;
        const role = fromRequester ? t('ticket.customer') : comment.author.role === 'system' ? t('ticket.system') : t('ticket.agent');
        const kinds = [...new Set((comment.redactions ?? []).map((k) => tx(`redaction.${k}`, k)))];
        return (
          <li
            key={comment.id}
            className={`comment ${comment.public ? 'comment-public' : 'comment-internal'} ${fromRequester ? 'comment-requester' : 'comment-staff'}`}
            data-comment-id={comment.id}
            data-public={comment.public ? 'true' : 'false'}
          >
            <article aria-label={`${comment.author.name || role} — ${comment.public ? t('ticket.publicReply') : t('ticket.internalNote')}`}>
              <header className="comment-header">
                <span className="avatar" aria-hidden="true">
                  {(comment.author.name || role).slice(0, 1).toUpperCase()}
                </span>
                <strong className="author">{comment.author.name || role}</strong>
                <span className="role-tag">{role}</span>
                {!comment.public ? <span className="badge badge-note">{t('ticket.internalNote')}</span> : null}
                <time className="muted small" dateTime={comment.created_at}>
                  {formatDateTime(comment.created_at, locale)}
                </time>
              </header>
              <div className="comment-body">{comment.body}</div>
              {kinds.length ? (
                <p className="redaction-note small">
                  <Icon name="shield" size={14} />{' '}
                  {t('ticket.redactedInComment', { kinds: joinList(kinds, locale) })}
                </p>
              ) : null}
              {comment.attachments.length ? (
                <ul className="attachments" aria-label={t('ticket.attachments')}>
                  {comment.attachments.map((a) => (
                    <AttachmentItem key={a.id} attachment={a} />
                  ))}
                </ul>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
