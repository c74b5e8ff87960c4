/**
 * Shapes of the staff API as documented in docs/agent-api.md. Fields the contract marks optional, and a
 * few the backend may add, are optional here so the console degrades instead of crashing.
 */
import type { Locale } from '../../shared/locales.js';
import type { RequestTypeDefinition } from '../../shared/request-forms.js';

export type Localized = Record<Locale, string>;
export type StaffRole = 'agent' | 'admin';
export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type ViewKey = 'mine' | 'group_unassigned' | 'all_open' | 'sla_breaching' | 'all';

export const TICKET_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
export const TICKET_PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  locale: string;
  group_ids: string[];
}

export type SignInStage =
  | { stage: 'totp'; csrf_token?: string | null }
  | { stage: 'totp_enrol'; enrolment: { secret: string; otpauth_url: string; qr_code: string }; csrf_token?: string | null };

export interface SessionPayload {
  user: StaffUser;
  csrf_token: string | null;
}

export interface Sla {
  first_reply_due_at: string | null;
  next_reply_due_at: string | null;
  resolution_due_at: string | null;
  breached: string[];
}

export interface Ticket {
  id: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  request_type: string | null;
  group_id: string | null;
  assignee_id: string | null;
  requester: { id: string; name: string; email: string };
  channel: string;
  locale: string;
  created_at: string;
  updated_at: string;
  sla: Sla | null;
}

export interface TicketList {
  tickets: Ticket[];
  count: number;
  page: number;
  per_page: number;
  next_page: string | number | null;
  previous_page: string | number | null;
}

export interface FieldValidation {
  valid: boolean;
  network?: string | null;
  explorer_urls?: string[] | Record<string, string> | null;
  message?: string | null;
}

export interface TicketField {
  key: string;
  label: string;
  value: string;
  /** The option label of a choice field, in the agent's language. */
  display_value?: string;
  type?: string;
  validation?: FieldValidation | null;
}

export interface Attachment {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
  content_url: string;
}

export interface Comment {
  id: string;
  body: string;
  html_body?: string;
  public: boolean;
  author: { id: string | null; name: string; role: string };
  attachments: Attachment[];
  redactions?: string[];
  created_at: string;
}

export interface RequesterContext {
  id: string;
  name: string;
  email: string;
  email_verified: boolean;
  account_id: string | null;
  other_tickets: Array<{ id: number; subject: string; status: TicketStatus }>;
}

/** A change of status, priority, group or assignee; `actor: null` = routing or the system. */
export interface TicketEvent {
  id: string;
  field: 'status' | 'priority' | 'group_id' | 'assignee_id' | string;
  from: string | null;
  to: string | null;
  actor: { id: string; name: string } | null;
  created_at: string;
}

export interface TicketDetail {
  ticket: Ticket & { fields: TicketField[] };
  comments: Comment[];
  requester: RequesterContext;
  merged_into?: number | null;
  events?: TicketEvent[];
}

export interface TicketUpdate {
  status?: TicketStatus;
  priority?: TicketPriority;
  group_id?: string | null;
  assignee_id?: string | null;
  comment?: { body: string; public: boolean; uploads?: string[] };
}

export interface UpdateResult {
  ticket: Ticket;
  redactions?: string[] | Array<{ kind: string }>;
  warning?: string | null;
  comment_id?: string | null;
}

export interface OutboundReason {
  code: string;
  message: string;
}

export type AssignmentMode = 'round_robin' | 'least_busy' | 'manual';
export const ASSIGNMENT_MODES: readonly AssignmentMode[] = ['round_robin', 'least_busy', 'manual'];

export interface Group {
  id: string;
  key: string;
  name: Localized;
  assignment: AssignmentMode;
  member_count?: number;
}

export interface GroupMembership {
  id: string;
  user_id: string;
  group_id: string;
  user?: { id: string; name: string; email: string; role?: string; active?: boolean };
}

export interface RoutingRule {
  request_type: string;
  priority?: TicketPriority | null;
  group_id: string;
}

export interface SlaPolicy {
  priority: TicketPriority;
  first_reply_minutes: number | null;
  next_reply_minutes: number | null;
  resolution_minutes: number | null;
  business_hours: boolean;
}

export interface BusinessHours {
  timezone: string;
  days: number[];
  start: string;
  end: string;
}

export interface SlaConfig {
  policies: SlaPolicy[];
  business_hours: BusinessHours;
}

export interface MacroActions {
  status?: TicketStatus;
  priority?: TicketPriority;
}

export interface Macro {
  id: string;
  title: Localized;
  body: Localized;
  group_id: string | null;
  actions: MacroActions;
}

export interface StaffMember extends StaffUser {
  active?: boolean;
  totp_enabled?: boolean;
  created_at?: string;
  last_seen_at?: string | null;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  token?: string;
  user_id?: string;
}

export interface AuditEntry {
  id: string;
  seq: number;
  actor: string | { id: string | null; name?: string; label?: string } | null;
  action: string;
  subject: string | { type?: string; id?: string } | null;
  details: unknown;
  created_at: string;
  prev_hash: string;
  hash: string;
}

export interface AuditVerify {
  valid: boolean;
  entries: number;
  head: string | null;
  broken_at?: number | null;
  reason?: string | null;
}

export interface RequestTypeSummary {
  key: string;
  name: string;
  description: string;
  group: string;
  default_priority: TicketPriority;
}

export type RequestTypeFull = RequestTypeDefinition;

export interface KbArticle {
  id: string;
  slug: string;
  title: string;
  draft: boolean;
  locale: string;
  section_id: string;
  category_id?: string;
  label_names: string[];
  revision?: number;
  updated_at: string;
  html_url: string;
  body_markdown?: string;
}

export interface KbSection {
  id: string;
  key: string;
  name: string;
  category_id: string;
}

export interface KbRevision {
  id: string;
  article_id: string;
  locale: string;
  revision: number;
  title: string;
  body_markdown: string;
  draft: boolean;
  author: string;
  created_at: string;
}

/** GET /api/v2/uploads/limits: what the server accepts (it checks again on upload). */
export interface UploadLimits {
  max_bytes: number;
  max_size: string;
  max_files: number;
  types: Array<{ content_type: string; extension: string; image: boolean }>;
  /** The accepted types in words, in the caller's language. */
  allowed: string;
}

export interface UploadedFile {
  id: string;
  file_name: string;
  content_type: string;
  content_url: string;
  size: number;
}

export interface Upload {
  token: string;
  expires_at: string;
  attachments: UploadedFile[];
}

/** A category or section name in one language (Zendesk translation style: `body` = description). */
export interface KbName {
  locale: string;
  title: string;
  body: string;
  html_url?: string;
}

export interface KbStructureSection {
  id: string;
  key: string;
  category_id: string;
  position: number;
  article_count: number;
  translations: KbName[];
}

export interface KbStructureCategory {
  id: string;
  key: string;
  position: number;
  article_count: number;
  translations: KbName[];
  sections: KbStructureSection[];
}

/** Status notices as the admin API returns them (docs/status.md). */
export type NoticeKind = 'incident' | 'maintenance';
export type NoticeImpact = 'online' | 'degraded' | 'post_only' | 'cancel_only' | 'maintenance';
export type NoticeState = 'scheduled' | 'active' | 'resolved';

export const NOTICE_KINDS: readonly NoticeKind[] = ['incident', 'maintenance'];
export const NOTICE_IMPACTS: readonly NoticeImpact[] = ['online', 'degraded', 'post_only', 'cancel_only', 'maintenance'];

export interface StatusNoticeUpdate {
  id: string;
  kind: 'update' | 'resolved';
  body: Localized;
  created_by: string | null;
  created_at: string;
}

export interface StatusNotice {
  id: string;
  kind: NoticeKind;
  impact: NoticeImpact;
  system_status: 'online' | 'post_only' | 'cancel_only' | 'maintenance';
  state: NoticeState;
  title: Localized;
  body: Localized;
  request_types: string[];
  assets: string[];
  networks: string[];
  starts_at: string;
  ends_at: string | null;
  resolved_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Newest first. */
  updates: StatusNoticeUpdate[];
  deflections?: number;
}

export interface StatusNoticeInput {
  kind: NoticeKind;
  impact: NoticeImpact;
  title: Localized;
  body: Localized;
  request_types: string[];
  assets: string[];
  networks: string[];
  starts_at?: string;
  ends_at?: string | null;
}
