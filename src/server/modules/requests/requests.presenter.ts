import type { TicketTable } from '../../db/schema.js';
import type { Locale } from '../../../shared/locales.js';
import type { RequestTypeDefinition } from '../../../shared/request-forms.js';
import type { CommentRow } from './requests.queries.js';
import { escapeHtml } from '../helpcenter/html.js';

/** Zendesk "request" shape; our ticket number is the request id. */
export function presentRequest(publicUrl: string, ticket: TicketTable, type: RequestTypeDefinition | undefined, firstComment?: string) {
  const stored = JSON.parse(ticket.fields) as { values: Record<string, string>; facts?: Record<string, unknown> };
  return {
    id: ticket.number,
    url: `${publicUrl}/api/v2/requests/${ticket.number}`,
    html_url: `${publicUrl}/hc/${ticket.locale}/requests/${ticket.number}`,
    subject: ticket.subject,
    ...(firstComment !== undefined ? { description: firstComment } : {}),
    status: ticket.status === 'hold' ? 'hold' : ticket.status,
    priority: ticket.priority,
    type: 'question' as const,
    request_type: type?.key ?? null,
    ticket_form_id: type?.key ?? null,
    requester_id: ticket.requester_id,
    assignee_id: ticket.assignee_id,
    group_id: ticket.group_id,
    organization_id: null,
    via: { channel: ticket.channel },
    custom_fields: Object.entries(stored.values).map(([id, value]) => ({ id, value })),
    collaborator_ids: [] as string[],
    email_cc_ids: [] as string[],
    can_be_solved_by_me: ticket.status !== 'solved' && ticket.status !== 'closed',
    solved: ticket.status === 'solved' || ticket.status === 'closed',
    satisfaction_rating: ticket.satisfaction_rating ? { score: ticket.satisfaction_rating, comment: ticket.satisfaction_comment } : null,
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
  };
}

export function presentComment(publicUrl: string, ticket: TicketTable, comment: CommentRow, attachments: Array<{ id: string; filename: string; content_type: string; size: number }>) {
  return {
    id: comment.id,
    type: 'Comment' as const,
    request_id: ticket.number,
    body: comment.body,
    plain_body: comment.body,
    html_body: `<p>${escapeHtml(comment.body).replace(/\n/g, '<br>')}</p>`,
    public: comment.public === 1,
    author_id: comment.author_id,
    author_role: comment.author_role,
    author_name: comment.author_name ?? '',
    redactions: (JSON.parse(comment.redactions) as Array<{ kind: string }>).map((r) => r.kind),
    attachments: attachments.map((a) => ({
      id: a.id,
      file_name: a.filename,
      content_type: a.content_type,
      size: a.size,
      content_url: `${publicUrl}/api/v2/attachments/${a.id}/content`,
    })),
    hash: comment.hash,
    created_at: comment.created_at,
  };
}

export function presentRequestType(def: RequestTypeDefinition, locale: Locale) {
  return {
    key: def.key,
    name: def.name[locale],
    description: def.description[locale],
    group: def.group,
    default_priority: def.defaultPriority,
    help_category: def.helpCategory ?? null,
    fields: def.fields.map((f) => ({
      key: f.key,
      type: f.type,
      label: f.label[locale],
      help: f.help?.[locale] ?? null,
      required: f.required,
      visible_when: f.visibleWhen ?? null,
      options: f.options?.map((o) => ({ value: o.value, label: o.label[locale] })) ?? null,
      max_length: f.maxLength ?? null,
    })),
  };
}
