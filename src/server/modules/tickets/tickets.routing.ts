import type { Kysely } from 'kysely';
import type { Database, TicketPriority } from '../../db/schema.js';
import { newId, nowIso } from '../../db/ids.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { invalidFields } from '../accounts/accounts.validation.js';
import type { AuditActor, AuditLog } from '../audit/audit.service.js';
import type { RequestTypeCatalog } from '../requests/request-types.js';
import { pickAssignee, routeTicket, type RoutingRule } from './tickets.policy.js';
import { activeMembers, bumpGroupCursor, openTicketCounts } from './tickets.queries.js';
import './tickets.messages.js';

type Db = Kysely<Database>;

/** Routing rules (request type and priority → group) and automatic assignment within a group. */
export class RoutingService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly catalog: RequestTypeCatalog,
  ) {}

  async rules(db: Db = this.db): Promise<RoutingRule[]> {
    const rows = await db.selectFrom('routing_rules').select(['request_type', 'priority', 'group_id']).orderBy('position').execute();
    return rows.map((r) => ({ request_type: r.request_type, priority: r.priority, group_id: r.group_id }));
  }

  /** Replaces the whole ordered list (first match wins). */
  async saveRules(rules: RoutingRule[], actor: AuditActor, locale: Locale): Promise<RoutingRule[]> {
    const known = new Set(this.catalog.list(true).map((d) => d.key));
    const groups = new Set((await this.db.selectFrom('groups').select('id').execute()).map((g) => g.id));
    const problems = rules.flatMap((r, i) => [
      ...(known.has(r.request_type) ? [] : [{ path: `rules.${i}.request_type`, message: t(locale, 'tickets.errors.unknown_request_type', { key: r.request_type }) }]),
      ...(groups.has(r.group_id) ? [] : [{ path: `rules.${i}.group_id`, message: t(locale, 'tickets.errors.unknown_group', { id: r.group_id }) }]),
    ]);
    if (problems.length) throw invalidFields(problems);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('routing_rules').execute();
      const now = nowIso();
      for (const [position, r] of rules.entries()) {
        await trx.insertInto('routing_rules').values({ id: newId('rr'), position, request_type: r.request_type, priority: r.priority, group_id: r.group_id, created_at: now }).execute();
      }
      await this.audit.append({ actor, action: 'routing_rules.update', subject: 'routing_rules', details: { rules } }, trx);
    });
    return this.rules();
  }

  /** The group a new ticket goes to. */
  async groupFor(trx: Db, ticket: { requestType: string; priority: TicketPriority; defaultGroupId: string | null }): Promise<string | null> {
    return routeTicket(await this.rules(trx), { requestType: ticket.requestType, priority: ticket.priority }, ticket.defaultGroupId);
  }

  /**
   * Picks the assignee of a new ticket in `groupId` by the group's mode. The group row is locked
   * (its counter advanced) first, so concurrent assignments in one group are serialized and least
   * busy counts what earlier ones committed.
   */
  async assigneeFor(trx: Db, groupId: string): Promise<string | null> {
    const mode = await trx.selectFrom('groups').select('assignment').where('id', '=', groupId).executeTakeFirst();
    if (!mode || mode.assignment === 'manual') return null;
    const group = await bumpGroupCursor(trx, groupId);
    if (!group || group.assignment === 'manual') return null;
    const members = await activeMembers(trx, groupId);
    const counts = group.assignment === 'least_busy' ? await openTicketCounts(trx, members) : new Map<string, number>();
    return pickAssignee(group.assignment, members, Number(group.rr_cursor), counts);
  }
}
