import type { Locale } from '../../../shared/locales.js';
import type { ApiClient } from '../../api/client.js';

/** Status notices as the admin API returns them (docs/status.md). */
export type Localized = Record<Locale, string>;
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

const enc = encodeURIComponent;

/** Typed calls for the status notice admin endpoints. */
export function statusNoticesApi(api: ApiClient) {
  return {
    list: (signal?: AbortSignal) =>
      api.get<{ status_notices: StatusNotice[]; count: number }>('/api/v2/status_notices', { query: { per_page: 100 }, ...(signal ? { signal } : {}) }),
    create: (notice: StatusNoticeInput) => api.post<{ status_notice: StatusNotice }>('/api/v2/status_notices', { status_notice: notice }),
    update: (id: string, notice: StatusNoticeInput) => api.put<{ status_notice: StatusNotice }>(`/api/v2/status_notices/${enc(id)}`, { status_notice: notice }),
    postUpdate: (id: string, body: Localized) => api.post<{ status_notice: StatusNotice }>(`/api/v2/status_notices/${enc(id)}/updates`, { update: { body } }),
    resolve: (id: string, body: Localized | null) => api.post<{ status_notice: StatusNotice }>(`/api/v2/status_notices/${enc(id)}/resolve`, body ? { update: { body } } : {}),
    remove: (id: string) => api.delete(`/api/v2/status_notices/${enc(id)}`),
  };
}

/** An ISO instant as the value of a `datetime-local` input (the browser's time zone). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (browser time zone) as an ISO instant; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** "USDT, btc , ,ETH" → ['USDT', 'btc', 'ETH'] (the server normalizes case). */
export const splitList = (value: string): string[] => value.split(/[,，\s]+/).map((v) => v.trim()).filter(Boolean);
