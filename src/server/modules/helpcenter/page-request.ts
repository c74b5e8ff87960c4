import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { localizedValidationError } from '../../plugins/validation-messages.js';
import { errorPage, type ErrorKind, type SiteContext } from './helpcenter.views.js';
import { sendHtml } from './page-security.js';
import { isLocale, normalizeLocale, type Locale } from '../../../shared/locales.js';

/** First value of a query parameter (a repeated parameter counts once); undefined when absent or not text. */
export function queryParam(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** First value of a query parameter, '' when absent. */
export const queryValue = (query: unknown, name: string): string => queryParam(query, name) ?? '';

/** Exact locale, or a recognisable variant (zh, zh-CN, en, en-GB…) to redirect to, or nothing. */
export function resolveLocale(raw: string): { locale: Locale; canonical: boolean } | null {
  if (isLocale(raw) && raw === raw.toLowerCase()) return { locale: raw as Locale, canonical: true };
  if (!/^(zh|en)([-_][a-z]{2,4})?$/i.test(raw)) return null;
  const locale = normalizeLocale(raw);
  return locale ? { locale, canonical: false } : null;
}

/**
 * The locale of a `/hc/:locale/…` page, or null once the reply is handled: a recognisable variant
 * is redirected (301, GET and HEAD only) to the same path under the canonical locale, anything else
 * answered by `notFound`.
 */
export function pageLocale(
  request: FastifyRequest<{ Params: { locale: string } }>,
  reply: FastifyReply,
  options: { notFound: () => unknown; redirectCache?: string },
): Locale | null {
  const resolved = resolveLocale(request.params.locale);
  if (resolved?.canonical) return resolved.locale;
  if (resolved && (request.method === 'GET' || request.method === 'HEAD')) {
    if (options.redirectCache) void reply.header('cache-control', options.redirectCache);
    void reply.redirect(request.url.replace(/^\/hc\/[^/?#]+/, `/hc/${resolved.locale}`), 301);
  } else {
    void options.notFound();
  }
  return null;
}

/**
 * The error handler of a page family: a localized Help Center error page for every failure —
 * not found, refused, the reason of a bad request (schema errors in the visitor's language), or a
 * reference to quote to support for anything unexpected (logged with it).
 */
export function setPageErrorHandler(app: FastifyInstance, site: SiteContext, what: string): void {
  app.setErrorHandler(async (error: FastifyError | AppError | Error, request, reply) => {
    const locale = request.locale;
    const page = (status: number, kind: ErrorKind, detail: { text?: string; reference?: string } = {}) => {
      void reply.header('vary', 'Accept-Language');
      return sendHtml(reply, status, errorPage(site, locale, kind, detail), 'no-store');
    };
    const known = error instanceof AppError ? error : hasZodFastifySchemaValidationErrors(error) ? localizedValidationError(error, locale) : undefined;
    if (known && known.status < 500) {
      if (known.status === 404) return page(404, 'not_found');
      if (known.status === 403) return page(403, 'forbidden');
      return page(known.status, 'bad_request', { text: typeof known.params.detail === 'string' ? known.params.detail : known.localizedMessage(locale) });
    }
    const status = (error as FastifyError).statusCode;
    if (!known && typeof status === 'number' && status < 500) return status === 404 ? page(404, 'not_found') : page(400, 'bad_request', { text: error.message });
    const reference = randomUUID();
    request.log.error({ err: error, reference }, `${what} failed`);
    return page(500, 'server', { reference });
  });
}
