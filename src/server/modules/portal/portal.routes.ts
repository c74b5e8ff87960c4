import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { TicketStatus, TicketTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { t } from '../../i18n.js';
import { csrfTokenFor } from '../../plugins/session.js';
import { negotiateLocale, type Locale } from '../../../shared/locales.js';
import type { FieldValues, RequestTypeDefinition } from '../../../shared/request-forms.js';
import { signinRedirect } from '../accounts/accounts.pages.js';
import { formatBytes } from '../attachments/attachments.messages.js';
import { listNetworks } from '../chain-validation/index.js';
import { errorPage, withQuery } from '../helpcenter/helpcenter.views.js';
import { trusted } from '../helpcenter/html.js';
import { fillBrand } from '../kb/kb.render.js';
import type { KnowledgeBaseService } from '../kb/kb.service.js';
import { buildRecord } from '../records/record.render.js';
import { scanText, userWarning } from '../redaction/index.js';
import type { Requester, RequestsService, Viewer } from '../requests/requests.service.js';
import { requestNoticesOf, statusNoticesOf } from '../status/status.board.js';
import { PORTAL_CSS, PORTAL_CSS_ETAG } from './portal.css.js';
import { decodeHidden, encodeHidden, formTokenOf, newFormToken, readPostedForm, uploadTokenOf, type PostedForm } from './portal.forms.js';
import { unclaimedUploadFiles } from './portal.queries.js';
import { REQUEST_FORM_JS, REQUEST_FORM_JS_ETAG } from './portal.script.js';
import { uploadPostedFiles } from './portal.uploads.js';
import {
  chooserPage,
  duplicatePage,
  expiredPage,
  listPage,
  notFoundPage,
  portalPaths,
  requestFormPage,
  solvedPage,
  ticketPage,
  type Issue,
  type ListFilter,
  type PortalContext,
  type RequestFormView,
  type Suggestion,
  type TicketComment,
  type TicketFact,
  type TicketNotice,
} from './portal.views.js';
import { addPageSecurityHeaders, pageSecurityHeaders } from '../helpcenter/page-security.js';
import { pageLocale, queryValue } from '../helpcenter/page-request.js';

export interface PortalOptions {
  requests: RequestsService;
  kb: KnowledgeBaseService;
  config: Config;
}

/**
 * Pages carry CSRF tokens and personal data: never cached, no referrer leaves (guest links carry a
 * token). Scripts only from our origin (the one enhancement script), and under Trusted Types.
 */
const SECURITY_HEADERS = pageSecurityHeaders({ scripts: 'self', noReferrer: true, noStore: true, trustedTypes: true });

const hide = { schema: { hide: true } } as const;
/** Every portal form may come from a signed-out visitor: double-submit check for them, session token otherwise. */
const csrfAlways = { schema: { hide: true }, config: { csrf: 'always' as const } };
const PER_PAGE = 20;
const OPEN_STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'hold'];
const SOLVED_STATUSES: TicketStatus[] = ['solved', 'closed'];
const emailSchema = z.email();

type LocaleParams = { Params: { locale: string } };
type TicketParams = { Params: { locale: string; number: string } };

/**
 * Values a link may pre-fill on a new request form (troubleshooters, deflection pages):
 * `subject`, `description` and `field_<key>` for the type's own fields. Only shown, never stored,
 * until the user submits — and then the usual checks and the shield run.
 */
export function prefilledValues(query: unknown, type: RequestTypeDefinition): RequestFormView['values'] {
  const fields: Record<string, string> = {};
  for (const field of type.fields) {
    const value = queryValue(query, `field_${field.key}`);
    if (value) fields[field.key] = value.slice(0, field.maxLength ?? 20_000);
  }
  return {
    subject: queryValue(query, 'subject').slice(0, 200),
    description: queryValue(query, 'description').slice(0, 20_000),
    email: '',
    name: '',
    fields,
  };
}

const signedInUser = (request: FastifyRequest): string | null => (request.actor.userId && request.actor.kind !== 'anonymous' ? request.actor.userId : null);

/** Ticket numbers in URLs: digits only, in the range the API accepts; anything else is "not found". */
function ticketNumberOf(raw: string): number | null {
  if (!/^\d{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= 2_000_000_000 ? n : null;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
};

export const portalRoutes: FastifyPluginAsync<PortalOptions> = async (app, { requests, kb, config }) => {
  const enabled = new Set(config.brand.networks);
  const networksFor = (locale: Locale) => listNetworks(locale).filter((n) => enabled.size === 0 || enabled.has(n.id));
  const contexts = new Map<Locale, PortalContext>();
  const ctxFor = (locale: Locale): PortalContext => {
    let ctx = contexts.get(locale);
    if (!ctx) {
      ctx = {
        brand: config.brand,
        publicUrl: config.publicUrl,
        statusNotices: statusNoticesOf(app),
        networks: networksFor(locale),
        assets: config.brand.assets,
        uploadLimits: { files: config.attachments.maxFiles, bytes: formatBytes(config.attachments.maxBytes), allowed: t(locale, 'attachments.allowed') },
      };
      contexts.set(locale, ctx);
    }
    return ctx;
  };
  const pm = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `portal.${key}`, params);
  const statusNoticesFor = requestNoticesOf(app);
  const send = (reply: FastifyReply, status: number, body: string) => reply.status(status).type('text/html; charset=utf-8').send(body);

  // Files arrive with no-JS forms; the limits match the upload API's defaults (it checks again).
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: config.attachments.maxBytes, files: config.attachments.maxFiles, fields: 100, fieldSize: 100_000, parts: 120, headerPairs: 100 },
  });

  addPageSecurityHeaders(app, SECURITY_HEADERS);

  /** Where to send someone whose form expired: the page the form was on. */
  const retryHref = (request: FastifyRequest): string => {
    const [path = '', search = ''] = request.url.split('?');
    const params = new URLSearchParams(search);
    params.delete('_csrf');
    const back = path.replace(/\/(comments|solve|rate)$/, '').replace(/\/deflect$/, '/new');
    const qs = params.toString();
    return qs ? `${back}?${qs}` : back;
  };

  app.setErrorHandler(async (error: FastifyError | AppError | Error, request, reply) => {
    const locale = request.locale;
    const ctx = ctxFor(locale);
    if (error instanceof AppError) {
      if (error.code === 'csrf_failed') return send(reply, 403, expiredPage(ctx, locale, retryHref(request)));
      if (error.status === 404) return send(reply, 404, notFoundPage(ctx, locale));
      if (error.status < 500) {
        if (error.code === 'rate_limited' && error.params.seconds) reply.header('retry-after', String(error.params.seconds));
        const detail = typeof error.params.detail === 'string' ? error.params.detail : error.localizedMessage(locale);
        return send(reply, error.status, errorPage(ctx, locale, 'bad_request', { text: detail }));
      }
    } else {
      const status = (error as FastifyError).statusCode;
      if (typeof status === 'number' && status < 500) return send(reply, status, errorPage(ctx, locale, 'bad_request', { text: error.message }));
    }
    const reference = randomUUID();
    request.log.error({ err: error, reference }, 'request portal page failed');
    return send(reply, 500, errorPage(ctx, locale, 'server', { reference }));
  });

  /** The :locale segment: 404 when unknown, 301 to the canonical spelling of a variant (GET only). */
  const localeOf = (request: FastifyRequest<LocaleParams>, reply: FastifyReply): Locale | null =>
    pageLocale(request, reply, { notFound: () => send(reply, 404, notFoundPage(ctxFor(request.locale), request.locale)) });

  // --- Assets and locale-less entry points ------------------------------------------------------

  app.get('/hc/assets/request-form.js', hide, async (request, reply) => {
    reply.header('etag', REQUEST_FORM_JS_ETAG).header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === REQUEST_FORM_JS_ETAG) return reply.status(304).send();
    return reply.type('text/javascript; charset=utf-8').send(REQUEST_FORM_JS);
  });

  app.get('/hc/assets/portal.css', hide, async (request, reply) => {
    reply.header('etag', PORTAL_CSS_ETAG).header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === PORTAL_CSS_ETAG) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(PORTAL_CSS);
  });

  const negotiated = (request: FastifyRequest) => negotiateLocale(request.headers['accept-language'], config.defaultLocale);

  // The brand's configured request URL has no locale: the browser's language picks one.
  app.get('/hc/requests/new', hide, async (request, reply) => {
    const type = queryValue(request.query, 'type');
    const target = portalPaths.newRequest(negotiated(request), /^[a-z][a-z0-9_]{0,39}$/.test(type) ? type : undefined);
    return reply.header('vary', 'Accept-Language').header('cache-control', 'private, no-cache').redirect(target, 302);
  });

  app.get('/hc/requests', hide, async (request, reply) =>
    reply.header('vary', 'Accept-Language').header('cache-control', 'private, no-cache').redirect(portalPaths.list(negotiated(request)), 302),
  );

  // --- New request ------------------------------------------------------------------------------

  const suggestionsFor = async (locale: Locale, query: string, typeKey: string): Promise<Suggestion[]> => {
    if (!query.trim()) return [];
    const hits = await requests.suggestions(query, locale, typeKey);
    return hits.map((h) => ({
      id: h.article.id,
      slug: h.article.slug,
      title: fillBrand(h.article.title, config.brand),
      snippet: trusted(sanitizeHtml(fillBrand(h.snippet, config.brand), { allowedTags: ['mark'], allowedAttributes: {} })),
    }));
  };

  /** Files of an unclaimed upload, when this visitor may still use it (same rule as submitting). */
  const uploadsOf = async (token: string, userId: string | null) => {
    if (!token) return null;
    const rows = await unclaimedUploadFiles(requests.db, token);
    if (!rows.length || rows.some((r) => r.uploader_id !== null && r.uploader_id !== userId)) return null;
    return { token, files: rows.map((r) => ({ filename: r.filename, size: r.size })) };
  };

  interface PostedValues {
    subject: string;
    description: string;
    email: string;
    name: string;
    fields: FieldValues;
  }

  const valuesOf = (form: PostedForm, type: RequestTypeDefinition): PostedValues => {
    const f = form.fields;
    const fields: FieldValues = {};
    for (const field of type.fields) {
      const value = f[`field_${field.key}`];
      if (typeof value === 'string') fields[field.key] = value.slice(0, 20_000);
    }
    return {
      subject: (f.subject ?? '').slice(0, 200),
      description: (f.description ?? '').slice(0, 20_000),
      email: (f.email ?? '').trim().slice(0, 254),
      name: (f.name ?? '').trim().slice(0, 80),
      fields,
    };
  };

  /**
   * The form again after a post: the values come back shielded (a secret typed into the form is
   * never sent back), with field errors, warnings (what the shield hid, chain warnings) and the
   * same form token, so a later submit still counts as the same one.
   */
  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    locale: Locale,
    type: RequestTypeDefinition,
    values: PostedValues,
    extra: { formToken: string; uploadToken: string; errors?: Issue[]; alert?: string; suggestions?: Suggestion[] },
  ) => {
    const check = requests.validate(type.key, values.subject, values.description, values.fields, locale);
    const shielded = (key: string, raw: string) => check.scans.get(key)?.redacted ?? raw;
    const fields: FieldValues = {};
    for (const [key, value] of Object.entries(values.fields)) fields[key] = shielded(key, value);
    const userId = signedInUser(request);
    const view: RequestFormView = {
      csrf: csrfTokenFor(request, reply),
      type,
      values: { subject: shielded('subject', values.subject), description: shielded('description', values.description), email: values.email, name: values.name, fields },
      formToken: extra.formToken,
      uploads: await uploadsOf(extra.uploadToken, userId),
      errors: extra.errors ?? [],
      warnings: check.warnings.map((w) => ({ field: w.field, message: w.message })),
      alert: extra.alert,
      userEmail: userId ? request.actor.label : null,
      suggestions: extra.suggestions,
      statusNotices: statusNoticesFor(type, values.fields),
    };
    return send(reply, status, requestFormPage(ctxFor(locale), locale, view));
  };

  /** Every problem of the form at once (the service stops at the first kind it finds). */
  const allErrors = (locale: Locale, type: RequestTypeDefinition, values: PostedValues, guest: boolean, more: Issue[] = []): Issue[] => {
    const errors: Issue[] = [];
    if (guest && !emailSchema.safeParse(values.email).success) errors.push({ field: 'email', message: t(locale, 'requests.field.invalid_email') });
    const check = requests.validate(type.key, values.subject.trim(), values.description.trim(), values.fields, locale);
    errors.push(...check.errors.map((e) => ({ field: e.field, message: e.message })));
    for (const issue of more) if (!errors.some((e) => e.field === issue.field && e.message === issue.message)) errors.push(issue);
    return errors;
  };

  app.get<LocaleParams>('/hc/:locale/requests/new', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const typeKey = queryValue(request.query, 'type');
    const types = requests.catalog.list();
    if (!typeKey) return send(reply, 200, chooserPage(ctxFor(locale), locale, types));
    const entry = requests.catalog.get(typeKey);
    if (!entry) return send(reply, 404, chooserPage(ctxFor(locale), locale, types, { alert: pm(locale, 'new.unknownType') }));
    const userId = signedInUser(request);
    const values = prefilledValues(request.query, entry.def);
    const view: RequestFormView = {
      csrf: csrfTokenFor(request, reply),
      type: entry.def,
      values,
      formToken: newFormToken(),
      uploads: null,
      errors: [],
      warnings: [],
      userEmail: userId ? request.actor.label : null,
      statusNotices: statusNoticesFor(entry.def, values.fields),
    };
    return send(reply, 200, requestFormPage(ctxFor(locale), locale, view));
  });

  app.post<LocaleParams>('/hc/:locale/requests/new', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const form = await readPostedForm(request);
    const entry = requests.catalog.get(form.fields.request_type ?? '');
    if (!entry) return send(reply, 400, chooserPage(ctxFor(locale), locale, requests.catalog.list(), { alert: pm(locale, 'new.unknownType') }));
    const type = entry.def;
    const values = valuesOf(form, type);
    const formToken = formTokenOf(form.fields.form_token);
    let uploadToken = uploadTokenOf(form.fields.uploads);
    const userId = signedInUser(request);

    if (form.fields.intent === 'suggest') {
      const suggestions = await suggestionsFor(locale, `${values.subject} ${values.description}`.trim().slice(0, 500), type.key);
      return renderForm(request, reply, 200, locale, type, values, { formToken, uploadToken, suggestions });
    }

    const requester: Requester = userId ? { kind: 'user', userId } : { kind: 'guest', email: values.email, ...(values.name ? { name: values.name } : {}) };
    const rerender = (status: number, errors: Issue[], alert?: string) =>
      renderForm(request, reply, status, locale, type, values, { formToken, uploadToken, errors, ...(alert ? { alert } : {}) });

    // Files of a no-JS post are uploaded first; they stay attached to the form if something else is wrong.
    const uploadIssues: Issue[] = form.oversized.map((file) => ({ field: 'uploads', message: pm(locale, 'errors.tooLarge', { file, limit: formatBytes(config.attachments.maxBytes) }) }));
    if (form.files.length && !uploadIssues.length) {
      const uploaded = await uploadPostedFiles(request, form.files, { locale, csrf: csrfTokenFor(request, reply), token: uploadToken || undefined });
      if (uploaded.ok) uploadToken = uploaded.token;
      else uploadIssues.push({ field: 'uploads', message: uploaded.message || pm(locale, 'errors.uploadFailed') });
    }
    if (uploadIssues.length) return rerender(400, allErrors(locale, type, values, !userId, uploadIssues));

    try {
      const result = await requests.submit({
        requestType: type.key,
        subject: values.subject,
        description: values.description,
        fields: values.fields,
        ...(uploadToken ? { uploads: [uploadToken] } : {}),
        locale,
        channel: 'web',
        ip: request.ip,
        idempotencyKey: `web:${formToken}`,
        requester,
      });
      const number = result.ticket.number;
      if (!result.created && !userId) return send(reply, 200, duplicatePage(ctxFor(locale), locale, number, true, false));
      const target = withQuery(portalPaths.ticket(locale, number), {
        token: result.guestToken,
        notice: result.created ? 'created' : undefined,
        hidden: result.created ? encodeHidden(result.redactions) : undefined,
      });
      return reply.redirect(target, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      if (error.code === 'forbidden') return rerender(400, allErrors(locale, type, values, false, [{ field: 'email', message: pm(locale, 'new.staffEmail') }]));
      if (error.code !== 'validation_failed') return rerender(error.status, allErrors(locale, type, values, !userId), error.localizedMessage(locale));
      const details = (error.details ?? []).map((d) => ({ field: d.path, message: d.message }));
      // A stale upload token is dropped so the next post does not fail on it again.
      if (details.some((d) => d.field === 'uploads')) uploadToken = '';
      return rerender(400, allErrors(locale, type, values, !userId, details));
    }
  });

  // --- Deflection without JavaScript ------------------------------------------------------------

  app.post<LocaleParams>('/hc/:locale/requests/deflect', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const { fields } = await readPostedForm(request);
    const articleId = (fields.article_id ?? '').slice(0, 100);
    if (!articleId) throw new AppError('not_found', { resource: 'article' });
    const typeKey = requests.catalog.get(fields.request_type ?? '') ? fields.request_type : undefined;
    await requests.recordDeflection({ articleId, query: (fields.query ?? '').slice(0, 500), ...(typeKey ? { requestType: typeKey } : {}), userId: signedInUser(request), kind: 'article' });
    const slug = (fields.article_slug ?? '').slice(0, 200);
    return reply.redirect(withQuery(portalPaths.solved(locale), { article: slug || undefined, type: typeKey }), 303);
  });

  app.get<LocaleParams>('/hc/:locale/requests/solved', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const slug = queryValue(request.query, 'article');
    const article = slug ? await kb.article(locale, slug).then((row) => ({ slug: row.slug, title: fillBrand(row.title, config.brand) }), () => null) : null;
    const type = queryValue(request.query, 'type');
    return send(reply, 200, solvedPage(ctxFor(locale), locale, article, requests.catalog.get(type) ? type : null));
  });

  // --- My requests ------------------------------------------------------------------------------

  app.get<LocaleParams>('/hc/:locale/requests', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const userId = signedInUser(request);
    if (!userId) return signinRedirect(reply, locale, request.url);
    const status = queryValue(request.query, 'status');
    const filter: ListFilter = status === 'open' || status === 'solved' ? status : 'all';
    const rawPage = queryValue(request.query, 'page');
    const page = /^\d{1,5}$/.test(rawPage) ? Math.min(10_000, Math.max(1, Number(rawPage))) : 1;
    const statuses = filter === 'open' ? OPEN_STATUSES : filter === 'solved' ? SOLVED_STATUSES : undefined;
    const { rows, count } = await requests.listMine(userId, page, PER_PAGE, statuses);
    const typeName = (ticket: TicketTable) => requests.catalog.byId(ticket.request_type_id)?.def.name[locale] ?? '';
    return send(reply, 200, listPage(ctxFor(locale), locale, { rows, count, page, pageCount: Math.max(1, Math.ceil(count / PER_PAGE)), filter, typeName }));
  });

  // --- One request ------------------------------------------------------------------------------

  /**
   * The ticket for whoever asks: the signed-in requester, or a guest holding the link token (tried
   * in that order). Anyone else gets not_found, whether or not the ticket exists.
   */
  const ticketOf = async (request: FastifyRequest<TicketParams>): Promise<{ ticket: TicketTable; guestToken: string | null }> => {
    const number = ticketNumberOf(request.params.number);
    if (number === null) throw new AppError('not_found', { resource: 'ticket' });
    const token = queryValue(request.query, 'token').slice(0, 200);
    const viewers: Array<{ viewer: Viewer; guestToken: string | null }> = [];
    const userId = signedInUser(request);
    if (userId) viewers.push({ viewer: { kind: 'user', userId }, guestToken: null });
    if (token) viewers.push({ viewer: { kind: 'guest', token }, guestToken: token });
    for (const { viewer, guestToken } of viewers) {
      try {
        return { ticket: await requests.ticketFor(viewer, number), guestToken };
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      }
    }
    throw new AppError('not_found', { resource: 'ticket' });
  };

  const allNetworkLabels = new Map<Locale, Map<string, string>>();
  const networkLabel = (locale: Locale, id: string) => {
    let labels = allNetworkLabels.get(locale);
    if (!labels) {
      labels = new Map(listNetworks(locale).map((n) => [n.id as string, n.label]));
      allNetworkLabels.set(locale, labels);
    }
    return labels.get(id) ?? id;
  };

  /** The structured fields of a ticket, with explorer links from the facts stored at submission. */
  const factsOf = (locale: Locale, ticket: TicketTable, type: RequestTypeDefinition | undefined): TicketFact[] => {
    let stored: { values?: Record<string, string>; facts?: { address?: { network?: string; explorerUrls?: Array<{ network: string; url: string }> }; txHash?: { network?: string | null; explorerUrls?: Array<{ network: string; url: string }> } } } = {};
    try {
      stored = JSON.parse(ticket.fields) as typeof stored;
    } catch {
      stored = {};
    }
    const values = stored.values ?? {};
    const links = (entry: { network?: string | null; explorerUrls?: Array<{ network: string; url: string }> } | undefined) => {
      const urls = (entry?.explorerUrls ?? []).filter((u) => !entry?.network || u.network === entry.network).slice(0, 3);
      return urls.flatMap((u) => (/^https:\/\//.test(u.url) ? [{ href: u.url, host: hostOf(u.url) }] : []));
    };
    const out: TicketFact[] = [];
    const known = new Set<string>();
    for (const field of type?.fields ?? []) {
      known.add(field.key);
      const value = values[field.key];
      if (!value) continue;
      const label = field.label[locale];
      switch (field.type) {
        case 'select':
          out.push({ label, value: field.options?.find((o) => o.value === value)?.label[locale] ?? value });
          break;
        case 'network':
          out.push({ label, value: networkLabel(locale, value) });
          break;
        case 'address':
          out.push({ label, value, mono: true, links: links(stored.facts?.address) });
          break;
        case 'tx_hash':
          out.push({ label, value, mono: true, links: links(stored.facts?.txHash) });
          break;
        case 'datetime':
          out.push({ label, value: value.replace('T', ' ') });
          break;
        case 'account_id':
        case 'order_id':
        case 'memo':
          out.push({ label, value, mono: true });
          break;
        default:
          out.push({ label, value });
      }
    }
    // Values of fields the request type no longer has are still the customer's data.
    for (const [key, value] of Object.entries(values)) if (!known.has(key) && value) out.push({ label: key, value });
    return out;
  };

  const hiddenLabel = (locale: Locale, type: RequestTypeDefinition | undefined, field: string): string | null => {
    if (field === 'subject' || field === 'description') return pm(locale, `new.${field}`);
    if (field === 'reply') return pm(locale, 'ticket.replyLabel');
    return type?.fields.find((f) => f.key === field)?.label[locale] ?? null;
  };

  const renderTicket = async (
    request: FastifyRequest<TicketParams>,
    reply: FastifyReply,
    locale: Locale,
    found: { ticket: TicketTable; guestToken: string | null },
    status: number,
    extra: { replyError?: string; replyValue?: string; uploads?: { token: string; files: Array<{ filename: string; size: number }> } | null; ratingError?: string } = {},
  ) => {
    const { ticket, guestToken } = found;
    const type = requests.catalog.byId(ticket.request_type_id)?.def;
    const [comments, attachments] = await Promise.all([requests.publicComments(ticket), requests.attachments(ticket)]);
    const byId = new Map(attachments.map((a) => [a.id, a]));
    // Only files of public messages: attachments of internal notes are for staff.
    const thread: TicketComment[] = comments.map((c) => ({
      seq: c.seq,
      role: c.author_role,
      authorName: c.author_name ?? '',
      body: c.body,
      createdAt: c.created_at,
      attachments: (JSON.parse(c.attachment_ids) as string[]).flatMap((id) => {
        const a = byId.get(id);
        return a ? [{ id: a.id, filename: a.filename, size: a.size }] : [];
      }),
    }));
    const record = buildRecord({ ticket, comments, attachments });
    const noticeRaw = queryValue(request.query, 'notice');
    const notice: TicketNotice | null = ['created', 'replied', 'solved', 'rated'].includes(noticeRaw) ? (noticeRaw as TicketNotice) : null;
    const hidden = decodeHidden(queryValue(request.query, 'hidden')).flatMap((h) => {
      const label = hiddenLabel(locale, type, h.field);
      return label ? [{ label, kinds: [...new Set(h.kinds.map((k) => t(locale, `requests.kinds.${k}`)))], raw: h.kinds }] : [];
    });
    const warning = hidden.length ? userWarning(hidden.flatMap((h) => h.raw.map((kind) => ({ kind }))), locale) : null;
    const html = ticketPage(ctxFor(locale), locale, {
      csrf: csrfTokenFor(request, reply),
      ticket,
      typeName: type?.name[locale] ?? '',
      facts: factsOf(locale, ticket, type),
      comments: thread,
      finalHash: record.finalHash,
      guestToken,
      guestLink: guestToken && notice === 'created' ? requests.guestLink(ticket, guestToken, locale) : null,
      notice,
      hidden: hidden.map(({ label, kinds }) => ({ label, kinds })),
      warning,
      replyError: extra.replyError,
      replyValue: extra.replyValue,
      uploads: extra.uploads ?? null,
      ratingError: extra.ratingError,
      uploadLimits: ctxFor(locale).uploadLimits,
    });
    return send(reply, status, html);
  };

  const backToTicket = (reply: FastifyReply, locale: Locale, found: { ticket: TicketTable; guestToken: string | null }, params: Record<string, string | undefined>) =>
    reply.redirect(withQuery(portalPaths.ticket(locale, found.ticket.number), { token: found.guestToken ?? undefined, ...params }), 303);

  app.get<TicketParams>('/hc/:locale/requests/:number', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    return renderTicket(request, reply, locale, await ticketOf(request), 200);
  });

  app.post<TicketParams>('/hc/:locale/requests/:number/comments', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const found = await ticketOf(request);
    const form = await readPostedForm(request);
    const body = (form.fields.body ?? '').slice(0, 20_001);
    let uploadToken = uploadTokenOf(form.fields.uploads);
    const userId = signedInUser(request);
    // Sent back only shielded, like the request form.
    const echo = () => scanText(body, { locale }).redacted;
    const failed = async (status: number, message: string) =>
      renderTicket(request, reply, locale, found, status, { replyError: message, replyValue: echo(), uploads: await uploadsOf(uploadToken, userId) });

    if (form.oversized.length) return failed(400, pm(locale, 'errors.tooLarge', { file: form.oversized[0], limit: formatBytes(config.attachments.maxBytes) }));
    if (form.files.length) {
      const uploaded = await uploadPostedFiles(request, form.files, { locale, csrf: csrfTokenFor(request, reply), token: uploadToken || undefined });
      if (!uploaded.ok) return failed(400, uploaded.message || pm(locale, 'errors.uploadFailed'));
      uploadToken = uploaded.token;
    }
    try {
      const result = await requests.addComment(found.ticket, {
        authorId: found.ticket.requester_id,
        role: 'requester',
        body,
        isPublic: true,
        ...(uploadToken ? { uploads: [uploadToken] } : {}),
        via: 'web',
        locale,
      });
      const kinds = [...new Set(result.findings.map((f) => f.kind))];
      return backToTicket(reply, locale, found, { notice: 'replied', hidden: encodeHidden([{ field: 'reply', kinds }]) });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      if (error.details?.some((d) => d.path === 'uploads')) uploadToken = '';
      const detail = typeof error.params.detail === 'string' ? error.params.detail : error.localizedMessage(locale);
      return failed(error.status === 409 ? 409 : 400, detail);
    }
  });

  app.post<TicketParams>('/hc/:locale/requests/:number/solve', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const found = await ticketOf(request);
    await requests.markSolved(found.ticket, locale);
    return backToTicket(reply, locale, found, { notice: 'solved' });
  });

  app.post<TicketParams>('/hc/:locale/requests/:number/rate', csrfAlways, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const found = await ticketOf(request);
    const { fields } = await readPostedForm(request);
    const rating = fields.rating;
    if (rating !== 'good' && rating !== 'bad') return renderTicket(request, reply, locale, found, 400, { ratingError: pm(locale, 'ticket.chooseRating') });
    const comment = (fields.comment ?? '').trim();
    try {
      await requests.rate(found.ticket, rating, comment || undefined, locale);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const detail = typeof error.params.detail === 'string' ? error.params.detail : error.localizedMessage(locale);
      return renderTicket(request, reply, locale, found, error.status, { ratingError: detail });
    }
    return backToTicket(reply, locale, found, { notice: 'rated' });
  });
};
