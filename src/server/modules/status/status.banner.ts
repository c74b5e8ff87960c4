import type { BrandConfig } from '../../config.js';
import type { StatusNoticeImpact } from '../../db/schema.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { html, trusted, type SafeHtml } from '../helpcenter/html.js';
import { markdownToText, renderArticleHtml } from '../kb/kb.render.js';
import { STATUS_CSS_PATH } from './status.css.js';
import type { BoardNotice } from './status.board.js';
import type { Notice } from './status.queries.js';
import './status.messages.js';
import { LruCache } from '../../../shared/lru.js';

// Markup shared by the Help Center layout (banner), the status page and the request form. This file
// must not import helpcenter.views.ts (which imports it).

export const sm = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `status.${key}`, params);

export const statusPagePath = (locale: Locale) => `/hc/${locale}/status`;
export const statusFeedPath = (locale: Locale) => `/hc/${locale}/status/feed.atom`;
export const noticeAnchor = (id: string) => `notice-${id}`;
export const noticeHref = (locale: Locale, id: string) => `${statusPagePath(locale)}#${noticeAnchor(id)}`;
export const noticeDeflectPath = (locale: Locale, id: string) => `/hc/${locale}/status/notices/${encodeURIComponent(id)}/deflect`;

/** `sev-high` for notices that stop trading, `sev-mid` for limited trading or degraded service. */
export function severityClass(impact: StatusNoticeImpact): string {
  if (impact === 'maintenance' || impact === 'cancel_only') return 'sev-high';
  if (impact === 'post_only' || impact === 'degraded') return 'sev-mid';
  return '';
}

export function formatWhen(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(locale === 'zh-cn' ? 'zh-CN' : 'en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' }).format(date);
  return `${text} UTC`;
}

export const timeTag = (locale: Locale, iso: string) => html`<time datetime="${iso}">${formatWhen(locale, iso)}</time>`;

/** A notice body (Markdown) through the article renderer: sanitized, brand placeholders filled; alignment styles become classes. */
// Notice bodies are rendered for every banner, status page and API answer, but change rarely.
const renderedBodies = new WeakMap<BrandConfig, LruCache<string, string>>();
function rendered(brand: BrandConfig, key: string, render: () => string): string {
  let cache = renderedBodies.get(brand);
  if (!cache) renderedBodies.set(brand, (cache = new LruCache<string, string>(500)));
  return cache.getOrCompute(key, render);
}

export function noticeBodyHtml(markdown: string, brand: BrandConfig, locale: Locale): SafeHtml {
  return trusted(rendered(brand, `html\u0000${locale}\u0000${markdown}`, () => renderArticleHtml(markdown, brand, locale).replace(/ style="text-align:\s*(left|right|center);?"/g, ' class="ta-$1"')));
}

export const noticeBodyText = (markdown: string, brand: BrandConfig): string => rendered(brand, `text\u0000${markdown}`, () => markdownToText(markdown, brand));

/** A translated phrase with a `{{time}}` placeholder, the time as a <time> element. */
export function phraseWithTime(locale: Locale, key: string, iso: string): SafeHtml {
  const [before = '', after = ''] = sm(locale, key, { time: '\u0000' }).split('\u0000');
  return html`${before}${timeTag(locale, iso)}${after}`;
}

export const stylesheetLink = () => html`<link rel="stylesheet" href="${STATUS_CSS_PATH}">`;

export const kindTag = (locale: Locale, kind: Notice['kind']) => html`<span class="tag k-${kind}">${sm(locale, `kind.${kind}`)}</span>`;

const BANNER_MAX = 3;

/** The banner under the Help Center header: active notices, then upcoming ones; empty when there are none. */
export function statusBanner(locale: Locale, notices: readonly BoardNotice[]): SafeHtml | '' {
  if (!notices.length) return '';
  const shown = notices.slice(0, BANNER_MAX);
  const worst = notices.filter((n) => n.state === 'active').map((n) => severityClass(n.impact));
  const severity = worst.includes('sev-high') ? 'sev-high' : worst.includes('sev-mid') ? 'sev-mid' : '';
  const more = notices.length - shown.length;
  return html`<section class="status-banner${severity ? ` ${severity}` : ''}" aria-labelledby="status-banner-title" data-status-banner>
<div class="wrap">
<h2 id="status-banner-title">${sm(locale, 'banner.label')}</h2>
<ul>${shown.map((n) => {
    const when =
      n.state === 'scheduled'
        ? html`${sm(locale, 'banner.upcoming')}: ${phraseWithTime(locale, 'banner.starts', n.starts_at)}`
        : n.ends_at
          ? phraseWithTime(locale, 'banner.until', n.ends_at)
          : phraseWithTime(locale, 'banner.since', n.starts_at);
    return html`<li data-notice="${n.id}" data-state="${n.state}">${kindTag(locale, n.kind)}<a href="${noticeHref(locale, n.id)}">${n.title[locale]}</a> <span class="when">(${when})</span></li>`;
  })}</ul>
<a href="${statusPagePath(locale)}">${more > 0 ? `${sm(locale, 'banner.more', { count: more })} · ` : ''}${sm(locale, 'banner.viewAll')}</a>
</div>
</section>`;
}

export interface FormNoticesView {
  csrf: string;
  typeKey: string;
  /** What the customer typed so far (subject + description), recorded with a deflection. */
  query: string;
  notices: readonly Notice[];
  brand: BrandConfig;
}

/**
 * Active notices that match the request being written, each with a "this answers my question" form
 * (works without script; the form script refreshes the list when asset or network change). Always
 * rendered, hidden when empty, so the script has a place to fill.
 */
export function formNoticesPanel(locale: Locale, view: FormNoticesView): SafeHtml {
  return html`${stylesheetLink()}
<section class="status-notices" id="status-notices" aria-labelledby="status-notices-title" aria-live="polite" data-type="${view.typeKey}"${view.notices.length ? '' : trusted(' hidden')}>
<h2 id="status-notices-title">${sm(locale, 'form.heading')}</h2>
<ol>${view.notices.map(
    (n) => html`<li data-notice="${n.id}" data-title="${n.title[locale]}"><h3>${kindTag(locale, n.kind)}${n.title[locale]}</h3>
<div class="body">${noticeBodyHtml(n.body[locale], view.brand, locale)}</div>
<p><a href="${noticeHref(locale, n.id)}">${sm(locale, 'form.details')}</a></p>
<form method="post" action="${noticeDeflectPath(locale, n.id)}" class="notice-deflect"><input type="hidden" name="_csrf" value="${view.csrf}"><input type="hidden" name="request_type" value="${view.typeKey}"><input type="hidden" name="query" value="${view.query}">
<button type="submit" class="secondary">${sm(locale, 'form.answers')}</button></form></li>`,
  )}</ol>
</section>`;
}

/** Strings the form script needs for notices it renders itself. */
export function formNoticeStrings(locale: Locale) {
  return {
    noticeAnswers: sm(locale, 'form.answers'),
    noticeDetails: sm(locale, 'form.details'),
    noticeIncident: sm(locale, 'kind.incident'),
    noticeMaintenance: sm(locale, 'kind.maintenance'),
  };
}
