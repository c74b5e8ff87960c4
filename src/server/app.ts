import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/index.js';
import { loggerOptions } from './logger.js';
import { authPlugin } from './plugins/auth.js';
import { errorsPlugin } from './plugins/errors.js';
import { localePlugin } from './plugins/locale.js';
import { metricsPlugin } from './plugins/metrics.js';
import { helpCenterRoutes } from './modules/helpcenter/helpcenter.routes.js';
import { statusPlugin } from './modules/status/status.routes.js';
import { safetyRoutes } from './modules/safety/safety.routes.js';
import { apiToolsRoutes } from './modules/api-tools/api-tools.routes.js';
import { channelsRoutes } from './modules/channels/channels.routes.js';
import { getOrCreateSetting, randomSalt } from './modules/settings/settings.service.js';
import { importRequestTypes, RequestTypeCatalog } from './modules/requests/request-types.js';
import { requestsRoutes } from './modules/requests/requests.routes.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { troubleshooterRoutes } from './modules/troubleshooters/troubleshooters.routes.js';
import { RequestsService } from './modules/requests/requests.service.js';
import { attachmentBlobStore, attachmentsRoutes, AttachmentsService, startAttachmentJanitor } from './modules/attachments/index.js';
import { sessionPlugin } from './plugins/session.js';
import { staffSessionGuard } from './modules/staff/staff.guard.js';
import { accountsPlugin } from './modules/accounts/accounts.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { importContent } from './modules/kb/kb.import.js';
import { kbRoutes } from './modules/kb/kb.routes.js';
import { AuditLog } from './modules/audit/audit.service.js';
import { consoleRoutes } from './modules/console/console.routes.js';
import { KnowledgeBaseIndex } from './modules/kb/kb.search.js';
import { KnowledgeBaseService } from './modules/kb/kb.service.js';
import { agentPlugin } from './modules/staff/staff.plugin.js';

/** instance_settings key recording that the bundled help-center content was imported. */
const CONTENT_IMPORTED = 'bundled_content_imported_at';

/** Trust the first `hops` proxies in X-Forwarded-For. */
const hopsTrusted = (hops: number) => (_address: string, index: number) => index < hops;

export interface BuildOptions {
  /** Reuse an open database (tests, CLI); otherwise one is opened from config and closed with the app. */
  database?: DatabaseHandle;
  /** Seconds between search-index reconciliations with the database (picks up other processes' edits). */
  indexRefreshSeconds?: number;
  /** Run the outbox worker in this process (default true; tests that inspect queued mail turn it off). */
  mailWorker?: boolean;
  /** Periodic maintenance jobs (attachment janitor); default true. */
  backgroundJobs?: boolean;
}

export interface AppServices {
  config: Config;
  database: DatabaseHandle;
  kb: KnowledgeBaseService;
  requests: RequestsService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

/**
 * Builds the whole application without listening: opens and migrates the database, imports
 * bundled content on first start, builds the search index and registers every route.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    trustProxy: typeof config.trustProxy === 'number' ? hopsTrusted(config.trustProxy) : config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const database = options.database ?? openDatabase(config.database);
  const ownsDatabase = !options.database;
  app.addHook('onClose', async () => {
    if (ownsDatabase) await database.close();
  });

  const applied = await migrateToLatest(database.db);
  if (applied.length) app.log.info({ migrations: applied }, 'database migrated');

  if (config.content.importOnStart) {
    // Bundled articles are imported once per installation: a help center an admin later emptied stays empty.
    const imported = await database.db.selectFrom('instance_settings').select('value').where('key', '=', CONTENT_IMPORTED).executeTakeFirst();
    if (!imported) {
      const existing = await database.db.selectFrom('categories').select('id').limit(1).executeTakeFirst();
      if (!existing) {
        const summary = await importContent(database.db, config.content.dir);
        app.log.info({ summary }, 'bundled help-center content imported');
      }
      await getOrCreateSetting(database.db, CONTENT_IMPORTED, () => new Date().toISOString());
    }
    const hasTypes = await database.db.selectFrom('request_types').select('id').limit(1).executeTakeFirst();
    if (!hasTypes) {
      const summary = await importRequestTypes(database.db, config.content.dir);
      app.log.info({ summary }, 'bundled request types imported');
    }
  }
  const catalog = new RequestTypeCatalog(database.db);
  await catalog.reload();

  const index = new KnowledgeBaseIndex(database.db, config.brand);
  await index.refresh();
  let ready = true;
  const refreshEvery = (options.indexRefreshSeconds ?? 15) * 1000;
  const timer = setInterval(() => {
    index.refresh().catch((err: unknown) => app.log.warn({ err }, 'search index refresh failed'));
  }, refreshEvery);
  timer.unref();
  app.addHook('onClose', async () => {
    ready = false;
    clearInterval(timer);
  });

  const kb = new KnowledgeBaseService(database.db, index, config.brand);
  const shieldSalt = config.shieldSalt ?? (await getOrCreateSetting(database.db, 'shield_salt', randomSalt));
  const linkSecret = await getOrCreateSetting(database.db, 'link_secret', randomSalt);
  const requests = new RequestsService(database.db, config, catalog, kb, { shieldSalt, linkSecret });
  app.decorate('services', { config, database, kb, requests });

  await app.register(localePlugin, { fallback: config.defaultLocale });
  await app.register(errorsPlugin);
  await app.register(metricsPlugin);
  await app.register(authPlugin, { db: database.db, ...(config.adminToken ? { adminToken: config.adminToken } : {}) });
  await app.register(formbody);
  await app.register(sessionPlugin, { db: database.db, config });
  // Staff sessions must have passed TOTP and be within staff expiry before any route sees them.
  await app.register(staffSessionGuard, { db: database.db });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Pharos API', description: `Support platform API for ${config.brand.name}`, version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const ctx = { publicUrl: config.publicUrl, brand: config.brand };
  await app.register(healthRoutes, { db: database.db, dialect: database.dialect, isReady: () => ready });
  await app.register(kbRoutes, { kb, ctx, audit: new AuditLog(database.db) });
  await app.register(helpCenterRoutes, { kb, config });
  await app.register(statusPlugin, { db: database.db, config, requests });
  await app.register(accountsPlugin, { db: database.db, config, outboxWorker: options.mailWorker ?? true });
  await app.register(safetyRoutes, { shieldSalt, enabledNetworks: config.brand.networks });
  await app.register(apiToolsRoutes, { kb, config });
  await app.register(channelsRoutes, { config });
  await app.register(requestsRoutes, { service: requests, publicUrl: config.publicUrl });
  await app.register(portalRoutes, { requests, kb, config });
  await app.register(troubleshooterRoutes, { config, kb, catalog });
  const attachments = new AttachmentsService(database.db, config, {
    shieldSalt,
    requests,
    maxBytes: config.attachments.maxBytes,
    maxFiles: config.attachments.maxFiles,
    guestUploadsPerHour: config.attachments.guestUploadsPerHour,
    blobs: attachmentBlobStore(config.dataDir, config.attachments.s3),
  });
  await app.register(attachmentsRoutes, { service: attachments });
  if (options.backgroundJobs ?? true) {
    const stopJanitor = startAttachmentJanitor(attachments, { log: app.log });
    app.addHook('onClose', async () => stopJanitor());
  }
  await app.register(agentPlugin, { db: database.db, config, requests, backgroundJobs: options.backgroundJobs ?? true });
  await app.register(consoleRoutes);

  await app.ready();
  return app;
}
