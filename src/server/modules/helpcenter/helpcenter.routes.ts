import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { t } from '../../i18n.js';
import { negotiateLocale, type Locale } from '../../../shared/locales.js';
import type { KnowledgeBaseService } from '../kb/kb.service.js';
import { statusNoticesOf } from '../status/status.board.js';
import { HELP_CENTER_CSS, HELP_CENTER_CSS_ETAG } from './helpcenter.css.js';
import { HelpCenterPages, MAX_PAGE, SEARCH_PER_PAGE, SECTION_PER_PAGE, voterKeyOf } from './helpcenter.service.js';
import {
  articlePage,
  articlePath,
  categoryPage,
  categoryPath,
  errorPage,
  hcPath,
  homePage,
  searchPage,
  sectionPage,
  sectionPath,
  type ErrorKind,
  type SiteContext,
} from './helpcenter.views.js';
import { addPageSecurityHeaders, pageSecurityHeaders, sendHtml } from './page-security.js';
import { queryValue, resolveLocale } from './page-request.js';
import { setPageErrorHandler } from './page-request.js';

export interface HelpCenterOptions {
  kb: KnowledgeBaseService;
  config: Config;
}

/** Pages are public and identical for everyone; a short shared cache absorbs bursts. */
const PAGE_CACHE = 'public, max-age=60';
const NO_STORE = 'no-store';

const SECURITY_HEADERS = pageSecurityHeaders({ externalImages: true });

const hide = { schema: { hide: true } } as const;

/** `page` must be a whole number 1…10000 when present; anything else is a 400 page. */
function parsePage(query: unknown, locale: Locale): number {
  const raw = queryValue(query, 'page').trim();
  if (!raw) return 1;
  const n = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new AppError('validation_failed', { detail: t(locale, 'hc.error.badPage') });
  return n;
}

/** Optional `per_page`, clamped to 1…max; garbage falls back to the default. */
function parsePerPage(query: unknown, fallback: number, max: number): number {
  const raw = queryValue(query, 'per_page').trim();
  if (!/^\d{1,4}$/.test(raw)) return fallback;
  return Math.min(max, Math.max(1, Number(raw)));
}

const sendPage = (reply: FastifyReply, status: number, body: string, cache: string = PAGE_CACHE) => sendHtml(reply, status, body, cache);

export const helpCenterRoutes: FastifyPluginAsync<HelpCenterOptions> = async (app, { kb, config }) => {
  const pages = new HelpCenterPages(kb, config);
  const site: SiteContext = { brand: config.brand, publicUrl: config.publicUrl, statusNotices: statusNoticesOf(app) };
  const allowedOrigins = new Set([new URL(config.publicUrl).host]);

  const renderError = (request: FastifyRequest, reply: FastifyReply, status: number, kind: ErrorKind, detail: { text?: string; reference?: string } = {}) => {
    reply.header('vary', 'Accept-Language');
    return sendPage(reply, status, errorPage(site, request.locale, kind, detail), NO_STORE);
  };

  addPageSecurityHeaders(app, SECURITY_HEADERS);

  setPageErrorHandler(app, site, 'help center page');

  const redirectHome = async (request: FastifyRequest, reply: FastifyReply) => {
    const locale = negotiateLocale(request.headers['accept-language'], config.defaultLocale);
    return reply.header('vary', 'Accept-Language').header('cache-control', 'private, no-cache').redirect(hcPath(locale), 302);
  };

  app.get('/', hide, redirectHome);

  await app.register(
    async (hc: FastifyInstance) => {
      hc.setNotFoundHandler((request, reply) => renderError(request, reply, 404, 'not_found'));

      /** Resolves the :locale segment: 404 when unknown, 301 to the canonical spelling of a variant. */
      const withLocale = (request: FastifyRequest<{ Params: { locale: string } }>, reply: FastifyReply): Locale | null => {
        const resolved = resolveLocale(request.params.locale);
        if (!resolved) {
          void renderError(request, reply, 404, 'not_found');
          return null;
        }
        if (!resolved.canonical) {
          const target = request.url.replace(/^\/hc\/[^/?#]+/, `/hc/${resolved.locale}`);
          void reply.header('cache-control', PAGE_CACHE).redirect(target, 301);
          return null;
        }
        return resolved.locale;
      };

      hc.get('/', hide, redirectHome);

      hc.get('/assets/hc.css', hide, async (request, reply) => {
        reply.header('etag', HELP_CENTER_CSS_ETAG).header('cache-control', 'public, max-age=31536000, immutable');
        if (request.headers['if-none-match'] === HELP_CENTER_CSS_ETAG) return reply.status(304).send();
        return reply.type('text/css; charset=utf-8').send(HELP_CENTER_CSS);
      });

      hc.get<{ Params: { locale: string } }>('/:locale', hide, async (request, reply) => {
        const locale = withLocale(request, reply);
        if (!locale) return reply;
        return sendPage(reply, 200, homePage(site, locale, await pages.home(locale)));
      });

      hc.get<{ Params: { locale: string; key: string } }>('/:locale/categories/:key', hide, async (request, reply) => {
        const locale = withLocale(request, reply);
        if (!locale) return reply;
        const data = await pages.category(locale, request.params.key);
        if (data.category.key !== request.params.key) return reply.redirect(categoryPath(locale, data.category.key), 301);
        return sendPage(reply, 200, categoryPage(site, locale, data));
      });

      hc.get<{ Params: { locale: string; key: string } }>('/:locale/sections/:key', hide, async (request, reply) => {
        const locale = withLocale(request, reply);
        if (!locale) return reply;
        const page = parsePage(request.query, locale);
        const data = await pages.section(locale, request.params.key, page, parsePerPage(request.query, SECTION_PER_PAGE, 100));
        if (data.section.key !== request.params.key) return reply.redirect(sectionPath(locale, data.section.key), 301);
        return sendPage(reply, 200, sectionPage(site, locale, data));
      });

      hc.get<{ Params: { locale: string; slug: string } }>('/:locale/articles/:slug', hide, async (request, reply) => {
        const locale = withLocale(request, reply);
        if (!locale) return reply;
        const voted = queryValue(request.query, 'voted') !== '';
        const data = await pages.article(locale, request.params.slug, { recordView: !voted });
        if (data.article.slug !== request.params.slug) return reply.redirect(articlePath(locale, data.article.slug), 301);
        return sendPage(reply, 200, articlePage(site, locale, data, { voted }), voted ? NO_STORE : PAGE_CACHE);
      });

      hc.post<{ Params: { locale: string; slug: string }; Body: unknown }>('/:locale/articles/:slug/vote', { ...hide, config: { csrf: 'off' } }, async (request, reply) => {
        const locale = withLocale(request, reply);
        if (!locale) return reply;
        // Cross-site form posts are refused (browsers always send Origin on POST).
        const origin = request.headers.origin;
        if (origin && origin !== 'null') {
          let host = '';
          try {
            host = new URL(origin).host;
          } catch {
            host = '';
          }
          if (host !== request.host && !allowedOrigins.has(host)) throw new AppError('forbidden');
        }
        const body = (request.body ?? {}) as Record<string, unknown>;
        const raw = typeof body.vote === 'string' ? body.vote : '';
        const value = raw === 'up' ? 1 : raw === 'down' ? -1 : 0;
        if (!value) throw new AppError('validation_failed', { detail: t(locale, 'hc.error.badVote') });
        const slug = await pages.vote(locale, request.params.slug, voterKeyOf(request.ip, request.headers['user-agent']), value);
        return reply.header('cache-control', NO_STORE).redirect(`${articlePath(locale, slug)}?voted=1#feedback`, 303);
      });

      hc.get<{ Params: { locale: string } }>('/:locale/search', hide, async (request, reply) => {
        const locale = withLocale(request, reply);
        if (!locale) return reply;
        const page = parsePage(request.query, locale);
        const data = await pages.search(
          locale,
          queryValue(request.query, 'query'),
          page,
          parsePerPage(request.query, SEARCH_PER_PAGE, 50),
          queryValue(request.query, 'category').trim(),
        );
        return sendPage(reply, 200, searchPage(site, locale, data));
      });
    },
    { prefix: '/hc' },
  );
};
