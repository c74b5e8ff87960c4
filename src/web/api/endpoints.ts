import type { Locale } from '../../shared/locales.js';
import type { RequestTypeDefinition } from '../../shared/request-forms.js';
import type { ApiClient } from './client.js';
import type {
  ApiTokenInfo,
  AuditEntry,
  AuditVerify,
  Group,
  GroupMembership,
  KbArticle,
  KbRevision,
  KbSection,
  KbStructureCategory,
  KbStructureSection,
  Localized,
  Macro,
  MacroActions,
  RequestTypeSummary,
  RoutingRule,
  SessionPayload,
  SignInStage,
  SlaConfig,
  StaffMember,
  StaffRole,
  StatusNotice,
  StatusNoticeInput,
  Ticket,
  TicketDetail,
  TicketList,
  TicketUpdate,
  UpdateResult,
  Upload,
  UploadLimits,
  ViewKey,
} from './types.js';

/** Names by language for the structure endpoints (`title` = name). */
export type KbNamesInput = Array<{ locale: Locale; title: string; body?: string }>;

export interface TicketFilters {
  status?: string;
  request_type?: string;
  group_id?: string;
  priority?: string;
  requester?: string;
  created_after?: string;
  created_before?: string;
  query?: string;
}

const enc = encodeURIComponent;

/** Typed calls for every endpoint in docs/agent-api.md the console uses. */
export function endpoints(api: ApiClient) {
  return {
    session: {
      start: (email: string, password: string) => api.post<SignInStage>('/api/v2/staff/session', { email, password }),
      totp: (code: string) => api.post<SessionPayload>('/api/v2/staff/session/totp', { code }),
      me: () => api.get<SessionPayload>('/api/v2/staff/me', { quiet: true }),
      end: () => api.delete('/api/v2/staff/session', { quiet: true }),
    },
    tickets: {
      list: (view: ViewKey, filters: TicketFilters, page = 1, perPage = 50, signal?: AbortSignal) =>
        api.get<TicketList>('/api/v2/tickets', { query: { view, ...filters, page, per_page: perPage }, ...(signal ? { signal } : {}) }),
      count: (view: ViewKey, signal?: AbortSignal) =>
        api.get<TicketList>('/api/v2/tickets', { query: { view, per_page: 1 }, ...(signal ? { signal } : {}) }).then((r) => r.count),
      search: (query: string, signal?: AbortSignal) =>
        api.get<{ results: Ticket[]; count: number }>('/api/v2/search', { query: { query }, ...(signal ? { signal } : {}) }),
      get: (id: number, signal?: AbortSignal) => api.get<TicketDetail>(`/api/v2/tickets/${id}`, signal ? { signal } : {}),
      update: (id: number, ticket: TicketUpdate) => api.put<UpdateResult>(`/api/v2/tickets/${id}`, { ticket }),
      take: (id: number) => api.post<{ ticket: Ticket }>(`/api/v2/tickets/${id}/take`),
      merge: (id: number, targetId: number) => api.post<{ ticket: Ticket }>(`/api/v2/tickets/${id}/merge`, { target_id: targetId }),
    },
    groups: {
      list: () => api.get<{ groups: Group[] }>('/api/v2/groups').then((r) => r.groups),
      create: (group: Omit<Group, 'id'>) => api.post<{ group: Group }>('/api/v2/groups', { group }),
      update: (id: string, group: Omit<Group, 'id'>) => api.put<{ group: Group }>(`/api/v2/groups/${enc(id)}`, { group }),
      remove: (id: string) => api.delete(`/api/v2/groups/${enc(id)}`),
      memberships: (id: string) => api.get<{ group_memberships: GroupMembership[] }>(`/api/v2/groups/${enc(id)}/memberships`).then((r) => r.group_memberships),
      addMember: (groupId: string, userId: string) =>
        api.post<{ group_membership: GroupMembership }>('/api/v2/group_memberships', { group_membership: { user_id: userId, group_id: groupId } }),
      removeMember: (membershipId: string) => api.delete(`/api/v2/group_memberships/${enc(membershipId)}`),
    },
    routing: {
      get: () => api.get<{ rules: RoutingRule[] }>('/api/v2/routing_rules').then((r) => r.rules),
      save: (rules: RoutingRule[]) => api.put<{ rules: RoutingRule[] }>('/api/v2/routing_rules', { rules }),
    },
    slas: {
      get: () => api.get<SlaConfig>('/api/v2/slas/policies'),
      save: (config: SlaConfig) => api.put<SlaConfig>('/api/v2/slas/policies', config),
    },
    macros: {
      list: (groupId?: string) => api.get<{ macros: Macro[] }>('/api/v2/macros', { query: { group_id: groupId } }).then((r) => r.macros),
      create: (macro: Omit<Macro, 'id'>) => api.post<{ macro: Macro }>('/api/v2/macros', { macro }),
      update: (id: string, macro: Omit<Macro, 'id'>) => api.put<{ macro: Macro }>(`/api/v2/macros/${enc(id)}`, { macro }),
      remove: (id: string) => api.delete(`/api/v2/macros/${enc(id)}`),
      apply: (id: string, ticketId: number) => api.post<{ body: string; actions: MacroActions }>(`/api/v2/macros/${enc(id)}/apply`, { ticket_id: ticketId }),
    },
    users: {
      list: (role?: StaffRole) => api.get<{ users: StaffMember[] }>('/api/v2/users', { query: { role } }).then((r) => r.users),
      invite: (user: { name: string; email: string; role: StaffRole; locale: Locale; group_ids: string[] }) => api.post<{ user: StaffMember }>('/api/v2/users', { user }),
      update: (id: string, user: Partial<{ name: string; role: StaffRole; locale: Locale; group_ids: string[]; active: boolean }>) =>
        api.put<{ user: StaffMember }>(`/api/v2/users/${enc(id)}`, { user }),
      deactivate: (id: string) => api.delete(`/api/v2/users/${enc(id)}`),
    },
    tokens: {
      list: () => api.get<{ api_tokens: ApiTokenInfo[] }>('/api/v2/api_tokens').then((r) => r.api_tokens),
      create: (name: string) => api.post<{ api_token: ApiTokenInfo; token?: string }>('/api/v2/api_tokens', { api_token: { name } }),
      revoke: (id: string) => api.delete(`/api/v2/api_tokens/${enc(id)}`),
    },
    audit: {
      list: (filters: { actor_id?: string; action?: string; page?: number }) => api.get<{ audit_logs: AuditEntry[]; count: number }>('/api/v2/audit_logs', { query: { ...filters, per_page: 100 } }),
      verify: () => api.get<AuditVerify>('/api/v2/audit_logs/verify'),
      exportUrl: (format: 'json' | 'csv') => api.url('/api/v2/audit_logs/export', { format }),
    },
    requestTypes: {
      list: () => api.get<{ request_types: RequestTypeSummary[] }>('/api/v2/request_types').then((r) => r.request_types),
      definition: (key: string) => api.get<{ request_type: RequestTypeDefinition; active?: boolean }>(`/api/v2/request_types/${enc(key)}/definition`),
      save: (def: RequestTypeDefinition, active: boolean) => api.put<{ active: boolean }>(`/api/v2/request_types/${enc(def.key)}`, { request_type: def, active }),
    },
    kb: {
      articles: (locale: Locale) => api.get<{ articles: KbArticle[] }>(`/api/v2/help_center/${locale}/articles`, { query: { per_page: 100, sort_by: 'updated_at', sort_order: 'desc' } }).then((r) => r.articles),
      sections: (locale: Locale) => api.get<{ sections: KbSection[] }>(`/api/v2/help_center/${locale}/sections`, { query: { per_page: 100 } }).then((r) => r.sections),
      article: (locale: Locale, id: string) => api.get<{ article: KbArticle }>(`/api/v2/help_center/${locale}/articles/${enc(id)}`).then((r) => r.article),
      create: (locale: Locale, sectionId: string, article: { title: string; body: string; draft: boolean; label_names: string[] }) =>
        api.post<{ article: KbArticle }>(`/api/v2/help_center/${locale}/sections/${enc(sectionId)}/articles`, { article }),
      update: (locale: Locale, id: string, article: { title: string; body: string; draft: boolean; label_names: string[] }) =>
        api.put<{ article: KbArticle }>(`/api/v2/help_center/${locale}/articles/${enc(id)}`, { article }),
      revisions: (id: string, locale?: Locale) => api.get<{ revisions: KbRevision[] }>(`/api/v2/help_center/articles/${enc(id)}/revisions`, { query: { locale } }).then((r) => r.revisions),
      remove: (id: string) => api.delete(`/api/v2/help_center/articles/${enc(id)}`),
      structure: (signal?: AbortSignal) => api.get<{ categories: KbStructureCategory[] }>('/api/v2/help_center/structure', signal ? { signal } : {}).then((r) => r.categories),
      createCategory: (translations: KbNamesInput, position?: number) =>
        api.post<{ category: KbStructureCategory }>('/api/v2/help_center/categories', { category: { translations, ...(position !== undefined ? { position } : {}) } }),
      updateCategory: (id: string, change: { translations?: KbNamesInput; position?: number }) => api.put<{ category: KbStructureCategory }>(`/api/v2/help_center/categories/${enc(id)}`, { category: change }),
      deleteCategory: (id: string, moveTo?: string) => api.delete(`/api/v2/help_center/categories/${enc(id)}`, { query: { move_to: moveTo } }),
      createSection: (categoryId: string, translations: KbNamesInput, position?: number) =>
        api.post<{ section: KbStructureSection }>(`/api/v2/help_center/categories/${enc(categoryId)}/sections`, { section: { translations, ...(position !== undefined ? { position } : {}) } }),
      updateSection: (id: string, change: { translations?: KbNamesInput; position?: number; category_id?: string }) =>
        api.put<{ section: KbStructureSection }>(`/api/v2/help_center/sections/${enc(id)}`, { section: change }),
      deleteSection: (id: string, moveTo?: string) => api.delete(`/api/v2/help_center/sections/${enc(id)}`, { query: { move_to: moveTo } }),
    },
    uploads: {
      limits: (signal?: AbortSignal) => api.get<{ limits: UploadLimits }>('/api/v2/uploads/limits', signal ? { signal } : {}).then((r) => r.limits),
      /** One upload (one token) per call; the files go as multipart "file" parts. */
      create: (files: Array<Blob & { name?: string }>, signal?: AbortSignal) => {
        const form = new FormData();
        for (const file of files) form.append('file', file, file.name ?? 'file');
        return api.upload<{ upload: Upload }>('/api/v2/uploads', form, { timeoutMs: 120_000, ...(signal ? { signal } : {}) }).then((r) => r.upload);
      },
      remove: (token: string) => api.delete(`/api/v2/uploads/${enc(token)}`),
    },
    statusNotices: {
      list: (signal?: AbortSignal) =>
        api.get<{ status_notices: StatusNotice[]; count: number }>('/api/v2/status_notices', { query: { per_page: 100 }, ...(signal ? { signal } : {}) }),
      create: (notice: StatusNoticeInput) => api.post<{ status_notice: StatusNotice }>('/api/v2/status_notices', { status_notice: notice }),
      update: (id: string, notice: StatusNoticeInput) => api.put<{ status_notice: StatusNotice }>(`/api/v2/status_notices/${enc(id)}`, { status_notice: notice }),
      postUpdate: (id: string, body: Localized) => api.post<{ status_notice: StatusNotice }>(`/api/v2/status_notices/${enc(id)}/updates`, { update: { body } }),
      resolve: (id: string, body: Localized | null) => api.post<{ status_notice: StatusNotice }>(`/api/v2/status_notices/${enc(id)}/resolve`, body ? { update: { body } } : {}),
      remove: (id: string) => api.delete(`/api/v2/status_notices/${enc(id)}`),
    },
    shield: {
      outbound: (text: string, signal?: AbortSignal) =>
        api.post<{ allowed: boolean; reasons: Array<{ code: string; message: string }> }>('/api/v2/shield/outbound', { text }, signal ? { signal } : {}),
    },
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
