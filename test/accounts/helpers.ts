import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import formbody from '@fastify/formbody';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import * as OTPAuth from 'otpauth';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';
import type { DatabaseHandle, Dialect } from '../../src/server/db/index.js';
import { authPlugin } from '../../src/server/plugins/auth.js';
import { errorsPlugin } from '../../src/server/plugins/errors.js';
import { localePlugin } from '../../src/server/plugins/locale.js';
import { sessionPlugin } from '../../src/server/plugins/session.js';
import { accountsPlugin, type AccountsPluginOptions } from '../../src/server/modules/accounts/accounts.routes.js';
import type { MailTransport, OutgoingMail } from '../../src/server/modules/mail/mail.transport.js';
import { createTestDatabase, openMigrated, TEST_ADMIN_TOKEN, type TestDatabase } from '../helpers/db.js';

export interface AccountsTestApp {
  app: FastifyInstance;
  db: Kysely<Database>;
  handle: DatabaseHandle;
  test: TestDatabase;
  close(): Promise<void>;
}

/**
 * The plugins buildApp registers around accounts (locale, errors, Bearer auth, form bodies,
 * sessions) on a fresh migrated database, without the help-center content and search index.
 */
export async function createAccountsApp(
  dialect: Dialect,
  options: { env?: Record<string, string>; accounts?: Partial<Omit<AccountsPluginOptions, 'db' | 'config'>> } = {},
): Promise<AccountsTestApp> {
  const test = await createTestDatabase(dialect, options.env);
  const handle = await openMigrated(test);
  const config = test.config;
  const app = Fastify({ logger: false, trustProxy: true, routerOptions: { ignoreTrailingSlash: true, caseSensitive: true } }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(localePlugin, { fallback: config.defaultLocale });
  await app.register(errorsPlugin);
  await app.register(authPlugin, { db: handle.db, adminToken: TEST_ADMIN_TOKEN });
  await app.register(formbody);
  await app.register(sessionPlugin, { db: handle.db, config });
  await app.register(accountsPlugin, { db: handle.db, config, outboxWorker: false, ...options.accounts });
  await app.ready();
  return {
    app,
    db: handle.db,
    handle,
    test,
    close: async () => {
      await app.close();
      await handle.close();
      await test.cleanup();
    },
  };
}

/** Collects what the outbox worker delivers. */
export class CollectingTransport implements MailTransport {
  readonly name = 'collect';
  readonly sent: OutgoingMail[] = [];
  failNext = 0;
  async send(mail: OutgoingMail): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('smtp unavailable');
    }
    this.sent.push(mail);
  }
}

/** A cookie-keeping client over app.inject that can follow redirects like a browser. */
export class Browser {
  readonly jar = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private keep(res: LightMyRequestResponse): void {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
  }

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(opts: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: string | object; headers?: Record<string, string> }): Promise<LightMyRequestResponse> {
    const cookie = this.cookieHeader();
    const res = await this.app.inject({
      method: opts.method,
      url: opts.url,
      ...(opts.payload !== undefined ? { payload: opts.payload } : {}),
      headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...opts.headers },
    });
    this.keep(res);
    return res;
  }

  /** Follows 301/302/303 redirects with GET; returns the last answer and the URLs visited. */
  async follow(res: LightMyRequestResponse, visited: string[] = []): Promise<{ res: LightMyRequestResponse; visited: string[] }> {
    let current = res;
    for (let i = 0; i < 10 && [301, 302, 303].includes(current.statusCode); i++) {
      const location = String(current.headers.location);
      visited.push(location);
      current = await this.request({ method: 'GET', url: location });
    }
    return { res: current, visited };
  }

  async get(url: string) {
    return this.follow(await this.request({ method: 'GET', url }), [url]);
  }

  /** A plain HTML form post (application/x-www-form-urlencoded), redirects followed. */
  async submit(url: string, fields: Record<string, string>) {
    const res = await this.request({
      method: 'POST',
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return this.follow(res, []);
  }

  async json(method: 'GET' | 'POST', url: string, body?: object, headers: Record<string, string> = {}) {
    return this.request({ method, url, ...(body !== undefined ? { payload: body } : {}), headers });
  }
}

/** The _csrf value embedded in a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field in page');
  return match[1]!;
}

export function totpFor(secret: string) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** The link of the newest outbox email of `template` sent to `to`. */
export async function latestLink(db: Kysely<Database>, to: string, template: string): Promise<string> {
  const row = await db.selectFrom('outbox').select(['text_body']).where('to_address', '=', to).where('template', '=', template).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const match = /(https?:\/\/\S+token=[A-Za-z0-9_%-]+)/.exec(row.text_body);
  if (!match) throw new Error(`no link in ${template} email`);
  return match[1]!;
}

/** Path and query of an absolute link (inject takes paths). */
export const pathOf = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};

export const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
