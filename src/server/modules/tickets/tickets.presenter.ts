import type { Selectable } from 'kysely';
import type { AttachmentTable, SlaMetric } from '../../db/schema.js';
import type { Locale } from '../../../shared/locales.js';
import type { RequestTypeDefinition } from '../../../shared/request-forms.js';
import { escapeHtml } from '../helpcenter/html.js';
import type { CommentRow } from '../requests/requests.queries.js';
import { presentSla, type SlaClock } from '../sla/sla.policy.js';
import type { listTicketEvents, TicketListRow } from './tickets.queries.js';

export interface SlaSnapshot {
  clocks: Map<string, SlaClock>;
  breached: Map<string, SlaMetric[]>;
  now: string;
}

/** The contract's `Ticket`: id is the human number. */
export function presentTicket(row: TicketListRow, sla: SlaSnapshot) {
  return {
    id: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    request_type: row.request_type_key ?? null,
    group_id: row.group_id,
    assignee_id: row.assignee_id,
    requester: { id: row.requester_id, name: row.requester_name, email: row.requester_email },
    channel: row.channel,
    locale: row.locale,
    created_at: row.created_at,
    updated_at: row.updated_at,
    solved_at: row.solved_at,
    sla: presentSla(sla.clocks.get(row.id) ?? null, row.status, sla.now, sla.breached.get(row.id) ?? []),
  };
}

export type PresentedTicket = ReturnType<typeof presentTicket>;

interface StoredFields {
  values: Record<string, string>;
  facts?: {
    address?: { valid: boolean; network: string | null; explorerUrls?: Array<{ url: string }> };
    txHash?: { valid: boolean; network: string | null; explorerUrls?: Array<{ url: string }> };
  };
}

/** Structured fields with labels in the agent's language and chain validation from the stored facts. */
export function presentFields(fieldsJson: string, def: RequestTypeDefinition | undefined, locale: Locale) {
  const stored = JSON.parse(fieldsJson) as StoredFields;
  const values = stored.values ?? {};
  const facts = stored.facts ?? {};
  const validation = (fact: NonNullable<StoredFields['facts']>['address']) =>
    fact ? { valid: fact.valid, network: fact.network ?? null, explorer_urls: (fact.explorerUrls ?? []).map((e) => e.url) } : undefined;
  const known = def?.fields.filter((f) => values[f.key] !== undefined) ?? [];
  const out = known.map((f) => {
    const fact = f.type === 'address' ? facts.address : f.type === 'tx_hash' ? facts.txHash : undefined;
    const checked = validation(fact);
    const option = f.options?.find((o) => o.value === values[f.key]);
    return { key: f.key, label: f.label[locale], type: f.type, value: values[f.key]!, ...(option ? { display_value: option.label[locale] } : {}), ...(checked ? { validation: checked } : {}) };
  });
  for (const [key, value] of Object.entries(values)) if (!known.some((f) => f.key === key)) out.push({ key, label: key, type: 'text', value });
  return out;
}

type Attachment = Pick<Selectable<AttachmentTable>, 'id' | 'filename' | 'content_type' | 'size' | 'comment_id'>;

export function presentAttachment(publicUrl: string, a: Attachment) {
  return { id: a.id, file_name: a.filename, content_type: a.content_type, size: a.size, content_url: `${publicUrl}/api/v2/attachments/${a.id}/content` };
}

export function presentComment(publicUrl: string, c: CommentRow, attachments: Attachment[]) {
  const ids = JSON.parse(c.attachment_ids) as string[];
  return {
    id: c.id,
    body: c.body,
    html_body: `<p>${escapeHtml(c.body).replace(/\n/g, '<br>')}</p>`,
    public: c.public === 1,
    author: { id: c.author_id, name: c.author_name ?? '', role: c.author_role },
    attachments: attachments.filter((a) => ids.includes(a.id)).map((a) => presentAttachment(publicUrl, a)),
    redactions: [...new Set((JSON.parse(c.redactions) as Array<{ kind: string }>).map((r) => r.kind))],
    via: c.via,
    created_at: c.created_at,
  };
}

export function presentEvent(e: Awaited<ReturnType<typeof listTicketEvents>>[number]) {
  return { id: e.id, field: e.field, from: e.from_value, to: e.to_value, actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null, created_at: e.created_at };
}
