import fp from 'fastify-plugin';
import { negotiateLocale, normalizeLocale, type Locale } from '../../shared/locales.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Locale for messages: ?locale= or a /hc/{locale} path wins, then Accept-Language. */
    locale: Locale;
  }
}

export const localePlugin = fp<{ fallback: Locale }>(
  async (app, opts) => {
    app.decorateRequest('locale', opts.fallback);
    app.addHook('onRequest', async (request) => {
      const query = request.query as Record<string, unknown> | undefined;
      const fromQuery = typeof query?.locale === 'string' ? normalizeLocale(query.locale) : null;
      const fromPath = /^\/(?:hc|api\/v2\/help_center)\/(zh-cn|en-us)(?:\/|$|\?)/i.exec(request.url)?.[1];
      request.locale = fromQuery ?? normalizeLocale(fromPath) ?? negotiateLocale(request.headers['accept-language'], opts.fallback);
    });
  },
  { name: 'pharos-locale' },
);
