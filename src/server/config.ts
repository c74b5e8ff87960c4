import { z } from 'zod';

/** Thrown when the environment holds a bad value; start-up prints it and exits. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable Pharos reads, with its default. The README table mirrors this. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.default(false),
  CONTENT_DIR: z.string().min(1).default('./content'),
  CONTENT_IMPORT_ON_START: bool.default(true),
  ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  SHIELD_SALT: z.string().min(16, 'must be at least 16 characters').optional(),
  DEFAULT_LOCALE: z.enum(['zh-cn', 'en-us']).default('en-us'),
  TRUST_PROXY: z.string().default('loopback'),
  GUEST_REQUESTS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
  WRITE_BATCH_MAX: z.coerce.number().int().min(1).max(1000).default(64),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  ATTACHMENT_MAX_FILES: z.coerce.number().int().min(1).max(50).default(5),
  ATTACHMENT_GUEST_UPLOADS_PER_HOUR: z.coerce.number().int().min(0).max(100_000).default(30),
  ATTACHMENT_S3_ENDPOINT: z.url().optional(),
  ATTACHMENT_S3_BUCKET: z.string().min(3).max(63).optional(),
  ATTACHMENT_S3_REGION: z.string().min(1).default('us-east-1'),
  ATTACHMENT_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  ATTACHMENT_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  ATTACHMENT_S3_PREFIX: z.string().default('attachments/'),
  ATTACHMENT_S3_PATH_STYLE: bool.default(true),
  BRAND_NAME: z.string().min(1).max(80).default('Lanternfish Exchange'),
  BRAND_WEBSITE: z.url().default('https://www.lanternfish.example'),
  BRAND_SUPPORT_EMAIL: z.email().default('support@lanternfish.example'),
  BRAND_OFFICIAL_DOMAINS: z.string().default('lanternfish.example,www.lanternfish.example,support.lanternfish.example'),
  BRAND_SOCIAL_X: z
    .string()
    .regex(/^@[A-Za-z0-9_]{1,15}$/, 'must look like @handle')
    .default('@lanternfish_ex'),
  BRAND_SOCIAL_REDDIT: z
    .string()
    .regex(/^r\/[A-Za-z0-9_]{2,21}$/, 'must look like r/community')
    .default('r/lanternfish'),
  BRAND_SOCIAL_TELEGRAM: z
    .string()
    .regex(/^@[A-Za-z0-9_]{5,32}$/, 'must look like @handle')
    .optional(),
  BRAND_OFFICIAL_EMAIL_SENDERS: z.string().optional(),
  BRAND_APPS: z
    .string()
    .default('App Store=https://apps.apple.com/app/lanternfish-exchange/id0000000000,Google Play=https://play.google.com/store/apps/details?id=example.lanternfish.exchange'),
  BRAND_ASSETS: z.string().default('BTC,ETH,USDT,USDC,XRP,SOL,TRX,XLM,LTC,DOGE,BCH,ADA,ATOM,TON'),
  BRAND_NETWORKS: z
    .string()
    .default('bitcoin,ethereum,bsc,polygon,arbitrum,optimism,base,tron,solana,xrp,stellar,litecoin,dogecoin,bitcoin-cash,cardano,cosmos,ton'),
});

export type Locale = 'zh-cn' | 'en-us';

export interface BrandConfig {
  name: string;
  website: string;
  helpCenterUrl: string;
  requestUrl: string;
  statusUrl: string;
  supportEmail: string;
  officialDomains: string[];
  social: { x: string; reddit: string; telegram?: string };
  /** Addresses our emails come from (BRAND_OFFICIAL_EMAIL_SENDERS; default: support email and noreply@ its domain). */
  officialEmailSenders: string[];
  /** Official app downloads (BRAND_APPS: `Label=https://…` entries). */
  apps: Array<{ label: string; url: string }>;
  assets: string[];
  networks: string[];
}

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  redisUrl?: string;
  log: { level: string; pretty: boolean };
  content: { dir: string; importOnStart: boolean };
  adminToken?: string;
  shieldSalt?: string;
  defaultLocale: Locale;
  /** Fastify trustProxy: 'true', 'false', a hop count, or comma-separated addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  /** Requests a visitor who is not signed in may submit per hour from one address. */
  guestRequestsPerHour: number;
  /** Most submissions committed together (group commit); 1 = one transaction each. */
  writeBatchMax: number;
  attachments: {
    maxBytes: number;
    maxFiles: number;
    guestUploadsPerHour: number;
    s3?: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; prefix: string; pathStyle: boolean };
  };
  brand: BrandConfig;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, `${issue.message} (got ${JSON.stringify(cleaned[variable] ?? '')})`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/$/, '');
  const dbUrl = e.DATABASE_URL ?? `sqlite:${e.DATA_DIR.replace(/\/$/, '')}/pharos.db`;
  const database = dbUrl.startsWith('sqlite:')
    ? { kind: 'sqlite' as const, file: dbUrl.slice('sqlite:'.length) || ':memory:' }
    : { kind: 'postgres' as const, url: dbUrl };
  const domains = list(e.BRAND_OFFICIAL_DOMAINS);
  for (const d of domains) {
    if (!/^[a-z0-9.-]+\.[a-z0-9-]+$/i.test(d)) throw new ConfigError('BRAND_OFFICIAL_DOMAINS', `contains an invalid domain ${JSON.stringify(d)}`);
  }
  const supportDomain = e.BRAND_SUPPORT_EMAIL.split('@')[1]!.toLowerCase();
  const senders = (e.BRAND_OFFICIAL_EMAIL_SENDERS ? list(e.BRAND_OFFICIAL_EMAIL_SENDERS) : [e.BRAND_SUPPORT_EMAIL, `noreply@${supportDomain}`]).map((a) => a.toLowerCase());
  for (const address of senders) {
    if (!z.email().safeParse(address).success) throw new ConfigError('BRAND_OFFICIAL_EMAIL_SENDERS', `contains an invalid address ${JSON.stringify(address)}`);
  }
  const apps = (e.BRAND_APPS.trim().toLowerCase() === 'none' ? [] : list(e.BRAND_APPS)).map((entry) => {
    const at = entry.indexOf('=');
    const label = at > 0 ? entry.slice(0, at).trim() : '';
    const url = (at > 0 ? entry.slice(at + 1) : entry).trim();
    if (!label || !/^https:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) throw new ConfigError('BRAND_APPS', `entries must look like Label=https://… (got ${JSON.stringify(entry)})`);
    return { label, url };
  });
  const s3Vars = [e.ATTACHMENT_S3_ENDPOINT, e.ATTACHMENT_S3_BUCKET, e.ATTACHMENT_S3_ACCESS_KEY_ID, e.ATTACHMENT_S3_SECRET_ACCESS_KEY];
  if (s3Vars.some(Boolean) && !s3Vars.every(Boolean)) {
    throw new ConfigError('ATTACHMENT_S3_ENDPOINT', 'and ATTACHMENT_S3_BUCKET, ATTACHMENT_S3_ACCESS_KEY_ID, ATTACHMENT_S3_SECRET_ACCESS_KEY must be set together');
  }
  const trust = e.TRUST_PROXY.trim();
  const trustProxy = trust === 'true' ? true : trust === 'false' ? false : /^\d+$/.test(trust) ? Number(trust) : list(trust);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    database,
    dataDir: e.DATA_DIR,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
    content: { dir: e.CONTENT_DIR, importOnStart: e.CONTENT_IMPORT_ON_START },
    ...(e.ADMIN_TOKEN ? { adminToken: e.ADMIN_TOKEN } : {}),
    ...(e.SHIELD_SALT ? { shieldSalt: e.SHIELD_SALT } : {}),
    defaultLocale: e.DEFAULT_LOCALE,
    trustProxy,
    guestRequestsPerHour: e.GUEST_REQUESTS_PER_HOUR,
    writeBatchMax: e.WRITE_BATCH_MAX,
    attachments: {
      maxBytes: e.ATTACHMENT_MAX_BYTES,
      maxFiles: e.ATTACHMENT_MAX_FILES,
      guestUploadsPerHour: e.ATTACHMENT_GUEST_UPLOADS_PER_HOUR,
      ...(e.ATTACHMENT_S3_ENDPOINT
        ? {
            s3: {
              endpoint: e.ATTACHMENT_S3_ENDPOINT,
              bucket: e.ATTACHMENT_S3_BUCKET!,
              region: e.ATTACHMENT_S3_REGION,
              accessKeyId: e.ATTACHMENT_S3_ACCESS_KEY_ID!,
              secretAccessKey: e.ATTACHMENT_S3_SECRET_ACCESS_KEY!,
              prefix: e.ATTACHMENT_S3_PREFIX,
              pathStyle: e.ATTACHMENT_S3_PATH_STYLE,
            },
          }
        : {}),
    },
    brand: {
      name: e.BRAND_NAME,
      website: e.BRAND_WEBSITE.replace(/\/$/, ''),
      helpCenterUrl: `${publicUrl}/hc`,
      requestUrl: `${publicUrl}/hc/requests/new`,
      statusUrl: `${publicUrl}/hc/status`,
      supportEmail: e.BRAND_SUPPORT_EMAIL,
      officialDomains: domains,
      social: { x: e.BRAND_SOCIAL_X, reddit: e.BRAND_SOCIAL_REDDIT, ...(e.BRAND_SOCIAL_TELEGRAM ? { telegram: e.BRAND_SOCIAL_TELEGRAM } : {}) },
      officialEmailSenders: [...new Set(senders)],
      apps,
      assets: list(e.BRAND_ASSETS).map((a) => a.toUpperCase()),
      networks: list(e.BRAND_NETWORKS),
    },
  };
}

/** Variables documented in the README configuration table (kept next to the schema). */
export const configVariables = Object.keys(envSchema.shape);
