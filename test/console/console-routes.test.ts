import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, consoleRoutes } from '../../src/server/modules/console/console.routes.js';
import { localePlugin } from '../../src/server/plugins/locale.js';

async function appFor(dir: string): Promise<FastifyInstance> {
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  await app.register(localePlugin, { fallback: 'en-us' });
  await app.register(consoleRoutes, { dir });
  await app.ready();
  return app;
}

describe('console static serving', () => {
  let dir: string;
  let app: FastifyInstance;
  const INDEX = '<!doctype html><html><head><script type="module" src="/agent/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pharos-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("console");');
    writeFileSync(join(dir, 'assets', 'index-def456.css'), 'body{}');
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /');
    writeFileSync(join(tmpdir(), 'pharos-console-secret.txt'), 'outside');
    app = await appFor(dir);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'pharos-console-secret.txt'), { force: true });
  });

  it('serves index.html at /agent/ and for every client route, revalidated, with the strict CSP', async () => {
    for (const url of ['/agent', '/agent/', '/agent/views/group-unassigned', '/agent/tickets/10001?x=1', '/agent/admin/kb']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).toContain('connect-src \'self\' ws: wss:');
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
  });

  it('serves hashed assets with a year-long immutable cache and answers If-None-Match with 304', async () => {
    const js = await app.inject({ url: '/agent/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body).toBe('console.log("console");');
    const again = await app.inject({ url: '/agent/assets/index-abc123.js', headers: { 'if-none-match': js.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    const css = await app.inject({ url: '/agent/assets/index-def456.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const robots = await app.inject({ url: '/agent/robots.txt' });
    expect(robots.headers['cache-control']).toBe('no-cache');
    const head = await app.inject({ method: 'HEAD', url: '/agent/assets/index-abc123.js' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers a missing file with 404, never with the HTML page', async () => {
    const res = await app.inject({ url: '/agent/assets/index-old999.js' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<html');
  });

  it('never serves files outside the build directory', async () => {
    for (const url of ['/agent/../pharos-console-secret.txt', '/agent/%2e%2e/pharos-console-secret.txt', '/agent/assets/..%2f..%2fpharos-console-secret.txt']) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('outside');
    }
  });

  it('shows a localized 503 page while the console is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pharos-console-empty-'));
    const bare = await appFor(empty);
    try {
      const zh = await bare.inject({ url: '/agent/views/mine', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
      expect(zh.statusCode).toBe(503);
      expect(zh.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(zh.body).toContain('lang="zh-CN"');
      expect(zh.body).toContain('客服工作台尚未构建');
      expect(zh.body).toContain('npm run build');
      expect(zh.headers['cache-control']).toBe('no-store');
      expect(zh.headers['content-security-policy']).toBe(CONSOLE_CSP);
      const en = await bare.inject({ url: '/agent/', headers: { 'accept-language': 'en-US' } });
      expect(en.statusCode).toBe(503);
      expect(en.body).toContain('The agent console has not been built yet');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
