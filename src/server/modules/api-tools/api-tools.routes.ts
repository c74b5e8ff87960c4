import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BrandConfig, Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { t } from '../../i18n.js';
import { optionalLocaleSchema } from '../../locale-schemas.js';
import type { Locale } from '../../../shared/locales.js';
import { errorPage, articlePath, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { fillBrand } from '../kb/kb.render.js';
import type { KnowledgeBaseService } from '../kb/kb.service.js';
import { scanText } from '../redaction/index.js';
import { pathOnlyLog } from '../troubleshooters/troubleshooters.routes.js';
import { ApiErrorDecoder, loadCatalogue, MAX_DECODE_INPUT, type DecodedItem, type ToolId } from './api-errors.js';
import { API_SIGN_JS, API_SIGN_JS_ETAG } from './api-sign.script.js';
import { API_TOOLS_CSS, API_TOOLS_CSS_ETAG } from './api-tools.css.js';
import './api-tools.messages.js';
import { decoderPage, MAX_PAGE_QUERY, RATE_LIMIT_EXAMPLE, rateLimitPage, signaturePage, toolPath, type ArticleTitles } from './api-tools.views.js';
import {
  isTierId,
  MAX_AT_SECONDS,
  MAX_CALLS,
  MAX_METHOD_LENGTH,
  MAX_SCRIPT_LENGTH,
  parseCallScript,
  RateLimitInputError,
  simulate,
  TIER_IDS,
  TIERS,
  type Simulation,
  type TierId,
} from './rate-limit.js';
import { statusNoticesOf } from '../status/status.board.js';
import { pageSecurityHeaders, sendHtml } from '../helpcenter/page-security.js';
import { localizedValidationError } from '../../plugins/validation-messages.js';
import { pageLocale, queryParam, setPageErrorHandler } from '../helpcenter/page-request.js';

export interface ApiToolsOptions {
  kb: KnowledgeBaseService;
  config: Config;
}

const m = (locale: Locale, key: string, params?: Record<string, unknown>) => t(locale, `apiTools.${key}`, params);

/** What a visitor typed, before it is decoded or echoed (pages, links, API answers): secrets pasted by mistake are hidden. */
const shielded = (text: string, locale: Locale) => scanText(text, { locale }).redacted;

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** Titles of linked Help Center articles, looked up in the knowledge base and kept for a minute. */
class ArticleTitleCache {
  private readonly cache = new Map<string, { at: number; title: string | null }>();
  constructor(
    private readonly kb: KnowledgeBaseService,
    private readonly brand: BrandConfig,
  ) {}

  async titles(locale: Locale, slugs: Iterable<string>): Promise<ArticleTitles> {
    const unique = [...new Set(slugs)];
    const now = Date.now();
    const entries = await Promise.all(
      unique.map(async (slug): Promise<[string, string | null]> => {
        const key = `${locale}/${slug}`;
        const cached = this.cache.get(key);
        if (cached && now - cached.at < 60_000) return [slug, cached.title];
        const title = await this.kb.article(locale, slug).then(
          (row) => fillBrand(row.title, this.brand),
          (error: unknown) => {
            if (error instanceof AppError && error.status === 404) return null;
            throw error;
          },
        );
        this.cache.set(key, { at: now, title });
        return [slug, title];
      }),
    );
    return new Map(entries.filter((e): e is [string, string] => e[1] !== null));
  }
}

/** Zod issues → one localized sentence each (the shared handler then wraps them in validation_failed). */
function rateLimitError(error: RateLimitInputError, locale: Locale): AppError {
  return new AppError('validation_failed', { detail: m(locale, `errors.rateLimit.${error.code}`, error.params) });
}

// ---------------------------------------------------------------------------------------------
// API

interface Shared {
  decoder: ApiErrorDecoder;
  titles: ArticleTitleCache;
  config: Config;
}

const tags = ['API tools'];

const tierSchema = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(TIER_IDS))
  .meta({ description: 'starter (max 15, decay 0.33/s), intermediate (max 20, decay 0.5/s) or pro (max 20, decay 1/s); any letter case' });

const apiRoutes: FastifyPluginAsyncZod<Shared> = async (app, { decoder, titles, config }) => {
  const url = (path: string) => `${config.publicUrl}${path}`;

  // Validation errors get one localized sentence per problem; everything else goes to the shared handler.
  app.setErrorHandler((error: FastifyError, request) => {
    if (hasZodFastifySchemaValidationErrors(error)) throw localizedValidationError(error, request.locale);
    throw error;
  });

  const links = async (locale: Locale, items: Array<{ articles: string[]; tools: ToolId[] }>) => {
    const found = await titles.titles(locale, items.flatMap((i) => i.articles));
    return (item: { articles: string[]; tools: ToolId[] }) => ({
      articles: item.articles.filter((slug) => found.has(slug)).map((slug) => ({ slug, title: found.get(slug)!, url: url(articlePath(locale, slug)) })),
      tools: item.tools.map((id) => ({ id, url: url(toolPath(locale, id)) })),
    });
  };

  app.post(
    '/api/v2/tools/api-errors/decode',
    {
      schema: {
        tags,
        summary: 'Explain API errors: a Kraken-style error string, an HTTP status or a whole JSON response',
        description:
          'Recognises every error in the input (codes like EAPI:Invalid nonce in any letter case, cut-off codes, codes with server detail, HTTP statuses, futures codes, and error lists inside JSON). Unknown errors fall back to their category, the closest category, or general steps, with `fallback: true`.',
        body: z.object({
          input: z.string().max(MAX_DECODE_INPUT).meta({ description: 'Error string(s), HTTP status or JSON response', example: '{"error":["EAPI:Invalid nonce"],"result":{}}' }),
          locale: optionalLocaleSchema,
        }),
      },
    },
    async (request) => {
      const locale = request.body.locale ?? request.locale;
      if (!request.body.input.trim()) throw new AppError('validation_failed', { detail: m(locale, 'errors.inputEmpty') });
      const result = decoder.decode(shielded(request.body.input, locale), locale, config.brand);
      const linkOf = await links(locale, result.items);
      return {
        locale,
        items: result.items.map((item: DecodedItem) => ({ ...item, ...linkOf(item) })),
        note: result.note,
        truncated: result.truncated,
      };
    },
  );

  app.get(
    '/api/v2/tools/api-errors',
    {
      schema: {
        tags,
        summary: 'The API error catalogue the decoder uses (localized)',
        querystring: z.object({ locale: optionalLocaleSchema, category: z.string().max(40).optional().meta({ description: 'Only this category, e.g. EAPI' }) }),
      },
    },
    async (request) => {
      const locale = request.query.locale ?? request.locale;
      const listing = decoder.list(locale, config.brand);
      const category = request.query.category?.trim().toLowerCase();
      const errors = category ? listing.errors.filter((e) => e.category.toLowerCase() === category) : listing.errors;
      const categories = category ? listing.categories.filter((c) => c.id.toLowerCase() === category) : listing.categories;
      const linkOf = await links(locale, [...categories, ...errors, ...listing.http]);
      return {
        locale,
        categories: categories.map((c) => ({ ...c, ...linkOf(c) })),
        errors: errors.map((e) => ({ ...e, ...linkOf(e) })),
        http: category ? [] : listing.http.map((h) => ({ ...h, ...linkOf(h) })),
      };
    },
  );

  app.post(
    '/api/v2/tools/rate-limit',
    {
      schema: {
        tags,
        summary: 'Simulate the private REST API call counter for a tier and a sequence of calls',
        description:
          'Ledger and trade-history queries cost 2, other private calls 1; order placement/cancellation and public calls are not counted by this counter. `at` is seconds from the start; omit it for "at the same moment as the previous call". Each call reports whether it would be rejected (EAPI:Rate limit exceeded), the counter afterwards and the seconds until the same call would be accepted.',
        body: z.object({
          tier: tierSchema,
          calls: z
            .array(
              z.object({
                method: z.string().min(1).max(MAX_METHOD_LENGTH).meta({ example: 'TradesHistory' }),
                at: z.number().min(0).max(MAX_AT_SECONDS).optional().meta({ description: 'Seconds after the start of the sequence' }),
              }),
            )
            .min(1)
            .max(MAX_CALLS),
          initialCounter: z.number().min(0).max(20).optional().meta({ description: 'Counter value at time 0 (default 0)' }),
          locale: optionalLocaleSchema,
        }),
      },
    },
    async (request) => {
      const locale = request.body.locale ?? request.locale;
      const { tier, calls, initialCounter } = request.body;
      let sim: Simulation;
      try {
        sim = simulate(tier, calls, initialCounter === undefined ? {} : { initialCounter });
      } catch (error) {
        if (error instanceof RateLimitInputError) throw rateLimitError(error, locale);
        throw error;
      }
      return {
        locale,
        tier: { ...sim.tier, name: m(locale, `rateLimit.tiers.${sim.tier.id}`) },
        initialCounter: sim.initialCounter,
        accepted: sim.accepted,
        rejected: sim.rejected,
        finalCounter: sim.finalCounter,
        endsAt: sim.endsAt,
        emptyAfterSeconds: sim.emptyAfterSeconds,
        nextCall: sim.nextCall,
        calls: sim.calls.map((c) => ({
          ...c,
          note: !c.counted ? m(locale, `rateLimit.apiNote.${c.kind}`) : c.known ? null : m(locale, 'rateLimit.apiNote.unknown'),
        })),
      };
    },
  );
};

// ---------------------------------------------------------------------------------------------
// Pages

/** Tool pages: no scripts, no connections; forms only to ourselves. */
const TOOL_PAGE_HEADERS = pageSecurityHeaders({ sealed: true });

/**
 * The signature page handles an API secret: only our one module script, no connections of any kind,
 * no form submissions, no referrer, never stored in any cache.
 */
export const SIGNATURE_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; worker-src 'none'; manifest-src 'none'; media-src 'none'; frame-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'";
const SIGNATURE_PAGE_HEADERS: Record<string, string> = {
  ...TOOL_PAGE_HEADERS,
  'content-security-policy': SIGNATURE_PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-dns-prefetch-control': 'off',
  'cross-origin-resource-policy': 'same-origin',
};

const PAGE_CACHE = 'public, max-age=60';
/** Queries carry what visitors typed (error texts): kept out of request logs. */
const hide = { schema: { hide: true }, logSerializers: pathOnlyLog } as const;
type LocaleParams = { Params: { locale: string } };

const pageRoutes: FastifyPluginAsync<Shared> = async (app, { decoder, titles, config }) => {
  const site: SiteContext = { brand: config.brand, publicUrl: config.publicUrl, statusNotices: statusNoticesOf(app) };

  app.addHook('onSend', async (request, reply, payload) => {
    const headers = request.routeOptions.url?.endsWith('/api-signature') ? SIGNATURE_PAGE_HEADERS : TOOL_PAGE_HEADERS;
    for (const [name, value] of Object.entries(headers)) if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });

  setPageErrorHandler(app, site, 'API tools page');

  /** The :locale segment: 404 when unknown, 301 to the canonical spelling of a variant. */
  const localeOf = (request: FastifyRequest<LocaleParams>, reply: FastifyReply): Locale | null =>
    pageLocale(request, reply, { notFound: () => sendHtml(reply, 404, errorPage(site, request.locale, 'not_found'), 'no-store'), redirectCache: PAGE_CACHE });

  const asset = (path: string, body: string, etag: string, type: string) =>
    app.get(path, hide, async (request, reply) => {
      reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(type).send(body);
    });
  asset('/hc/assets/api-sign.js', API_SIGN_JS, API_SIGN_JS_ETAG, 'text/javascript; charset=utf-8');
  asset('/hc/assets/api-tools.css', API_TOOLS_CSS, API_TOOLS_CSS_ETAG, 'text/css; charset=utf-8');

  app.get<LocaleParams>('/hc/:locale/tools', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    return reply.header('cache-control', PAGE_CACHE).redirect(toolPath(locale, 'api-errors'), 302);
  });

  app.get<LocaleParams>('/hc/:locale/tools/api-errors', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const raw = queryParam(request.query, 'q') ?? '';
    if (raw.length > MAX_PAGE_QUERY) {
      const view = { query: shielded(raw.slice(0, MAX_PAGE_QUERY), locale), result: null, titles: new Map(), error: m(locale, 'errors.inputTooLong', { max: MAX_PAGE_QUERY }) };
      return sendHtml(reply, 400, decoderPage(site, locale, decoder, view), 'no-store');
    }
    const query = shielded(raw, locale);
    if (!query.trim()) return sendHtml(reply, 200, decoderPage(site, locale, decoder, { query: '', result: null, titles: new Map() }), PAGE_CACHE);
    const result = decoder.decode(query, locale, config.brand);
    const found = await titles.titles(locale, result.items.flatMap((i) => i.articles));
    return sendHtml(reply, 200, decoderPage(site, locale, decoder, { query, result, titles: found }), PAGE_CACHE);
  });

  app.get<LocaleParams>('/hc/:locale/tools/rate-limit', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const tierRaw = (queryParam(request.query, 'tier') ?? 'starter').trim().toLowerCase();
    const startRaw = shielded((queryParam(request.query, 'start') ?? '0').trim(), locale);
    const typedCalls = queryParam(request.query, 'calls');
    // One character over the limit is kept so that the parser reports the script as too long.
    const callsRaw = typedCalls === undefined ? undefined : shielded(typedCalls.slice(0, MAX_SCRIPT_LENGTH + 1), locale);
    const issues: string[] = [];
    const tier: TierId = isTierId(tierRaw) ? tierRaw : 'starter';
    if (!isTierId(tierRaw)) issues.push(m(locale, 'errors.script.badTier'));
    const start = startRaw === '' ? 0 : /^\d{1,2}(\.\d{1,6})?$/.test(startRaw) ? Number(startRaw) : NaN;
    if (!Number.isFinite(start) || start < 0 || start > TIERS[tier].max) issues.push(m(locale, 'errors.script.badStart'));
    let simulation: Simulation | null = null;
    if (callsRaw !== undefined) {
      const parsed = parseCallScript(callsRaw);
      for (const issue of parsed.issues) {
        const prefix = issue.line ? m(locale, 'errors.script.line', { line: issue.line }) : '';
        issues.push(`${prefix}${m(locale, `errors.script.${issue.code}`, { text: issue.text })}`);
      }
      if (!parsed.issues.length && !parsed.calls.length) issues.push(m(locale, 'errors.rateLimit.no_calls'));
      if (!issues.length) {
        try {
          simulation = simulate(tier, parsed.calls, { initialCounter: start });
        } catch (error) {
          if (!(error instanceof RateLimitInputError)) throw error;
          issues.push(m(locale, `errors.rateLimit.${error.code}`, error.params));
        }
      }
    }
    const view = { tier, start: startRaw, calls: callsRaw === undefined ? RATE_LIMIT_EXAMPLE : callsRaw.slice(0, MAX_SCRIPT_LENGTH), simulation, issues };
    return sendHtml(reply, issues.length ? 400 : 200, rateLimitPage(site, locale, view), issues.length ? 'no-store' : PAGE_CACHE);
  });

  app.get<LocaleParams>('/hc/:locale/tools/api-signature', hide, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    return sendHtml(reply, 200, signaturePage(site, locale), 'no-store');
  });
};

/** API error decoder, rate-limit calculator and API-Sign self-check: JSON API and Help Center pages. */
export const apiToolsRoutes: FastifyPluginAsync<ApiToolsOptions> = async (app: FastifyInstance, { kb, config }) => {
  const { catalogue } = loadCatalogue(config.content.dir);
  const shared: Shared = { decoder: new ApiErrorDecoder(catalogue), titles: new ArticleTitleCache(kb, config.brand), config };
  await app.register(apiRoutes, shared);
  await app.register(pageRoutes, shared);
};

