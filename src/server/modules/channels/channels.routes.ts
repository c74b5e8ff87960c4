import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BrandConfig, Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { t } from '../../i18n.js';
import { optionalLocaleSchema } from '../../locale-schemas.js';
import { type Locale } from '../../../shared/locales.js';
import { errorPage, type SiteContext } from '../helpcenter/helpcenter.views.js';
import { CHANNELS_CSS, CHANNELS_CSS_ETAG } from './channels.css.js';
import { presentChannel, presentVerdict, staffNeverWarnings } from './channels.presenter.js';
import { officialChannelsPage } from './channels.views.js';
import { listOfficialChannels, MAX_INPUT_LENGTH, verifyChannel } from './verify.js';
import { statusNoticesOf } from '../status/status.board.js';
import { addPageSecurityHeaders, pageSecurityHeaders, sendHtml } from '../helpcenter/page-security.js';
import { pageLocale, queryParam } from '../helpcenter/page-request.js';
import { setPageErrorHandler } from '../helpcenter/page-request.js';

const tags = ['Official channels'];

const verifyBody = z.object({
  value: z.string().max(MAX_INPUT_LENGTH).describe('A URL, bare domain, email address or social handle (@name, x.com/name, r/name…)'),
  locale: optionalLocaleSchema,
});

/** The body, or a validation_failed error whose message is in the caller's language. */
function parseVerifyBody(body: unknown, locale: Locale): z.output<typeof verifyBody> {
  const result = verifyBody.safeParse(body && typeof body === 'object' && !Array.isArray(body) ? body : {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? 'value');
  const given = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  let message: string;
  if (field === 'locale') message = t(locale, 'errors.invalid_locale', { locale: String(given ?? '') });
  else if (issue.code === 'too_big') message = t(locale, 'channels.errors.valueTooLong', { max: MAX_INPUT_LENGTH });
  else if (given === undefined || given === null) message = t(locale, 'channels.errors.valueRequired');
  else message = t(locale, 'channels.errors.valueType');
  throw new AppError('validation_failed', { detail: message }, [{ path: field, message }]);
}

/** JSON API: the official channels, and the verifier. Nothing posted is stored or logged. */
const channelsApi: FastifyPluginAsyncZod<{ brand: BrandConfig }> = async (app, { brand }) => {
  app.get(
    '/api/v2/channels',
    { schema: { tags, summary: 'Every official channel (website, domains, emails, social accounts, apps) and what staff never ask for', querystring: z.object({ locale: optionalLocaleSchema }) } },
    async (request) => {
      const locale = request.query.locale ?? request.locale;
      return {
        brand: brand.name,
        channels: listOfficialChannels(brand).map((c) => presentChannel(c, locale)),
        warnings: staffNeverWarnings(locale),
      };
    },
  );

  app.post(
    '/api/v2/channels/verify',
    {
      schema: { tags, summary: 'Is this link, domain, email address or handle one of ours? Verdict: official, not_official, lookalike or invalid', body: verifyBody },
      // Parsed again in the handler so the message is in the caller's language.
      attachValidation: true,
      logLevel: 'warn',
    },
    async (request) => {
      const input = parseVerifyBody(request.body, request.locale);
      const locale = input.locale ?? request.locale;
      return { result: presentVerdict(verifyChannel(input.value, brand), locale, brand) };
    },
  );
};

/** Page headers: the help center's policy; a checked value never leaves in a Referer. */
const SECURITY_HEADERS = pageSecurityHeaders({ noReferrer: true });

const hide = { schema: { hide: true } } as const;

/** GET /hc/:locale/official-channels (with ?q= the verdict is on the page): works without JavaScript. */
const channelsPages: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  const site: SiteContext = { brand: config.brand, publicUrl: config.publicUrl, statusNotices: statusNoticesOf(app) };

  addPageSecurityHeaders(app, SECURITY_HEADERS);

  setPageErrorHandler(app, site, 'official channels page');

  app.get('/hc/assets/channels.css', hide, async (request, reply) => {
    reply.header('etag', CHANNELS_CSS_ETAG).header('cache-control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === CHANNELS_CSS_ETAG) return reply.status(304).send();
    return reply.type('text/css; charset=utf-8').send(CHANNELS_CSS);
  });

  app.get<{ Params: { locale: string } }>('/hc/:locale/official-channels', hide, async (request: FastifyRequest<{ Params: { locale: string } }>, reply) => {
    const locale = pageLocale(request, reply, { notFound: () => sendHtml(reply, 404, errorPage(site, request.locale, 'not_found'), 'no-store'), redirectCache: 'public, max-age=60' });
    if (!locale) return reply;
    const query = queryParam(request.query, 'q') ?? null;
    const verdict = query !== null ? presentVerdict(verifyChannel(query, config.brand), locale, config.brand) : null;
    const body = officialChannelsPage(site, locale, { channels: listOfficialChannels(config.brand), query, verdict });
    // The list is the same for everyone; a checked value is private to whoever typed it.
    return sendHtml(reply, 200, body, query === null ? 'public, max-age=60' : 'no-store');
  });
};

/** The official-channels page, its style sheet and the /api/v2/channels API. */
export const channelsRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  await app.register(channelsApi, { brand: config.brand });
  await app.register(channelsPages, { config });
};
