import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { optionalLocaleSchema } from '../../locale-schemas.js';
import type { Locale } from '../../../shared/locales.js';
import { errorPage, type SiteContext } from '../helpcenter/helpcenter.views.js';
import type { KnowledgeBaseService } from '../kb/kb.service.js';
import { scanText } from '../redaction/index.js';
import type { RequestTypeCatalog } from '../requests/request-types.js';
import { inputMessages } from './check-messages.js';
import { MAX_LENGTH } from './inputs.js';
import { CHOICE_VALUE, NODE_ID, TREE_KEY } from './model.js';
import { TROUBLESHOOTER_CSS, TROUBLESHOOTER_CSS_ETAG } from './troubleshooters.css.js';
import { presentSummary, presentTree, presentWalk, type PresentContext } from './troubleshooters.presenter.js';
import { answerFromQuery, answerParams, draftFromQuery, hrefWith, revisitHref } from './troubleshooters.query.js';
import { canValidateTroubleshooters } from './troubleshooters.policy.js';
import { TroubleshooterService } from './troubleshooters.service.js';
import { listPage, treePath, walkPage, type WalkView } from './troubleshooters.views.js';
import { statusNoticesOf } from '../status/status.board.js';
import { addPageSecurityHeaders, pageSecurityHeaders, sendHtml } from '../helpcenter/page-security.js';
import { pageLocale, queryParam } from '../helpcenter/page-request.js';
import { setPageErrorHandler } from '../helpcenter/page-request.js';

export interface TroubleshooterOptions {
  config: Config;
  kb: KnowledgeBaseService;
  catalog: RequestTypeCatalog;
  /** Clock for date checks (tests). */
  now?: () => Date;
}

/** Pages carry what the visitor typed in their URL: never cached, never sent as a referrer. */
const SECURITY_HEADERS = pageSecurityHeaders({ externalImages: true, noReferrer: true });
const PAGE_CACHE = 'public, max-age=60';
const NO_STORE = 'no-store';

/** The query string holds typed values (addresses, error texts): keep it out of request logs. */
export const pathOnlyLog = {
  req(req: { method?: string; url?: string; hostname?: string; ip?: string }) {
    return { method: req.method, url: (req.url ?? '').split('?')[0], host: req.hostname, remoteAddress: req.ip };
  },
};

const tags = ['Troubleshooters'];

export const troubleshooterRoutes: FastifyPluginAsync<TroubleshooterOptions> = async (app, opts) => {
  const service = TroubleshooterService.load(opts);
  for (const warning of service.warnings) app.log.warn({ warning }, 'troubleshooter refers to content that does not exist');
  for (const warning of await service.missingArticles()) app.log.warn({ warning }, 'troubleshooter links to a missing article');
  await app.register(troubleshooterPages, { service, config: opts.config });
  await app.register(troubleshooterApi, { service, config: opts.config });
};

// ---------------------------------------------------------------------------------------------
// Help Center pages

interface Deps {
  service: TroubleshooterService;
  config: Config;
}

const troubleshooterPages: FastifyPluginAsync<Deps> = async (app: FastifyInstance, { service, config }) => {
  const site: SiteContext = { brand: config.brand, publicUrl: config.publicUrl, statusNotices: statusNoticesOf(app) };

  addPageSecurityHeaders(app, SECURITY_HEADERS);

  setPageErrorHandler(app, site, 'troubleshooter page');

  /** The :locale segment: 404 when unknown, 301 to the canonical spelling of a variant. */
  const localeOf = (request: FastifyRequest<{ Params: { locale: string } }>, reply: FastifyReply): Locale | null =>
    pageLocale(request, reply, { notFound: () => sendHtml(reply, 404, errorPage(site, request.locale, 'not_found'), NO_STORE), redirectCache: PAGE_CACHE });

  const route = { schema: { hide: true }, logSerializers: pathOnlyLog } as const;

  app.get('/hc/assets/troubleshooters.css', { schema: { hide: true } }, async (request, reply) => {
    reply.header('etag', TROUBLESHOOTER_CSS_ETAG).header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === TROUBLESHOOTER_CSS_ETAG) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(TROUBLESHOOTER_CSS);
  });

  app.get<{ Params: { locale: string } }>('/hc/:locale/troubleshooters', route, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    return sendHtml(reply, 200, listPage(site, locale, service.list()), PAGE_CACHE);
  });

  app.get<{ Params: { locale: string; key: string } }>('/hc/:locale/troubleshooters/:key', route, async (request, reply) => {
    const locale = localeOf(request, reply);
    if (!locale) return reply;
    const tree = service.get(request.params.key);
    const base = treePath(locale, tree.key);
    const result = service.walk(tree, (id) => answerFromQuery(request.query, tree.byId.get(id)!), locale);
    const { current } = result;

    // A question form sent without a choice: say so instead of showing the same question silently.
    if (current.type === 'question' && !result.issues.length && queryParam(request.query, 'step') === current.id) {
      result.issues.push({ code: 'choice', message: inputMessages(locale).chooseAnswer });
    }

    let defaults: Record<string, string> = {};
    let defaultChoice: string | null = null;
    if (result.issues.length) {
      defaults = result.draft;
    } else {
      const draft = draftFromQuery(request.query, current);
      if (draft?.choice !== undefined) defaultChoice = draft.choice;
      for (const [name, value] of Object.entries(draft?.values ?? {})) {
        // Drafts come from the URL too: the shield runs before anything is echoed.
        const trimmed = value.slice(0, MAX_LENGTH.api_error);
        if (!scanText(trimmed, { locale }).findings.length) defaults[name] = trimmed;
      }
    }

    const prefilled = service.request(result, locale);
    const alt = locale === 'zh-cn' ? 'en-us' : 'zh-cn';
    const answers = answerParams(result.path);
    const last = result.path.length - 1;
    const view: WalkView = {
      locale,
      brand: config.brand,
      result,
      answers,
      backHref: last >= 0 ? revisitHref(base, result.path, last) : null,
      restartHref: base,
      changeHrefs: result.path.map((_step, i) => revisitHref(base, result.path, i)),
      switchHref: hrefWith(treePath(alt, tree.key), answers),
      defaults,
      defaultChoice,
      networks: service.networks(locale),
      assets: config.brand.assets,
      articleTitle: result.end?.article ? await service.articleTitle(locale, result.end.article.slug) : null,
      request: prefilled,
      preview: prefilled ? service.preview(prefilled, locale) : [],
    };
    const personal = Object.keys(request.query as object).length > 0;
    return sendHtml(reply, 200, walkPage(site, view), personal ? NO_STORE : PAGE_CACHE);
  });
};

// ---------------------------------------------------------------------------------------------
// API

const keyParams = z.object({ key: z.string().regex(TREE_KEY).max(40) });
const answerSchema = z
  .object({
    node: z.string().regex(NODE_ID),
    choice: z.string().regex(CHOICE_VALUE).optional(),
    values: z.record(z.string().regex(NODE_ID), z.string().max(5000)).optional(),
  })
  .strict();
const stepsBody = z.object({ answers: z.array(answerSchema).max(100), locale: optionalLocaleSchema }).strict();

const troubleshooterApi: FastifyPluginAsyncZod<Deps> = async (app, { service, config }) => {
  const ctxFor = (locale: Locale): PresentContext => ({ locale, brand: config.brand, publicUrl: config.publicUrl, networks: service.networks(locale) });
  const localeQuery = z.object({ locale: optionalLocaleSchema });

  app.get('/api/v2/troubleshooters', { schema: { tags, summary: 'Guided troubleshooters, localized', querystring: localeQuery } }, async (request) => {
    const locale = request.query.locale ?? request.locale;
    const ctx = ctxFor(locale);
    const troubleshooters = service.list().map((tree) => presentSummary(tree, ctx));
    return { troubleshooters, count: troubleshooters.length, locale };
  });

  app.get(
    '/api/v2/troubleshooters/:key',
    { schema: { tags, summary: 'One troubleshooter tree, localized: its steps and where each answer leads', params: keyParams, querystring: localeQuery } },
    async (request) => {
      const locale = request.query.locale ?? request.locale;
      return { troubleshooter: presentTree(service.get(request.params.key), ctxFor(locale)), locale };
    },
  );

  app.post(
    '/api/v2/troubleshooters/:key/steps',
    {
      schema: {
        tags,
        summary: 'Walk a troubleshooter: send the answers so far, get the current step, check results and, at the end, the article or the pre-filled request',
        params: keyParams,
        body: stepsBody,
      },
      // Stateless: nothing is stored, so a cookie session needs no CSRF token here.
      config: { csrf: 'off' },
    },
    async (request) => {
      const locale = request.body.locale ?? request.locale;
      const tree = service.get(request.params.key);
      const { result, answered } = service.walkAnswers(tree, request.body.answers, locale);
      const articleTitle = result.end?.article ? await service.articleTitle(locale, result.end.article.slug) : null;
      return { ...presentWalk(result, ctxFor(locale), { answered, articleTitle, request: service.request(result, locale) }), locale };
    },
  );

  app.post(
    '/api/v2/troubleshooters/validate',
    {
      schema: {
        tags,
        summary: 'Admin: validate a troubleshooter tree (JSON file contents) against the request types and articles before publishing it',
        body: z.object({ troubleshooter: z.unknown() }),
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      if (request.actor.kind === 'anonymous') throw new AppError('unauthorized');
      if (!canValidateTroubleshooters(request.actor)) throw new AppError('forbidden');
      const result = await service.validate(request.body.troubleshooter);
      return { valid: result.ok, errors: result.issues };
    },
  );
};
