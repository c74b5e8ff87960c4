import type { Generated } from 'kysely';

/** Row shapes. IDs are app-generated text, timestamps ISO-8601 UTC strings, booleans 0/1. */
export interface CategoryTable {
  id: string;
  key: string;
  position: number;
  created_at: string;
  updated_at: string;
}
export interface CategoryTranslationTable {
  category_id: string;
  locale: string;
  title: string;
  description: string;
}
export interface SectionTable {
  id: string;
  key: string;
  category_id: string;
  position: number;
  created_at: string;
  updated_at: string;
}
export interface SectionTranslationTable {
  section_id: string;
  locale: string;
  title: string;
  description: string;
}
export interface ArticleTable {
  id: string;
  slug: string;
  section_id: string;
  position: number;
  promoted: number;
  view_count: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface ArticleTranslationTable {
  id: string;
  article_id: string;
  locale: string;
  title: string;
  body_md: string;
  labels: string; // JSON array of strings
  status: 'draft' | 'published';
  revision: number;
  source_hash: string | null; // hash of the imported file, to make import idempotent
  published_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface ArticleRevisionTable {
  id: string;
  article_id: string;
  locale: string;
  revision: number;
  title: string;
  body_md: string;
  labels: string;
  status: 'draft' | 'published';
  author: string;
  created_at: string;
}
export interface ArticleVoteTable {
  id: string;
  article_id: string;
  locale: string;
  voter_key: string;
  value: number; // 1 helpful, -1 not helpful
  created_at: string;
  updated_at: string;
}
export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'agent' | 'customer';
  password_hash: string | null;
  email_verified_at: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  locale: Generated<string>;
  account_ref: string | null; // the exchange account ID the customer gave
  totp_last_step: number | null; // last accepted TOTP time step (replay protection)
  created_at: string;
  updated_at: string;
  deactivated_at?: string | null; // staff deactivated by an admin (0005)
  anti_phishing_phrase?: string | null; // shown at the top of every email to this user (0006)
}
export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface InstanceSettingTable {
  key: string;
  value: string;
  created_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  stage: 'full' | 'totp';
  ip: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}
export interface EmailTokenTable {
  id: string;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}
export interface OutboxTable {
  id: string;
  to_address: string;
  template: string;
  locale: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  next_attempt_at: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
}
export interface RateLimitTable {
  key: string;
  count: number;
  reset_at: string;
}
export interface CounterTable {
  name: string;
  value: number;
}
export interface GroupTable {
  id: string;
  key: string;
  names: string;
  created_at: string;
  updated_at: string;
  assignment: Generated<GroupAssignment>; // 0005
  rr_cursor: Generated<number>; // 0005: round-robin position
}
export interface RequestTypeTable {
  id: string;
  key: string;
  position: number;
  active: number;
  group_id: string | null;
  default_priority: string;
  names: string;
  fields: string;
  created_at: string;
  updated_at: string;
}
export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export interface TicketTable {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  request_type_id: string;
  group_id: string | null;
  requester_id: string;
  assignee_id: string | null;
  fields: string;
  channel: string;
  locale: string;
  guest_token_hash: string | null;
  idempotency_key: string | null;
  satisfaction_rating: 'good' | 'bad' | null;
  satisfaction_comment: string | null;
  last_hash: string;
  comment_count: number;
  created_at: string;
  updated_at: string;
  solved_at: string | null;
}
export interface TicketCommentTable {
  id: string;
  ticket_id: string;
  seq: number;
  author_id: string | null;
  author_role: 'requester' | 'agent' | 'system';
  public: number;
  body: string;
  redactions: string;
  attachment_ids: string;
  via: string;
  prev_hash: string;
  hash: string;
  created_at: string;
}
export interface AttachmentTable {
  id: string;
  ticket_id: string | null;
  comment_id: string | null;
  uploader_id: string | null;
  upload_token: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  redactions: string;
  created_at: string;
}
export interface DeflectionTable {
  id: string;
  article_id: string | null;
  request_type_key: string | null;
  query: string;
  user_id: string | null;
  kind: 'article' | 'notice';
  created_at: string;
}

// ---- Agent side (0005) ----
export type GroupAssignment = 'round_robin' | 'least_busy' | 'manual';
export interface GroupMembershipTable {
  id: string;
  group_id: string;
  user_id: string;
  created_at: string;
}
export interface StaffSessionTable {
  session_id: string;
  user_id: string;
  created_at: string;
  last_active_at: string;
}
export interface RoutingRuleTable {
  id: string;
  position: number;
  request_type: string;
  priority: TicketPriority | null;
  group_id: string;
  created_at: string;
}
export interface SlaPolicyTable {
  priority: TicketPriority;
  first_reply_minutes: number;
  next_reply_minutes: number;
  resolution_minutes: number;
  business_hours: number;
  updated_at: string;
}
export interface TicketSlaTable {
  ticket_id: string;
  priority: TicketPriority;
  started_at: string;
  first_reply_due_at: string | null;
  first_replied_at: string | null;
  next_reply_started_at: string | null;
  next_reply_due_at: string | null;
  resolution_due_at: string | null;
  resolved_at: string | null;
  next_due_at: string | null;
  watch_at: string | null;
  updated_at: string;
}
export type SlaMetric = 'first_reply' | 'next_reply' | 'resolution';
export interface SlaEventTable {
  id: string;
  ticket_id: string;
  metric: SlaMetric;
  kind: 'breached';
  due_at: string;
  recorded_at: string;
  source: 'monitor' | 'read' | 'update';
}
export interface TicketTermTable {
  term: string;
  ticket_id: string;
}
export interface TicketEventTable {
  id: string;
  ticket_id: string;
  actor_id: string | null;
  field: 'status' | 'priority' | 'group_id' | 'assignee_id';
  from_value: string | null;
  to_value: string | null;
  created_at: string;
}
export interface TicketMergeTable {
  source_ticket_id: string;
  target_ticket_id: string;
  actor_id: string | null;
  created_at: string;
}
export interface MacroTable {
  id: string;
  source_key: string | null;
  title: string;
  body: string;
  group_id: string | null;
  actions: string;
  position: number;
  created_at: string;
  updated_at: string;
}
export interface AuditLogTable {
  id: string;
  seq: number;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject: string;
  details: string;
  ip: string;
  created_at: string;
  prev_hash: string;
  hash: string;
}

// ---- Status notices (0007) ----
export type StatusNoticeKind = 'incident' | 'maintenance';
export type StatusNoticeImpact = 'online' | 'degraded' | 'post_only' | 'cancel_only' | 'maintenance';
export interface StatusNoticeTable {
  id: string;
  kind: StatusNoticeKind;
  impact: StatusNoticeImpact;
  title: string; // JSON { en-us, zh-cn }
  body: string; // JSON { en-us, zh-cn }, Markdown
  request_types: string; // JSON array of request type keys; [] = all
  assets: string; // JSON array of asset symbols; [] = all
  networks: string; // JSON array of network ids; [] = all
  starts_at: string;
  ends_at: string | null;
  resolved_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export interface StatusNoticeUpdateTable {
  id: string;
  notice_id: string;
  kind: 'update' | 'resolved';
  body: string; // JSON { en-us, zh-cn }
  created_by: string | null;
  created_at: string;
}
export interface StatusNoticeDeflectionTable {
  deflection_id: string;
  notice_id: string;
  created_at: string;
}

export interface Database {
  sessions: SessionTable;
  email_tokens: EmailTokenTable;
  outbox: OutboxTable;
  rate_limits: RateLimitTable;
  counters: CounterTable;
  groups: GroupTable;
  request_types: RequestTypeTable;
  tickets: TicketTable;
  ticket_comments: TicketCommentTable;
  attachments: AttachmentTable;
  deflections: DeflectionTable;
  instance_settings: InstanceSettingTable;
  categories: CategoryTable;
  category_translations: CategoryTranslationTable;
  sections: SectionTable;
  section_translations: SectionTranslationTable;
  articles: ArticleTable;
  article_translations: ArticleTranslationTable;
  article_revisions: ArticleRevisionTable;
  article_votes: ArticleVoteTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  group_memberships: GroupMembershipTable;
  staff_sessions: StaffSessionTable;
  routing_rules: RoutingRuleTable;
  sla_policies: SlaPolicyTable;
  ticket_sla: TicketSlaTable;
  sla_events: SlaEventTable;
  ticket_terms: TicketTermTable;
  ticket_events: TicketEventTable;
  ticket_merges: TicketMergeTable;
  macros: MacroTable;
  audit_log: AuditLogTable;
  status_notices: StatusNoticeTable;
  status_notice_updates: StatusNoticeUpdateTable;
  status_notice_deflections: StatusNoticeDeflectionTable;
}
