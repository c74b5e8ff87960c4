import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { optionalLocaleSchema as optionalLocale } from '../../locale-schemas.js';
import type { Locale } from '../../../shared/locales.js';
import { checkOutbound, scanText, userWarning } from '../redaction/index.js';
import { listNetworks, validateAddress, validateTxHash } from '../chain-validation/index.js';

const MAX_TEXT = 100_000;
const tags = ['Safety tools'];

/** Secret shield and chain toolkit over HTTP. Nothing posted here is stored or logged. */
export const safetyRoutes: FastifyPluginAsyncZod<{ shieldSalt: string; enabledNetworks: string[] }> = async (app, opts) => {
  const pick = (requested: Locale | undefined, fallback: Locale): Locale => requested ?? fallback;

  app.post(
    '/api/v2/shield/scan',
    {
      schema: {
        tags,
        summary: 'Find and redact secrets (recovery phrases, keys, API secrets, passwords, 2FA codes, card numbers)',
        body: z.object({ text: z.string().max(MAX_TEXT), locale: optionalLocale }),
      },
      logLevel: 'warn',
    },
    async (request) => {
      const locale = pick(request.body.locale, request.locale);
      const result = scanText(request.body.text, { locale, salt: opts.shieldSalt });
      return {
        redacted: result.redacted,
        findings: result.findings.map((f) => ({ kind: f.kind, start: f.start, end: f.end, fingerprint: f.fingerprint, certainty: f.certainty })),
        warning: userWarning(result.findings, locale),
      };
    },
  );

  app.post(
    '/api/v2/shield/outbound',
    {
      schema: { tags, summary: 'Check an agent message before it is sent: refuses requests for secrets', body: z.object({ text: z.string().max(MAX_TEXT), locale: optionalLocale }) },
      logLevel: 'warn',
    },
    async (request) => {
      const result = checkOutbound(request.body.text, { locale: pick(request.body.locale, request.locale) });
      if (!result.allowed) request.log.warn({ reasons: result.reasons.map((r) => r.code) }, 'outbound message refused by the shield');
      return { allowed: result.allowed, reasons: result.reasons };
    },
  );

  app.post(
    '/api/v2/chain/validate',
    {
      schema: {
        tags,
        summary: 'Validate a deposit/withdrawal address (and memo/tag) for a network, or list the networks it fits',
        body: z.object({ address: z.string().max(500), network: z.string().max(40).optional(), memo: z.string().max(300).optional(), locale: optionalLocale }),
      },
    },
    async (request) => {
      const { address, network, memo, locale } = request.body;
      const result = validateAddress({ address, ...(network ? { network } : {}), ...(memo !== undefined ? { memo } : {}) }, pick(locale, request.locale));
      return result;
    },
  );

  app.post(
    '/api/v2/chain/tx',
    {
      schema: {
        tags,
        summary: 'Check a transaction hash format and get block-explorer links',
        body: z.object({ hash: z.string().max(300), network: z.string().max(40).optional(), locale: optionalLocale }),
      },
    },
    async (request) => {
      const { hash, network, locale } = request.body;
      return validateTxHash({ hash, ...(network ? { network } : {}) }, pick(locale, request.locale));
    },
  );

  app.get('/api/v2/chain/networks', { schema: { tags, summary: 'Supported networks', querystring: z.object({ locale: optionalLocale }) } }, async (request) => {
    const enabled = new Set(opts.enabledNetworks);
    return { networks: listNetworks(pick(request.query.locale, request.locale)).filter((n) => enabled.size === 0 || enabled.has(n.id)) };
  });
};
