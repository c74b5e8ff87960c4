import type { FastifyReply, FastifyRequest } from 'fastify';
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
