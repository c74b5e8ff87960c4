import type { BrandConfig } from '../../config.js';
import type { Locale } from '../../../shared/locales.js';
import { noticeBodyHtml, noticeBodyText, noticeHref } from './status.banner.js';
import { noticeState, systemStatusOfImpact } from './status.policy.js';
import type { Notice } from './status.queries.js';

/** Admin (console) shape: both languages, every field, the derived state and deflection count. */
export function presentNoticeAdmin(n: Notice & { deflections?: number }, now: number = Date.now()) {
  return {
    id: n.id,
    kind: n.kind,
    impact: n.impact,
    system_status: systemStatusOfImpact(n.impact),
    state: noticeState(n, now),
    title: n.title,
    body: n.body,
    request_types: n.request_types,
    assets: n.assets,
    networks: n.networks,
    starts_at: n.starts_at,
    ends_at: n.ends_at,
    resolved_at: n.resolved_at,
    created_by: n.created_by,
    created_at: n.created_at,
    updated_at: n.updated_at,
    updates: [...n.updates].reverse().map((u) => ({ id: u.id, kind: u.kind, body: u.body, created_by: u.created_by, created_at: u.created_at })),
    ...(n.deflections !== undefined ? { deflections: n.deflections } : {}),
  };
}

export interface PublicContext {
  brand: BrandConfig;
  publicUrl: string;
}

/** Public shape in one language: Markdown, sanitized HTML and plain text of bodies; updates newest first. */
export function presentNoticePublic(n: Notice, locale: Locale, ctx: PublicContext, now: number = Date.now()) {
  return {
    id: n.id,
    kind: n.kind,
    impact: n.impact,
    system_status: systemStatusOfImpact(n.impact),
    state: noticeState(n, now),
    title: n.title[locale],
    body: n.body[locale],
    body_html: noticeBodyHtml(n.body[locale], ctx.brand, locale).value,
    body_text: noticeBodyText(n.body[locale], ctx.brand),
    request_types: n.request_types,
    assets: n.assets,
    networks: n.networks,
    starts_at: n.starts_at,
    ends_at: n.ends_at,
    resolved_at: n.resolved_at,
    url: `${ctx.publicUrl}${noticeHref(locale, n.id)}`,
    locale,
    created_at: n.created_at,
    updated_at: n.updated_at,
    updates: [...n.updates].reverse().map((u) => ({ id: u.id, kind: u.kind, body: u.body[locale], body_html: noticeBodyHtml(u.body[locale], ctx.brand, locale).value, created_at: u.created_at })),
  };
}
