import type { TicketStatus, TicketTable } from '../../db/schema.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { isRequired, type FieldCondition, type FieldDefinition, type RequestTypeDefinition } from '../../../shared/request-forms.js';
import type { NetworkSummary } from '../chain-validation/index.js';
import { accountPaths } from '../accounts/accounts.views.js';
import { otherLocale } from '../helpcenter/helpcenter.service.js';
import { hcPath, layout, withQuery, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { html, safeHref, trusted, type HtmlValue, type SafeHtml } from '../helpcenter/html.js';
import { formNoticesPanel, formNoticeStrings } from '../status/status.banner.js';
import type { Notice } from '../status/status.queries.js';
import { PORTAL_CSS_PATH } from './portal.css.js';
import { REQUEST_FORM_JS_PATH } from './portal.script.js';
import './portal.messages.js';

const m = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `portal.${key}`, params);

/** Paths of the portal pages (relative; locale first like every help-center page). */
export const portalPaths = {
  newRequest: (locale: Locale, type?: string) => withQuery(hcPath(locale, 'requests', 'new'), { type }),
  deflect: (locale: Locale) => hcPath(locale, 'requests', 'deflect'),
  solved: (locale: Locale) => hcPath(locale, 'requests', 'solved'),
  list: (locale: Locale) => hcPath(locale, 'requests'),
  ticket: (locale: Locale, number: number) => hcPath(locale, 'requests', String(number)),
  article: (locale: Locale, slug: string) => hcPath(locale, 'articles', slug),
};

/** Everything a page needs about the instance (brand, networks and assets offered in forms). */
export interface PortalContext extends SiteContext {
  networks: NetworkSummary[];
  assets: string[];
  uploadLimits: { files: number; bytes: string; allowed: string };
}

interface PageOptions {
  locale: Locale;
  title: string;
  switchHref: string;
  crumbs?: Array<{ label: string; href?: string }>;
  wide?: boolean;
  /** JSON handed to the page script (field rules, strings); inert data, never executed. */
  data?: unknown;
}

/** JSON for a `<script type="application/json">` block: `<` is escaped so no tag can end the block. */
function jsonBlock(value: unknown): SafeHtml {
  return trusted(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}

function page(site: SiteContext, options: PageOptions, content: SafeHtml): string {
  const { locale } = options;
  // The layout has no slot for extra assets; body <link rel="stylesheet"> and deferred scripts are valid HTML.
  const main = html`<link rel="stylesheet" href="${PORTAL_CSS_PATH}">
<div class="portal${options.wide ? ' wide' : ''}">
${content}
</div>
${options.data !== undefined ? html`<script type="application/json" id="portal-data">${jsonBlock(options.data)}</script>\n` : ''}<script src="${REQUEST_FORM_JS_PATH}" defer></script>`;
  return layout(
    site,
    { locale, title: options.title, alternates: {}, switchHref: options.switchHref, breadcrumbs: options.crumbs ?? [{ label: options.title }], headerSearch: false, noindex: true },
    main,
  );
}

const csrfInput = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;

function formatDateTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(locale === 'zh-cn' ? 'zh-CN' : 'en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' }).format(date);
  return `${text} UTC`;
}

const time = (locale: Locale, iso: string) => html`<time datetime="${iso}">${formatDateTime(locale, iso)}</time>`;

export function statusBadge(locale: Locale, status: TicketStatus | string): SafeHtml {
  const known = ['new', 'open', 'pending', 'hold', 'solved', 'closed'].includes(status) ? status : 'open';
  return html`<span class="badge s-${known}" data-status="${known}">${m(locale, `status.${known}`)}</span>`;
}

// ---------------------------------------------------------------------------------------------
// Step 1: choose a request type

export function chooserPage(ctx: PortalContext, locale: Locale, types: RequestTypeDefinition[], options: { alert?: string } = {}): string {
  const content = html`<h1 id="page-title">${m(locale, 'new.title')}</h1>
${options.alert ? html`<div class="alert" role="alert"><p>${options.alert}</p></div>` : ''}
<h2>${m(locale, 'new.chooseHeading')}</h2>
<p>${m(locale, 'new.chooseIntro')}</p>
<ul class="types">${types.map(
    (type) => html`<li><a href="${portalPaths.newRequest(locale, type.key)}" data-type="${type.key}"><strong>${type.name[locale]}</strong><span>${type.description[locale]}</span></a></li>`,
  )}</ul>`;
  return page(ctx, { locale, title: m(locale, 'new.title'), switchHref: portalPaths.newRequest(otherLocale(locale)) }, content);
}

// ---------------------------------------------------------------------------------------------
// Step 2: the form of one request type

export interface Issue {
  field: string;
  message: string;
}

export interface Suggestion {
  id: string;
  slug: string;
  title: string;
  /** Escaped text with <mark> highlights (re-sanitized by the caller). */
  snippet: SafeHtml;
}

export interface RequestFormView {
  csrf: string;
  type: RequestTypeDefinition;
  values: { subject: string; description: string; email: string; name: string; fields: Record<string, string> };
  formToken: string;
  uploads: { token: string; files: Array<{ filename: string; size: number }> } | null;
  errors: Issue[];
  warnings: Issue[];
  /** A message about the whole form (not tied to one field). */
  alert?: string | undefined;
  /** Signed-in user's email; guests get email and name fields instead. */
  userEmail: string | null;
  /** Articles found by "Check for answers first"; undefined when not asked. */
  suggestions?: Suggestion[] | undefined;
  /** Active status notices matching the type, asset and network chosen so far. */
  statusNotices?: readonly Notice[] | undefined;
}

/** The id of a form control (type fields get their own prefix: their keys may be anything). */
export function controlId(type: RequestTypeDefinition, field: string): string {
  if (type.fields.some((f) => f.key === field)) return `fx-${field}`;
  if (field === 'uploads') return 'f-attachments';
  return `f-${field}`;
}

const quoteList = (values: string[], locale: Locale) => values.map((v) => `“${v}”`).join(m(locale, 'cond.or'));

function conditionText(locale: Locale, type: RequestTypeDefinition, conditions: FieldCondition[]): string {
  return conditions
    .map((c) => {
      const ref = type.fields.find((f) => f.key === c.field);
      const label = ref?.label[locale] ?? c.field;
      if (c.filled !== undefined) return m(locale, c.filled ? 'cond.filled' : 'cond.empty', { field: label });
      const values = (c.equals ?? []).map((v) => ref?.options?.find((o) => o.value === v)?.label[locale] ?? v);
      return m(locale, 'cond.equals', { field: label, values: quoteList(values, locale) });
    })
    .join(m(locale, 'cond.and'));
}

const sameConditions = (a: FieldCondition[] | undefined, b: FieldCondition[] | boolean) => Array.isArray(b) && JSON.stringify(a ?? []) === JSON.stringify(b);

/** The "only when …" / "required when …" hint shown when a field depends on others (script hides it). */
function fieldConditionHint(locale: Locale, ctx: PortalContext, type: RequestTypeDefinition, field: FieldDefinition): string | null {
  const parts: string[] = [];
  if (field.type === 'memo') {
    const names = ctx.networks.filter((n) => n.memo !== 'none').map((n) => n.name);
    if (names.length) parts.push(m(locale, 'cond.memo', { networks: names.join(locale === 'zh-cn' ? '、' : ', ') }));
  }
  if (field.visibleWhen?.length) parts.push(m(locale, 'cond.visibleWhen', { conditions: conditionText(locale, type, field.visibleWhen) }));
  if (Array.isArray(field.required) && !sameConditions(field.visibleWhen, field.required)) {
    parts.push(m(locale, 'cond.requiredWhen', { conditions: conditionText(locale, type, field.required) }));
  }
  return parts.length ? parts.join(' ') : null;
}

interface BlockOptions {
  id: string;
  label: string;
  /** Shown as required now (marker + attribute); the script keeps it current. */
  required: boolean;
  /** Never required: "(optional)" after the label. */
  optional?: boolean;
  hint?: string | null | undefined;
  cond?: string | null | undefined;
  error?: string | undefined;
  warnings?: string[];
  wrapper?: { id: string; key: string } | undefined;
  extra?: HtmlValue;
  control: (aria: SafeHtml) => SafeHtml;
}

/** One labelled control with its hint, condition, error and warnings, wired with aria-describedby. */
function fieldBlock(locale: Locale, o: BlockOptions): SafeHtml {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.cond ? `${o.id}-cond` : '', o.error ? `${o.id}-error` : '', o.warnings?.length ? `${o.id}-warn` : ''].filter(Boolean).join(' ');
  const aria = html`${o.required ? html` required` : ''}${o.error ? html` aria-invalid="true"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}`;
  return html`<div class="field${o.error ? ' invalid' : ''}"${o.wrapper ? html` id="${o.wrapper.id}" data-field="${o.wrapper.key}"` : ''}>
<label for="${o.id}">${o.label}<span class="req" aria-hidden="true"${o.required ? '' : trusted(' hidden')}>*</span>${o.optional ? html`<span class="opt">(${m(locale, 'new.optional')})</span>` : ''}</label>
${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : ''}${o.cond ? html`<p class="cond" id="${o.id}-cond">${o.cond}</p>` : ''}
<p class="field-error" id="${o.id}-error"${o.error ? '' : trusted(' hidden')}>${o.error ?? ''}</p>
<div class="field-warn" id="${o.id}-warn"${o.warnings?.length ? '' : trusted(' hidden')}>${(o.warnings ?? []).map((w) => html`<p>${w}</p>`)}</div>
${o.extra ?? ''}${o.control(aria)}
</div>`;
}

const DEFAULT_MAX: Partial<Record<FieldDefinition['type'], number>> = { textarea: 10_000, api_error: 1000 };
const TECHNICAL = trusted(' autocomplete="off" autocapitalize="off" spellcheck="false"');

function typeFieldControl(locale: Locale, ctx: PortalContext, field: FieldDefinition, id: string, value: string, aria: SafeHtml): SafeHtml {
  const name = `field_${field.key}`;
  const max = field.maxLength ?? DEFAULT_MAX[field.type] ?? 500;
  const choose = html`<option value="">${m(locale, 'new.choose')}</option>`;
  const selected = (v: string) => (v === value ? trusted(' selected') : '');
  switch (field.type) {
    case 'select':
      return html`<select id="${id}" name="${name}"${aria}>${choose}${(field.options ?? []).map((o) => html`<option value="${o.value}"${selected(o.value)}>${o.label[locale]}</option>`)}</select>`;
    case 'network':
      return html`<select id="${id}" name="${name}" data-network${aria}>${choose}${ctx.networks.map(
        (n) => html`<option value="${n.id}" data-memo="${n.memo}"${selected(n.id)}>${n.label}</option>`,
      )}</select>`;
    case 'asset':
      if (!ctx.assets.length) return html`<input id="${id}" name="${name}" type="text" value="${value}" maxlength="${max}"${TECHNICAL}${aria}>`;
      return html`<select id="${id}" name="${name}"${aria}>${choose}${ctx.assets.map((a) => html`<option value="${a}"${selected(a)}>${a}</option>`)}</select>`;
    case 'datetime':
      return html`<input id="${id}" name="${name}" type="datetime-local" value="${value}"${aria}>`;
    case 'textarea':
      return html`<textarea id="${id}" name="${name}" rows="5" maxlength="${max}"${aria}>${value}</textarea>`;
    case 'api_error':
      return html`<textarea id="${id}" name="${name}" rows="3" maxlength="${max}"${TECHNICAL}${aria}>${value}</textarea>`;
    case 'email':
      return html`<input id="${id}" name="${name}" type="email" value="${value}" maxlength="${max}" autocomplete="off"${aria}>`;
    case 'url':
      return html`<input id="${id}" name="${name}" type="url" value="${value}" maxlength="${max}"${TECHNICAL}${aria}>`;
    case 'amount':
      return html`<input id="${id}" name="${name}" type="text" inputmode="decimal" value="${value}" maxlength="${max}"${TECHNICAL}${aria}>`;
    case 'http_status':
      return html`<input id="${id}" name="${name}" type="text" inputmode="numeric" value="${value}" maxlength="3"${TECHNICAL}${aria}>`;
    case 'account_id':
    case 'order_id':
    case 'address':
    case 'memo':
    case 'tx_hash':
      return html`<input id="${id}" name="${name}" type="text" value="${value}" maxlength="${max}" class="mono"${TECHNICAL}${aria}>`;
    default:
      return html`<input id="${id}" name="${name}" type="text" value="${value}" maxlength="${max}"${aria}>`;
  }
}

function errorSummary(locale: Locale, type: RequestTypeDefinition, errors: Issue[], alert: string | undefined): HtmlValue {
  if (!errors.length && !alert) return '';
  return html`<div class="alert" role="alert" tabindex="-1" id="error-summary">
${alert ? html`<p>${alert}</p>` : ''}${errors.length ? html`<p>${m(locale, 'errors.summary')}</p><ul>${errors.map((e) => html`<li><a href="#${controlId(type, e.field)}">${e.message}</a></li>`)}</ul>` : ''}
</div>`;
}

function articleLink(locale: Locale, s: Suggestion, newTab: boolean): SafeHtml {
  return newTab
    ? html`<a href="${portalPaths.article(locale, s.slug)}" target="_blank" rel="noopener">${s.title}<span class="vh"> ${m(locale, 'suggest.newTab')}</span></a>`
    : html`<a href="${portalPaths.article(locale, s.slug)}">${s.title}</a>`;
}

/** Articles found before submitting, each with a small "this solved my problem" form (works without script). */
function suggestionsPanel(locale: Locale, view: RequestFormView, suggestions: Suggestion[]): SafeHtml {
  const query = `${view.values.subject} ${view.values.description}`.trim().slice(0, 500);
  if (!suggestions.length) return html`<div class="suggestions" id="suggestions" role="status"><p>${m(locale, 'suggest.none')}</p></div>`;
  return html`<section class="suggestions" id="suggestions" aria-labelledby="suggestions-title" tabindex="-1">
<h2 id="suggestions-title">${m(locale, 'suggest.title')}</h2>
<ol>${suggestions.map(
    (s) => html`<li><h3 class="vh">${s.title}</h3>${articleLink(locale, s, true)}<p>${s.snippet}</p>
<form method="post" action="${portalPaths.deflect(locale)}" class="deflect">${csrfInput(view.csrf)}<input type="hidden" name="article_id" value="${s.id}"><input type="hidden" name="article_slug" value="${s.slug}"><input type="hidden" name="query" value="${query}"><input type="hidden" name="request_type" value="${view.type.key}">
<button type="submit" class="secondary">${m(locale, 'suggest.solved')}</button></form></li>`,
  )}</ol>
</section>`;
}

/** Strings and field rules the page script needs (the same rules the server applies). */
function formScriptData(locale: Locale, view: RequestFormView) {
  return {
    locale,
    type: view.type.key,
    fields: view.type.fields.map((f) => ({ key: f.key, type: f.type, required: f.required, visibleWhen: f.visibleWhen ?? [] })),
    articleBase: `${hcPath(locale, 'articles')}/`,
    strings: { ...scriptStrings(locale), ...formNoticeStrings(locale) },
  };
}

function scriptStrings(locale: Locale) {
  return {
    solved: m(locale, 'suggest.solved'),
    newTab: m(locale, 'suggest.newTab'),
    thanksTitle: m(locale, 'suggest.thanksTitle'),
    thanksText: m(locale, 'suggest.thanksText'),
    stillNeedHelp: m(locale, 'suggest.stillNeedHelp'),
    uploading: m(locale, 'script.uploading'),
    uploadFailed: m(locale, 'script.uploadFailed'),
    waitUpload: m(locale, 'script.waitUpload'),
  };
}

export function requestFormPage(ctx: PortalContext, locale: Locale, view: RequestFormView): string {
  const { type, values } = view;
  const errorOf = (field: string) => view.errors.find((e) => e.field === field)?.message;
  const warningsOf = (field: string) => view.warnings.filter((w) => w.field === field).map((w) => w.message);
  const fieldValues = values.fields;
  const signinHref = withQuery(accountPaths.signin(locale), { next: portalPaths.newRequest(locale, type.key) });

  const identity = view.userEmail
    ? html`<p class="meta">${m(locale, 'new.signedInAs', { email: view.userEmail })}</p>`
    : html`<p class="meta">${m(locale, 'new.guestIntro')} <a href="${signinHref}">${m(locale, 'new.guestSignIn')}</a>.</p>
${fieldBlock(locale, { id: 'f-email', label: m(locale, 'new.email'), required: true, hint: m(locale, 'new.emailHint'), error: errorOf('email'), control: (aria) => html`<input id="f-email" name="email" type="email" value="${values.email}" maxlength="254" autocomplete="email"${aria}>` })}
${fieldBlock(locale, { id: 'f-name', label: m(locale, 'new.name'), required: false, optional: true, error: errorOf('name'), control: (aria) => html`<input id="f-name" name="name" type="text" value="${values.name}" maxlength="80" autocomplete="name"${aria}>` })}`;

  const typeFields = type.fields.map((field) => {
    const id = controlId(type, field.key);
    return fieldBlock(locale, {
      id,
      label: field.label[locale],
      required: isRequired(field, fieldValues),
      optional: field.required === false && field.type !== 'memo',
      hint: field.help?.[locale],
      cond: fieldConditionHint(locale, ctx, type, field),
      error: errorOf(field.key),
      warnings: warningsOf(field.key),
      wrapper: { id: `w-${field.key}`, key: field.key },
      control: (aria) => typeFieldControl(locale, ctx, field, id, fieldValues[field.key] ?? '', aria),
    });
  });

  const uploaded = view.uploads?.files ?? [];
  const attachments = fieldBlock(locale, {
    id: 'f-attachments',
    label: m(locale, 'new.attachments'),
    required: false,
    optional: true,
    hint: m(locale, 'new.attachmentsHint', { allowed: ctx.uploadLimits.allowed, files: ctx.uploadLimits.files, size: ctx.uploadLimits.bytes }),
    error: errorOf('uploads'),
    extra: html`<ul class="uploaded" id="f-attachments-list" aria-label="${m(locale, 'new.attached')}">${uploaded.map((f) => html`<li>${f.filename}</li>`)}</ul>
<input type="hidden" name="uploads" value="${view.uploads?.token ?? ''}">`,
    control: (aria) => html`<input id="f-attachments" name="file" type="file" multiple data-upload="f-attachments"${aria}>`,
  });

  const content = html`<h1 id="page-title">${m(locale, 'new.title')}</h1>
<p>${m(locale, 'new.topic')}: <strong>${type.name[locale]}</strong> · <a href="${portalPaths.newRequest(locale)}">${m(locale, 'new.changeTopic')}</a></p>
${errorSummary(locale, type, view.errors, view.alert)}
${formNoticesPanel(locale, { csrf: view.csrf, typeKey: type.key, query: `${values.subject} ${values.description}`.trim().slice(0, 500), notices: view.statusNotices ?? [], brand: ctx.brand })}
${view.suggestions ? suggestionsPanel(locale, view, view.suggestions) : ''}
<form class="form" id="request-form" method="post" action="${withQuery(portalPaths.newRequest(locale), { _csrf: view.csrf })}" enctype="multipart/form-data" novalidate data-once>
${csrfInput(view.csrf)}
<input type="hidden" name="request_type" value="${type.key}">
<input type="hidden" name="form_token" value="${view.formToken}">
<p class="meta">${m(locale, 'new.requiredNote')}</p>
${identity}
${fieldBlock(locale, { id: 'f-subject', label: m(locale, 'new.subject'), required: true, hint: m(locale, 'new.subjectHint'), error: errorOf('subject'), warnings: warningsOf('subject'), control: (aria) => html`<input id="f-subject" name="subject" type="text" value="${values.subject}" maxlength="200" autocomplete="off"${aria}>` })}
${fieldBlock(locale, { id: 'f-description', label: m(locale, 'new.description'), required: true, hint: m(locale, 'new.descriptionHint'), error: errorOf('description'), warnings: warningsOf('description'), control: (aria) => html`<textarea id="f-description" name="description" rows="7" maxlength="20000"${aria}>${values.description}</textarea>` })}
<section class="suggestions" id="live-suggestions" aria-labelledby="live-suggestions-title" aria-live="polite" hidden>
<h2 id="live-suggestions-title">${m(locale, 'suggest.title')}</h2>
<ol></ol>
</section>
${typeFields}
${attachments}
<div class="actions">
<button type="submit" name="intent" value="submit">${m(locale, 'new.submit')}</button>
<button type="submit" class="secondary" name="intent" value="suggest" formnovalidate>${m(locale, 'new.checkAnswers')}</button>
</div>
</form>`;
  return page(
    ctx,
    {
      locale,
      title: `${m(locale, 'new.title')}: ${type.name[locale]}`,
      switchHref: portalPaths.newRequest(otherLocale(locale), type.key),
      crumbs: [{ label: m(locale, 'new.title'), href: portalPaths.newRequest(locale) }, { label: type.name[locale] }],
      data: formScriptData(locale, view),
    },
    content,
  );
}

// ---------------------------------------------------------------------------------------------
// After a deflection, a duplicate submit, or a refused form

export function solvedPage(ctx: PortalContext, locale: Locale, article: { slug: string; title: string } | null, requestType: string | null): string {
  const content = html`<h1 id="page-title">${m(locale, 'suggest.thanksTitle')}</h1>
<div class="notice" role="status"><p>${m(locale, 'suggest.thanksText')}</p></div>
${article ? html`<p>${m(locale, 'suggest.readAgain')} <a href="${portalPaths.article(locale, article.slug)}">${article.title}</a></p>` : ''}
<p><a href="${portalPaths.newRequest(locale, requestType ?? undefined)}">${m(locale, 'suggest.stillNeedHelp')}</a></p>`;
  return page(ctx, { locale, title: m(locale, 'suggest.thanksTitle'), switchHref: withQuery(portalPaths.solved(otherLocale(locale)), { article: article?.slug }) }, content);
}

export function duplicatePage(ctx: PortalContext, locale: Locale, number: number, guest: boolean, signedIn: boolean): string {
  const content = html`<h1 id="page-title">${m(locale, 'created.duplicateTitle')}</h1>
<div class="notice" role="status"><p>${m(locale, 'created.duplicateText', { number })}</p>${guest ? html`<p>${m(locale, 'created.duplicateGuest')}</p>` : ''}</div>
${signedIn ? html`<p><a href="${portalPaths.ticket(locale, number)}">${m(locale, 'ticket.heading', { number })}</a></p>` : ''}`;
  return page(ctx, { locale, title: m(locale, 'created.duplicateTitle'), switchHref: hcPath(otherLocale(locale)) }, content);
}

export function notFoundPage(ctx: PortalContext, locale: Locale, next?: string): string {
  const content = html`<h1 id="page-title">${m(locale, 'errors.notFoundTitle')}</h1>
<p>${m(locale, 'errors.notFoundText')}</p>
<ul class="links">
<li><a href="${withQuery(accountPaths.signin(locale), { next })}">${t(locale, 'hc.nav.signIn')}</a></li>
<li><a href="${portalPaths.newRequest(locale)}">${t(locale, 'hc.nav.submitRequest')}</a></li>
<li><a href="${hcPath(locale)}">${t(locale, 'hc.error.backHome')}</a></li>
</ul>`;
  return page(ctx, { locale, title: m(locale, 'errors.notFoundTitle'), switchHref: hcPath(otherLocale(locale)) }, content);
}

export function expiredPage(ctx: PortalContext, locale: Locale, retryHref: string): string {
  const content = html`<h1 id="page-title">${m(locale, 'errors.expiredTitle')}</h1>
<div class="alert" role="alert"><p>${m(locale, 'errors.expiredText')}</p></div>
<p><a href="${retryHref}">${m(locale, 'errors.expiredRetry')}</a></p>`;
  return page(ctx, { locale, title: m(locale, 'errors.expiredTitle'), switchHref: hcPath(otherLocale(locale)) }, content);
}

// ---------------------------------------------------------------------------------------------
// My requests

export type ListFilter = 'all' | 'open' | 'solved';

export interface ListView {
  rows: TicketTable[];
  count: number;
  page: number;
  pageCount: number;
  filter: ListFilter;
  typeName: (ticket: TicketTable) => string;
}

export function listPage(ctx: PortalContext, locale: Locale, view: ListView): string {
  const path = portalPaths.list(locale);
  const link = (filter: ListFilter, page?: number) => withQuery(path, { status: filter === 'all' ? undefined : filter, page: page && page > 1 ? page : undefined });
  const filters: ListFilter[] = ['all', 'open', 'solved'];
  const table = view.rows.length
    ? html`<table class="requests">
<caption>${m(locale, 'list.caption')} · ${m(locale, 'list.count', { count: view.count })}</caption>
<thead><tr><th scope="col">${m(locale, 'list.number')}</th><th scope="col">${m(locale, 'list.subject')}</th><th scope="col">${m(locale, 'list.status')}</th><th scope="col">${m(locale, 'list.updated')}</th></tr></thead>
<tbody>${view.rows.map(
        (row) => html`<tr data-number="${row.number}"><td><a href="${portalPaths.ticket(locale, row.number)}">#${row.number}</a></td><td class="subject"><a href="${portalPaths.ticket(locale, row.number)}">${row.subject}</a><br><span class="meta">${view.typeName(row)}</span></td><td>${statusBadge(locale, row.status)}</td><td>${time(locale, row.updated_at)}</td></tr>`,
      )}</tbody>
</table>`
    : html`<p>${view.filter === 'all' ? m(locale, 'list.empty') : m(locale, 'list.emptyFilter')}</p>`;
  const pager =
    view.pageCount > 1
      ? html`<nav class="pager" aria-label="${t(locale, 'hc.pagination.label')}">
${view.page > 1 ? html`<a rel="prev" href="${link(view.filter, view.page - 1)}">← ${t(locale, 'hc.pagination.previous')}</a>` : ''}
<span aria-current="page">${t(locale, 'hc.pagination.pageOf', { page: view.page, pages: view.pageCount })}</span>
${view.page < view.pageCount ? html`<a rel="next" href="${link(view.filter, view.page + 1)}">${t(locale, 'hc.pagination.next')} →</a>` : ''}
</nav>`
      : '';
  const content = html`<h1 id="page-title">${m(locale, 'list.title')}</h1>
<p><a class="button" href="${portalPaths.newRequest(locale)}">${m(locale, 'list.newRequest')}</a></p>
<nav aria-label="${m(locale, 'list.filter')}"><ul class="filters">${filters.map(
    (f) => html`<li><a href="${link(f)}"${f === view.filter ? trusted(' aria-current="page"') : ''}>${m(locale, `list.${f}`)}</a></li>`,
  )}</ul></nav>
${table}
${pager}`;
  return page(ctx, { locale, title: m(locale, 'list.title'), switchHref: link(view.filter, view.page).replace(`/hc/${locale}/`, `/hc/${otherLocale(locale)}/`), wide: true }, content);
}

// ---------------------------------------------------------------------------------------------
// One request

export interface TicketComment {
  seq: number;
  role: string;
  authorName: string;
  body: string;
  createdAt: string;
  attachments: Array<{ id: string; filename: string; size: number }>;
}

export interface TicketFact {
  label: string;
  value: string;
  mono?: boolean;
  links?: Array<{ href: string; host: string }>;
}

export type TicketNotice = 'created' | 'replied' | 'solved' | 'rated';

export interface TicketView {
  csrf: string;
  ticket: TicketTable;
  typeName: string;
  facts: TicketFact[];
  comments: TicketComment[];
  finalHash: string;
  /** The guest's follow-link token: added to every link and form of the page. */
  guestToken: string | null;
  guestLink: string | null;
  notice: TicketNotice | null;
  /** What the shield hid on the last submit or reply, by field label. */
  hidden: Array<{ label: string; kinds: string[] }>;
  warning: string | null;
  replyError?: string | undefined;
  replyValue?: string | undefined;
  uploads?: { token: string; files: Array<{ filename: string; size: number }> } | null;
  ratingError?: string | undefined;
  uploadLimits: PortalContext['uploadLimits'];
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function ticketPage(ctx: PortalContext, locale: Locale, view: TicketView): string {
  const { ticket } = view;
  const number = ticket.number;
  const tokenQuery = view.guestToken ? { token: view.guestToken } : {};
  const here = withQuery(portalPaths.ticket(locale, number), tokenQuery);
  const action = (suffix: string, extra: Record<string, string> = {}) => withQuery(`${portalPaths.ticket(locale, number)}/${suffix}`, { ...tokenQuery, ...extra });
  const attachmentHref = (id: string) => withQuery(`/api/v2/attachments/${encodeURIComponent(id)}/content`, tokenQuery);
  const recordHref = (format: 'html' | 'json') => withQuery(`/api/v2/requests/${number}/record.${format}`, { ...tokenQuery, locale });
  const closed = ticket.status === 'closed';
  const solved = ticket.status === 'solved' || closed;

  const notice = view.notice
    ? html`<div class="notice" role="status" id="notice">
${view.notice === 'created' ? html`<p>${m(locale, 'created.title', { number })}</p><p>${m(locale, 'created.text')}</p>` : ''}
${view.notice === 'created' && view.guestLink ? html`<p>${m(locale, 'created.guestEmailed')}</p><p>${m(locale, 'created.guestLink')} <span class="linkbox">${view.guestLink}</span></p>` : ''}
${view.notice === 'replied' ? html`<p>${m(locale, 'ticket.replied')}</p>` : ''}
${view.notice === 'solved' ? html`<p>${m(locale, 'ticket.solvedNotice')}</p>` : ''}
${view.notice === 'rated' ? html`<p>${m(locale, 'ticket.rated')}</p>` : ''}
</div>`
    : '';
  const shield =
    view.hidden.length || view.warning
      ? html`<div class="warning" role="note" aria-labelledby="shield-title" id="shield">
<strong class="title" id="shield-title">${m(locale, 'shield.title')}</strong>
${view.hidden.map((h) => html`<p>${m(locale, 'shield.field', { field: h.label, kinds: h.kinds.join(locale === 'zh-cn' ? '、' : ', ') })}</p>`)}
${view.warning ? html`<p>${view.warning}</p>` : ''}
</div>`
      : '';

  const facts = html`<dl class="facts">
<dt>${m(locale, 'ticket.status')}</dt><dd>${statusBadge(locale, ticket.status)}</dd>
<dt>${m(locale, 'ticket.topic')}</dt><dd>${view.typeName}</dd>
<dt>${m(locale, 'ticket.submitted')}</dt><dd>${time(locale, ticket.created_at)}</dd>
<dt>${m(locale, 'ticket.updated')}</dt><dd>${time(locale, ticket.updated_at)}</dd>
${view.facts.map(
    (f) => html`<dt>${f.label}</dt><dd><span${f.mono ? trusted(' class="mono"') : ''}>${f.value}</span>${(f.links ?? []).map(
      (l) => html`<br><a href="${safeHref(l.href)}" rel="noopener noreferrer">${m(locale, 'ticket.explorer', { host: l.host })}</a>`,
    )}</dd>`,
  )}
</dl>`;

  const who = (role: string) => (role === 'requester' ? m(locale, 'ticket.you') : role === 'agent' ? m(locale, 'ticket.agent') : m(locale, 'ticket.system'));
  const thread = html`<ol class="thread">${view.comments.map(
    (c) => html`<li class="msg ${c.role === 'agent' ? 'agent' : c.role === 'requester' ? 'requester' : 'system'}" id="message-${c.seq}">
<header><span class="who">${who(c.role)}${c.authorName && c.role !== 'requester' ? html` · ${c.authorName}` : ''}</span><span class="when">${time(locale, c.createdAt)}</span></header>
<div class="text">${c.body}</div>
${c.attachments.length ? html`<h3 class="vh">${m(locale, 'ticket.attachments')}</h3><ul class="files">${c.attachments.map((a) => html`<li><a href="${attachmentHref(a.id)}" download>${a.filename}</a> <span class="meta">(${formatSize(a.size)})</span></li>`)}</ul>` : ''}
</li>`,
  )}</ol>`;

  const uploaded = view.uploads?.files ?? [];
  const replyDescribed = ['reply-body-hint', view.replyError ? 'reply-body-error' : ''].filter(Boolean).join(' ');
  const reply = closed
    ? html`<p class="notice">${m(locale, 'ticket.closed')} <a href="${portalPaths.newRequest(locale)}">${t(locale, 'hc.nav.submitRequest')}</a></p>`
    : html`<section class="panel" aria-labelledby="reply-title">
<h2 id="reply-title">${m(locale, 'ticket.reply')}</h2>
<form method="post" action="${action('comments', { _csrf: view.csrf })}" enctype="multipart/form-data" novalidate data-once>
${csrfInput(view.csrf)}
<div class="field${view.replyError ? ' invalid' : ''}">
<label for="reply-body">${m(locale, 'ticket.replyLabel')}<span class="req" aria-hidden="true">*</span></label>
<p class="hint" id="reply-body-hint">${t(locale, 'portal.new.descriptionHint')}</p>
${view.replyError ? html`<p class="field-error" id="reply-body-error">${view.replyError}</p>` : ''}
<textarea id="reply-body" name="body" rows="6" maxlength="20000" required aria-describedby="${replyDescribed}"${view.replyError ? trusted(' aria-invalid="true"') : ''}>${view.replyValue ?? ''}</textarea>
</div>
<div class="field">
<label for="reply-files">${m(locale, 'new.attachments')}<span class="opt">(${m(locale, 'new.optional')})</span></label>
<p class="hint" id="reply-files-hint">${m(locale, 'new.attachmentsHint', { allowed: view.uploadLimits.allowed, files: view.uploadLimits.files, size: view.uploadLimits.bytes })}</p>
<p class="field-error" id="reply-files-error" hidden></p>
<ul class="uploaded" id="reply-files-list" aria-label="${m(locale, 'new.attached')}">${uploaded.map((f) => html`<li>${f.filename}</li>`)}</ul>
<input type="hidden" name="uploads" value="${view.uploads?.token ?? ''}">
<input id="reply-files" name="file" type="file" multiple data-upload="reply-files" aria-describedby="reply-files-hint">
</div>
<div class="actions"><button type="submit">${m(locale, 'ticket.replySubmit')}</button></div>
</form>
</section>`;

  const solve = solved
    ? ''
    : html`<section class="panel" aria-labelledby="solve-title">
<h2 id="solve-title">${m(locale, 'ticket.solveHeading')}</h2>
<p>${m(locale, 'ticket.solveText')}</p>
<form method="post" action="${action('solve')}" data-once>${csrfInput(view.csrf)}<button type="submit" class="secondary">${m(locale, 'ticket.solve')}</button></form>
</section>`;

  const ratingLabel = (r: string) => (r === 'good' ? m(locale, 'ticket.good') : m(locale, 'ticket.bad'));
  const rate = solved || view.ratingError
    ? html`<section class="panel" aria-labelledby="rate-title" id="rate">
<h2 id="rate-title">${m(locale, 'ticket.rateHeading')}</h2>
${ticket.satisfaction_rating ? html`<p data-rating="${ticket.satisfaction_rating}">${m(locale, 'ticket.currentRating', { rating: ratingLabel(ticket.satisfaction_rating) })}</p>` : ''}
${view.ratingError ? html`<p class="field-error" id="rating-error">${view.ratingError}</p>` : ''}
<form method="post" action="${action('rate')}" data-once>${csrfInput(view.csrf)}
<fieldset${view.ratingError ? trusted(' aria-describedby="rating-error"') : ''}><legend>${m(locale, 'ticket.rateLegend')}</legend>
<div class="choice"><input type="radio" id="rating-good" name="rating" value="good"${ticket.satisfaction_rating === 'good' ? trusted(' checked') : ''}><label for="rating-good">${m(locale, 'ticket.good')}</label></div>
<div class="choice"><input type="radio" id="rating-bad" name="rating" value="bad"${ticket.satisfaction_rating === 'bad' ? trusted(' checked') : ''}><label for="rating-bad">${m(locale, 'ticket.bad')}</label></div>
</fieldset>
<div class="field"><label for="rating-comment">${m(locale, 'ticket.rateComment')}<span class="opt">(${m(locale, 'new.optional')})</span></label>
<textarea id="rating-comment" name="comment" rows="3" maxlength="2000">${ticket.satisfaction_comment ?? ''}</textarea></div>
<button type="submit">${m(locale, 'ticket.rateSubmit')}</button>
</form>
</section>`
    : '';

  const record = html`<section class="panel" aria-labelledby="record-title" id="record">
<h2 id="record-title">${m(locale, 'ticket.record')}</h2>
<p>${m(locale, 'ticket.recordText')}</p>
<p class="downloads"><a class="button secondary" href="${recordHref('html')}" download data-record="html">${m(locale, 'ticket.recordHtml')}</a> <a class="button secondary" href="${recordHref('json')}" download data-record="json">${m(locale, 'ticket.recordJson')}</a></p>
<p>${m(locale, 'ticket.finalHash')}: <code class="hash" id="final-hash">${view.finalHash}</code></p>
</section>`;

  const title = m(locale, 'ticket.heading', { number });
  const content = html`${notice}${shield}
<h1 id="page-title">${ticket.subject}</h1>
<p class="meta">${title}</p>
<section aria-labelledby="details-title"><h2 id="details-title" class="vh">${m(locale, 'ticket.details')}</h2>${facts}</section>
<section aria-labelledby="conversation-title"><h2 id="conversation-title">${m(locale, 'ticket.conversation')}</h2>${thread}</section>
${reply}
${solve}
${rate}
${record}`;
  const crumbs = view.guestToken ? [{ label: title }] : [{ label: m(locale, 'list.title'), href: portalPaths.list(locale) }, { label: title }];
  return page(ctx, { locale, title: `${title}: ${ticket.subject}`, switchHref: here.replace(`/hc/${locale}/`, `/hc/${otherLocale(locale)}/`), crumbs, wide: true, data: { locale, strings: scriptStrings(locale) } }, content);
}
