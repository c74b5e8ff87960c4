import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Config } from '../../src/server/config.js';
import * as OTPAuth from 'otpauth';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.js';
import type { Dialect } from '../../src/server/db/index.js';
import { createStaff } from '../../src/server/modules/staff/staff.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { PG_ADMIN_URL } from '../helpers/db.js';
import { createUserWithToken } from '../helpers/users.js';

export const STAFF_PASSWORD = 'correct horse battery staple 42';

/**
 * Waits until no connection to the test database is left (pg-pool's end() resolves before its
 * sockets are closed; dropping the database WITH (FORCE) would then kill them mid-close).
 */
export async function waitForPgConnections(config: Config): Promise<void> {
  if (config.database.kind !== 'postgres') return;
  const name = new URL(config.database.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (!rows[0]?.n) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await admin.end();
  }
}

/** buildApp on a fresh database without the mail worker and background jobs (tests drive them). */
export async function createAgentApp(dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> {
  const t = await createTestApp(dialect, env, { mailWorker: false, backgroundJobs: false });
  return {
    ...t,
    close: async () => {
      await t.app.close();
      await waitForPgConnections(t.db.config);
      await t.db.cleanup();
    },
  };
}

export const totpOf = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });

/** The pharos_session cookie value of a response, if it set one. */
export function sessionCookieOf(res: LightMyRequestResponse): string | null {
  const cookie = (res.cookies as Array<{ name: string; value: string }>).find((c) => c.name === 'pharos_session');
  return cookie?.value || null;
}

/** A signed-in console: session cookie and CSRF token on every request. */
export class StaffClient {
  constructor(
    readonly app: FastifyInstance,
    readonly cookie: string,
    readonly csrf: string,
    readonly user: { id: string; name: string; email: string; role: string; group_ids: string[] },
    readonly secret: string,
  ) {}

  get headers(): Record<string, string> {
    return { cookie: `pharos_session=${this.cookie}`, 'x-csrf-token': this.csrf };
  }

  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
    return this.app.inject({ method, url, headers: this.headers, ...(payload !== undefined ? { payload } : {}) });
  }

  get(url: string) {
    return this.request('GET', url);
  }
}

/**
 * Creates a staff member with a password (the CLI path), then signs in through the API: password,
 * TOTP enrolment with the returned secret, first code. Returns the signed-in client.
 */
export async function staffSignIn(app: FastifyInstance, opts: { role: 'agent' | 'admin'; email?: string; name?: string; locale?: 'en-us' | 'zh-cn' }): Promise<StaffClient> {
  const email = opts.email ?? `${opts.role}-${Math.random().toString(36).slice(2, 10)}@staff.example`;
  await createStaff(app.services.database.db, { email, name: opts.name ?? email.split('@')[0]!, role: opts.role, password: STAFF_PASSWORD, ...(opts.locale ? { locale: opts.locale } : {}) });
  const first = await app.inject({ method: 'POST', url: '/api/v2/staff/session', payload: { email, password: STAFF_PASSWORD } });
  if (first.statusCode !== 200 || first.json().stage !== 'totp_enrol') throw new Error(`staff sign-in failed: ${first.statusCode} ${first.body}`);
  const secret = first.json().enrolment.secret as string;
  const pending = sessionCookieOf(first)!;
  const second = await app.inject({ method: 'POST', url: '/api/v2/staff/session/totp', headers: { cookie: `pharos_session=${pending}` }, payload: { code: totpOf(secret).generate() } });
  if (second.statusCode !== 200) throw new Error(`staff TOTP step failed: ${second.statusCode} ${second.body}`);
  return new StaffClient(app, sessionCookieOf(second)!, second.json().csrf_token, second.json().user, secret);
}

export type Customer = Awaited<ReturnType<typeof createUserWithToken>>;

export function createCustomer(db: Kysely<Database>, email?: string): Promise<Customer> {
  return createUserWithToken(db, 'customer', email);
}

/** Submits a request as a customer (API token) and returns the ticket number. */
export async function submitTicket(
  app: FastifyInstance,
  customer: { headers: Record<string, string> },
  input: { subject: string; body: string; type?: string; locale?: 'en-us' | 'zh-cn'; fields?: Record<string, string> } = { subject: 'Need help with my account', body: 'Something is not working as expected with my account today.' },
): Promise<number> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v2/requests',
    headers: customer.headers,
    payload: {
      request: {
        subject: input.subject,
        comment: { body: input.body },
        request_type: input.type ?? 'other',
        custom_fields: Object.entries(input.fields ?? {}).map(([id, value]) => ({ id, value })),
        ...(input.locale ? { locale: input.locale } : {}),
      },
    },
  });
  if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
  return res.json().request.id as number;
}
