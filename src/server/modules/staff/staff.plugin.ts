import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { realtimePlugin, RealtimeHub } from '../../realtime/index.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { AuditLog } from '../audit/audit.service.js';
import { importDefaultMacros, MacrosService } from '../macros/macros.service.js';
import { macrosRoutes } from '../macros/macros.routes.js';
import { statusAdminRoutes } from '../status/status.admin.routes.js';
import { RateLimiter } from '../ratelimit/ratelimit.service.js';
import type { RequestsService } from '../requests/requests.service.js';
import { startSlaMonitor } from '../sla/sla.monitor.js';
import { slaRoutes } from '../sla/sla.routes.js';
import { SlaService } from '../sla/sla.service.js';
import { ticketHooks } from '../tickets/tickets.hooks.js';
import { backfillTicketTerms } from '../tickets/tickets.index.js';
import { ticketsRoutes } from '../tickets/tickets.routes.js';
import { RoutingService } from '../tickets/tickets.routing.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { GroupsService } from './groups.service.js';
import { STAFF_SESSION_ABSOLUTE_MS, STAFF_SESSION_IDLE_MS } from './staff.policy.js';
import { purgeStaffSessions } from './staff.queries.js';
import { staffRoutes } from './staff.routes.js';
import { StaffAuthService, StaffService, type StaffLimits } from './staff.service.js';

export interface AgentPluginOptions {
  db: Kysely<Database>;
  config: Config;
  requests: RequestsService;
  /** SLA monitor and staff-session clean-up in this process (default true). */
  backgroundJobs?: boolean;
  slaMonitorIntervalMs?: number;
  limits?: Partial<StaffLimits>;
}

/** The agent side's services, for tests and the CLI. */
export interface AgentServices {
  audit: AuditLog;
  auth: StaffAuthService;
  staff: StaffService;
  groups: GroupsService;
  sla: SlaService;
  routing: RoutingService;
  tickets: TicketsService;
  macros: MacrosService;
  hub: RealtimeHub;
}

declare module 'fastify' {
  interface FastifyInstance {
    agent: AgentServices;
  }
}

/**
 * Everything staff use: sign-in and sessions, staff/groups/API tokens, ticket views and work,
 * routing and assignment, SLA, macros, audit log and realtime. Hooks into the requests service
 * (routing, SLA clocks, search index and events on submit and on every message). Imports the bundled
 * macros on first start. Register after sessionPlugin and the other route plugins.
 */
export const agentPlugin = fp<AgentPluginOptions>(
  async (app, opts) => {
    const { db, config, requests } = opts;

    const audit = new AuditLog(db);
    const hub = new RealtimeHub(app.log);
    const auth = new StaffAuthService(db, config, new RateLimiter(db), audit, opts.limits);
    const staff = new StaffService(db, config, audit);
    const groups = new GroupsService(db, audit, hub);
    const sla = new SlaService(db, audit);
    const routing = new RoutingService(db, audit, requests.catalog);
    const tickets = new TicketsService(db, requests, sla, audit, config.publicUrl, hub);
    const macros = new MacrosService(db, audit, config.brand);
    hub.bind(tickets);
    app.decorate('agent', { audit, auth, staff, groups, sla, routing, tickets, macros, hub });

    const removeHooks = requests.addHooks(ticketHooks({ sla, routing, notifier: hub, typeKeyOf: (id) => requests.catalog.byId(id)?.def.key }));
    app.addHook('onClose', async () => removeHooks());

    if (config.content.importOnStart) {
      const imported = await importDefaultMacros(db, config.content.dir);
      if (imported) app.log.info(imported, 'bundled macros imported');
    }
    // Tickets created before the agent side existed get an SLA clock and search terms.
    const clocks = await sla.backfill();
    const indexed = await backfillTicketTerms(db);
    if (clocks || indexed) app.log.info({ clocks, indexed }, 'agent data backfilled');

    await app.register(staffRoutes, { auth, staff, groups });
    await app.register(ticketsRoutes, { tickets, routing, publicUrl: config.publicUrl });
    await app.register(slaRoutes, { sla });
    await app.register(macrosRoutes, { macros });
    await app.register(statusAdminRoutes, { db, audit, requests, config });
    await app.register(auditRoutes, { audit, publicUrl: config.publicUrl });
    await app.register(realtimePlugin, { db, config, hub });

    if (opts.backgroundJobs ?? true) {
      let stopMonitor: (() => Promise<void>) | null = null;
      app.addHook('onReady', async () => {
        stopMonitor = startSlaMonitor({ sla, log: app.log, onBreach: (ids) => ids.forEach((id) => hub.ticketUpdated(id)), ...(opts.slaMonitorIntervalMs ? { intervalMs: opts.slaMonitorIntervalMs } : {}) });
      });
      const purge = setInterval(() => {
        const now = Date.now();
        purgeStaffSessions(db, new Date(now - STAFF_SESSION_ABSOLUTE_MS).toISOString(), new Date(now - STAFF_SESSION_IDLE_MS).toISOString()).catch((err: unknown) => app.log.warn({ err }, 'staff session clean-up failed'));
      }, 10 * 60 * 1000);
      purge.unref();
      app.addHook('onClose', async () => {
        clearInterval(purge);
        await stopMonitor?.();
      });
    }
  },
  { name: 'pharos-agent', dependencies: ['pharos-session'] },
);
