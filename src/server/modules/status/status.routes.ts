import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { nowIso } from '../../db/ids.js';
import { AppError, notFound } from '../../errors.js';
import { optionalLocaleSchema } from '../../locale-schemas.js';
import { negotiateLocale, type Locale } from '../../../shared/locales.js';
import { listNetworks } from '../chain-validation/index.js';
import { errorPage, withQuery, type ErrorKind, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { portalPaths } from '../portal/portal.views.js';
import type { RequestsService } from '../requests/requests.service.js';
import { sm, statusPagePath } from './status.banner.js';
import { StatusBoard, statusNoticesOf } from './status.board.js';
import { STATUS_CSS, STATUS_CSS_ETAG } from './status.css.js';
import { atomFeed } from './status.feed.js';
import { affects, hasScopeFilter, noticeEndedAt, NOTICE_STATES, type NoticeState, type ScopeFilter } from './status.policy.js';
import { presentNoticePublic } from './status.presenter.js';
import { endedNotices, type Notice } from './status.queries.js';
import { statusPage } from './status.views.js';
import { addPageSecurityHeaders, pageSecurityHeaders, sendHtml } from '../helpcenter/page-security.js';
import { pageLocale } from '../helpcenter/page-request.js';
import { setPageErrorHandler } from '../helpcenter/page-request.js';

export interface StatusPluginOptions {
  db: Kysely<Database>;
  config: Config;
  requests: RequestsService;
  /** Seconds between board reloads, so other processes' changes show up (default 15). */
  refreshSeconds?: number;
}

/** Resolved notices stay on the status page and in the API this long. */
export const RESOLVED_DAYS = 30;
const FEED_DAYS = 90;
const DAY_MS = 24 * 3600_000;

/**
 * Records that a notice answered a customer's question: a deflection of kind 'notice' (no ticket),
 * linked to the notice.
 */
export async function recordNoticeDeflection(db: Kysely<Database>, requests: RequestsService, input: { noticeId: string; requestType?: string | undefined; query: string; userId: string | null }) {
  const typeKey = input.requestType && requests.catalog.get(input.requestType) ? input.requestType : undefined;
  // One transaction: a notice deleted meanwhile leaves neither row behind and answers 404.
  const record = () =>
    db.transaction().execute(async (trx) => {
      const notice = await trx.selectFrom('status_notices').select('id').where('id', '=', input.noticeId).executeTakeFirst();
      if (!notice) throw notFound('status_notice');
      const { id } = await requests.recordDeflection({ query: input.query, ...(typeKey ? { requestType: typeKey } : {}), userId: input.userId, kind: 'notice' }, trx);
      await trx.insertInto('status_notice_deflections').values({ deflection_id: id, notice_id: notice.id, created_at: nowIso() }).execute();
      return id;
    });
  let id: string;
  try {
    id = await record();
  } catch (error) {
    // The link's foreign key fails when the notice was deleted after the check (PostgreSQL).
    if (error instanceof AppError) throw error;
    const stillThere = await db.selectFrom('status_notices').select('id').where('id', '=', input.noticeId).executeTakeFirst();
    throw stillThere ? error : notFound('status_notice');
  }
  return { id, noticeId: input.noticeId, requestType: typeKey };
}

/** Notices that ended within `days`, most recently ended first. */
async function recentlyEnded(db: Kysely<Database>, now: number, days: number, limit: number): Promise<Notice[]> {
  const rows = await endedNotices(db, new Date(now - days * DAY_MS).toISOString(), new Date(now).toISOString(), limit);
  return rows.sort((a, b) => (noticeEndedAt(b) ?? '').localeCompare(noticeEndedAt(a) ?? '') || a.id.localeCompare(b.id));
}

const signedInUser = (request: FastifyRequest): string | null => (request.actor.userId && request.actor.kind !== 'anonymous' ? request.actor.userId : null);

// ---------------------------------------------------------------------------------------------
// JSON API

/** `?state=active,resolved` → states; an unknown one is a validation error in the caller's language. */
function parseStates(value: string | undefined, locale: Locale): NoticeState[] {
  const states = [...new Set((value ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
  const unknown = states.find((s) => !(NOTICE_STATES as readonly string[]).includes(s));
  if (unknown !== undefined) {
    const message = sm(locale, 'errors.unknownState', { value: unknown, allowed: NOTICE_STATES.join(', ') });
    throw new AppError('validation_failed', { detail: message }, [{ path: 'querystring.state', message }]);
  }
  return states as NoticeState[];
}

const noticesQuery = z.object({
  type: z.string().max(60).optional(),
  asset: z.string().max(30).optional(),
  network: z.string().max(60).optional(),
  state: z.string().max(60).optional(),
  locale: optionalLocaleSchema,
});

const statusApi: FastifyPluginAsyncZod<{ board: StatusBoard; db: Kysely<Database>; config: Config; requests: RequestsService }> = async (app, { board, db, config, requests }) => {
  const tags = ['Status'];
  const ctx = { brand: config.brand, publicUrl: config.publicUrl };

  app.get(
    '/api/v2/status',
    {
      schema: {
        tags,
        summary: 'System status (online | maintenance | cancel_only | post_only; the most severe active notice wins) with the active and scheduled notices',
        querystring: z.object({ locale: optionalLocaleSchema }),
      },
    },
    async (request, reply) => {
      const now = Date.now();
      const locale = request.query.locale ?? request.locale;
      const notices = [...board.active(now), ...board.scheduled(now)];
      reply.header('cache-control', 'no-cache');
      return { status: board.status(now), timestamp: new Date(now).toISOString(), notices: notices.map((n) => presentNoticePublic(n, locale, ctx, now)) };
    },
  );

  app.get(
    '/api/v2/status/notices',
    {
      schema: {
        tags,
        summary: 'Public status notices (default: active and scheduled); with type/asset/network only those that concern such a request',
        querystring: noticesQuery,
      },
    },
    async (request, reply) => {
      const now = Date.now();
      const q = request.query;
      const locale = q.locale ?? request.locale;
      const asked = parseStates(q.state, locale);
      const states = new Set<NoticeState>(asked.length ? asked : ['active', 'scheduled']);
      let notices: Notice[] = [];
      if (states.has('active')) notices.push(...board.active(now));
      if (states.has('scheduled')) notices.push(...board.scheduled(now));
      if (states.has('resolved')) notices.push(...(await recentlyEnded(db, now, RESOLVED_DAYS, 50)));
      const filter: ScopeFilter = { type: q.type, asset: q.asset, network: q.network };
      if (hasScopeFilter(filter)) notices = notices.filter((n) => affects(n, filter));
      reply.header('cache-control', 'no-cache');
      return { notices: notices.map((n) => presentNoticePublic(n, locale, ctx, now)), count: notices.length };
    },
  );

  app.post(
    '/api/v2/status/notices/:id/deflections',
    {
      schema: {
        tags,
        summary: 'Record that a notice answered the question (no ticket is created)',
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z.object({ request_type: z.string().max(60).optional(), query: z.string().max(500).default('') }),
      },
    },
    async (request, reply) => {
      const result = await recordNoticeDeflection(db, requests, { noticeId: request.params.id, requestType: request.body.request_type, query: request.body.query, userId: signedInUser(request) });
      return reply.status(201).send({ deflection: { id: result.id, notice_id: result.noticeId, request_type: result.requestType ?? null } });
    },
  );
};

// ---------------------------------------------------------------------------------------------
// Help Center pages (no JavaScript needed)

const SECURITY_HEADERS = pageSecurityHeaders({ externalImages: true });
const hide = { schema: { hide: true } } as const;
type LocaleParams = { Params: { locale: string } };

const statusPages = async (app: FastifyInstance, { board, db, config, requests }: { board: StatusBoard; db: Kysely<Database>; config: Config; requests: RequestsService }) => {
  const site: SiteContext = { brand: config.brand, publicUrl: config.publicUrl, statusNotices: statusNoticesOf(app) };
  const renderError = (request: FastifyRequest, reply: FastifyReply, status: number, kind: ErrorKind, detail: { text?: string; reference?: string } = {}) =>
    sendHtml(reply, status, errorPage(site, request.locale, kind, detail), 'no-store');

  addPageSecurityHeaders(app, SECURITY_HEADERS);

  setPageErrorHandler(app, site, 'status page');

  /** The :locale segment: 404 when unknown, 301 to the canonical spelling of a variant (GET only). */
  const localeOf = (request: FastifyRequest<LocaleParams>, reply: FastifyReply): Locale | null =>
    pageLocale(request, reply, { notFound: () => renderError(request, reply, 404, 'not_found'), redirectCache: 'public, max-age=60' });

  const typeNames = (locale: Locale) => {
    const names = new Map(requests.catalog.list(true).map((t) => [t.key, t.name[locale]]));
    return (key: string) => names.get(key) ?? key;
  };
  const networkNames = new Map<Locale, Map<string, string>>();
  const networkName = (locale: Locale) => {
    let names = networkNames.get(locale);
    if (!names) {
      names = new Map(listNetworks(locale).map((n) => [n.id as string, n.label]));
      networkNames.set(locale, names);
    }
    return (id: string) => names.get(id) ?? id;
  };

  // The brand's status URL has no locale: the browser's language picks one.
  app.get('/hc/status', hide, async (request, reply) =>
    reply.header('vary', 'Accept-Language').header('cache-control', 'private, no-cache').redirect(statusPagePath(negotiateLocale(request.headers['accept-language'], config.defaultLocale)), 302),
  );

  app.get('/hc/assets/status.css', hide, async (request, reply) => {
    reply.header('etag', STATUS_CSS_ETAG).header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === STATUS_CSS_ETAG) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(STATUS_CSS);
  });

  app.get<LocaleParams>('/hc/:locale/status', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const now = Date.now();
    const page = statusPage(site, locale, {
      now,
      system: board.status(now),
      active: board.active(now),
      upcoming: board.scheduled(now),
      resolved: await recentlyEnded(db, now, RESOLVED_DAYS, 20),
      resolvedDays: RESOLVED_DAYS,
      typeName: typeNames(locale),
      networkName: networkName(locale),
    });
    return sendHtml(reply, 200, page, 'public, max-age=30');
  });

  app.get<LocaleParams>('/hc/:locale/status/feed.atom', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const now = Date.now();
    const notices = [...board.active(now), ...board.scheduled(now), ...(await recentlyEnded(db, now, FEED_DAYS, 50))];
    return reply.status(200).header('cache-control', 'public, max-age=60').type('application/atom+xml; charset=utf-8').send(atomFeed({ locale, brand: config.brand, publicUrl: config.publicUrl, notices, now }));
  });

  // "This answers my question" without JavaScript (the request form's notice panel).
  app.post<{ Params: { locale: string; id: string } }>('/hc/:locale/status/notices/:id/deflect', { ...hide, config: { csrf: 'always' } }, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const result = await recordNoticeDeflection(db, requests, {
      noticeId: request.params.id.slice(0, 100),
      requestType: field('request_type').slice(0, 60),
      query: field('query').slice(0, 500),
      userId: signedInUser(request),
    });
    return reply.header('cache-control', 'no-store').redirect(withQuery(portalPaths.solved(locale), { type: result.requestType }), 303);
  });
};

/**
 * Public side of status notices: the board (decorated as `app.statusBoard`, reloaded every
 * `refreshSeconds`), the JSON API, the status page, its Atom feed and the no-script deflection form.
 * Admin routes are registered with the agent plugin (status.admin.routes.ts).
 */
export const statusPlugin = fp<StatusPluginOptions>(
  async (app, opts) => {
    const board = new StatusBoard(opts.db);
    await board.refresh();
    app.decorate('statusBoard', board);
    const stop = board.start((opts.refreshSeconds ?? 15) * 1000, (err) => app.log.warn({ err }, 'status notices refresh failed'));
    app.addHook('onClose', async () => stop());
    const deps = { board, db: opts.db, config: opts.config, requests: opts.requests };
    await app.register(statusApi, deps);
    await app.register(statusPages, deps);
  },
  { name: 'pharos-status', dependencies: ['pharos-session'] },
);
