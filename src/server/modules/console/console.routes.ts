import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../i18n.js';
import { escapeHtml } from '../helpcenter/html.js';
import './console.messages.js';

export interface ConsoleOptions {
  /** The built console (vite `build.outDir`); default `<repo>/dist/web`. */
  dir?: string;
}

/** `dist/web` next to `src/` or `dist/server/` (this file is three levels below either). */
export const DEFAULT_CONSOLE_DIR = resolve(import.meta.dirname, '../../../../dist/web');

export const CONSOLE_CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite names built assets `name-<hash>.ext` under assets/: their content never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const hide = { schema: { hide: true } } as const;

async function fileInfo(path: string) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

function notBuiltPage(request: FastifyRequest): string {
  const locale = request.locale;
  const m = (key: string) => escapeHtml(t(locale, `console.notBuilt.${key}`));
  return `<!doctype html>
<html lang="${locale === 'zh-cn' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${m('title')}</title></head>
<body>
<main>
<h1>${m('heading')}</h1>
<p>${m('body')}</p>
<p>${m('dev')}</p>
<p><a href="/agent/">${m('retry')}</a></p>
</main>
</body>
</html>`;
}

/**
 * Serves the agent console built by Vite: hashed assets with a year-long immutable cache, every other
 * path under /agent/ gets index.html (the console routes on the client). The strict CSP allows only
 * same-origin scripts, styles and connections (plus WebSockets for Socket.IO). Files are looked up on
 * each request, so building while the server runs needs no restart.
 */
export const consoleRoutes: FastifyPluginAsync<ConsoleOptions> = async (app, options) => {
  const root = resolve(options.dir ?? DEFAULT_CONSOLE_DIR);

  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });

  const send = async (request: FastifyRequest, reply: FastifyReply, path: string, size: number, mtime: Date, cache: string) => {
    const etag = `W/"${size.toString(16)}-${mtime.getTime().toString(16)}"`;
    reply.header('cache-control', cache).header('etag', etag).header('last-modified', mtime.toUTCString());
    reply.type(TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    reply.header('content-length', String(size));
    if (request.method === 'HEAD') return reply.send();
    return reply.send(createReadStream(path));
  };

  const serveIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const index = join(root, 'index.html');
    const info = await fileInfo(index);
    if (!info) {
      return reply.status(503).header('cache-control', 'no-store').header('retry-after', '30').header('vary', 'Accept-Language').type('text/html; charset=utf-8').send(notBuiltPage(request));
    }
    reply.header('vary', 'Accept-Encoding');
    return send(request, reply, index, info.size, info.mtime, REVALIDATE);
  };

  const handler = async (request: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    const rest = request.params['*'] ?? '';
    let relative: string;
    try {
      relative = decodeURIComponent(rest.split('?')[0] ?? '');
    } catch {
      relative = '';
    }
    // A path that names a file (has an extension) must be that file: never answer a missing script with HTML.
    const looksLikeFile = /\.[a-z0-9]{1,8}$/i.test(relative) && !relative.endsWith('.html');
    if (relative && relative !== 'index.html' && !relative.includes('\0')) {
      const path = resolve(root, relative);
      if (path.startsWith(root + sep)) {
        const info = await fileInfo(path);
        if (info) return send(request, reply, path, info.size, info.mtime, relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
      }
    }
    if (looksLikeFile) return reply.status(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found');
    return serveIndex(request, reply);
  };

  app.get('/agent', hide, (request, reply) => serveIndex(request, reply));
  app.get('/agent/*', hide, handler);
};
