import type { FastifyInstance, FastifyReply } from 'fastify';

/** What a family of server-rendered pages needs; everything else is shut. */
export interface PagePolicy {
  /** `'self'`: our own enhancement scripts; default none (pages work without JavaScript). */
  scripts?: 'none' | 'self';
  /** Images from any https origin (article bodies may embed them); default only ours. */
  externalImages?: boolean;
  /** Pages whose URL or content carries what the visitor typed, tokens or personal data: no referrer. */
  noReferrer?: boolean;
  /** Never stored by any cache. */
  noStore?: boolean;
  /** Require Trusted Types for script sinks (pages with scripts). */
  trustedTypes?: boolean;
  /** No same-origin default either (`default-src 'none'`, `connect-src 'none'`): tools that need nothing. */
  sealed?: boolean;
}

/** The response headers of a page family: CSP, framing, sniffing, referrer and permissions. */
export function pageSecurityHeaders(policy: PagePolicy = {}): Record<string, string> {
  const own = policy.sealed ? "'none'" : "'self'";
  const csp = [
    `default-src ${own}`,
    `script-src ${policy.scripts === 'self' ? "'self'" : "'none'"}`,
    "style-src 'self'",
    `img-src 'self'${policy.externalImages ? ' https:' : ''} data:`,
    "font-src 'self'",
    `connect-src ${own}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    ...(policy.trustedTypes ? ["require-trusted-types-for 'script'"] : []),
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': policy.noReferrer ? 'no-referrer' : 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(policy.noStore ? { 'cache-control': 'no-store' } : {}),
  };
}

/** Adds `headers` to every answer of this plugin scope that did not set its own. */
export function addPageSecurityHeaders(app: FastifyInstance, headers: Record<string, string>): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(headers)) if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });
}

/** Sends an HTML page with its cache policy. */
export function sendHtml(reply: FastifyReply, status: number, body: string, cache: string) {
  return reply.status(status).header('cache-control', cache).type('text/html; charset=utf-8').send(body);
}
