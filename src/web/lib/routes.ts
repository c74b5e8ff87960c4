import type { TicketFilters } from '../api/endpoints.js';
import type { ViewKey } from '../api/types.js';

/** The console lives under /agent/ (vite `base`, server mount point). */
export const BASE = '/agent';

export const VIEWS: readonly ViewKey[] = ['mine', 'group_unassigned', 'all_open', 'sla_breaching'];
const ALL_VIEWS: readonly ViewKey[] = [...VIEWS, 'all'];

export const ADMIN_SECTIONS = ['request-types', 'groups', 'routing', 'sla', 'macros', 'staff', 'tokens', 'audit', 'kb', 'status-notices'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export const FILTER_KEYS = ['status', 'request_type', 'group_id', 'priority', 'requester', 'created_after', 'created_before'] as const satisfies ReadonlyArray<keyof TicketFilters>;

export type Route =
  | { name: 'view'; view: ViewKey; filters: TicketFilters; page: number }
  | { name: 'search'; query: string }
  | { name: 'ticket'; id: number }
  | { name: 'admin'; section: AdminSection }
  | { name: 'not_found'; path: string };

const urlView = (view: ViewKey) => view.replace(/_/g, '-');
const viewFromUrl = (segment: string) => ALL_VIEWS.find((v) => urlView(v) === segment);

/** Reads the console's route from a location (path under /agent/, query string). */
export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  if (parts.length === 0) return { name: 'view', view: 'mine', filters: {}, page: 1 };
  if (parts[0] === 'views' && parts.length === 2) {
    const view = viewFromUrl(parts[1]!);
    if (view) {
      const filters: TicketFilters = {};
      for (const key of FILTER_KEYS) {
        const value = params.get(key);
        if (value) filters[key] = value;
      }
      const page = Number(params.get('page'));
      return { name: 'view', view, filters, page: Number.isInteger(page) && page > 0 ? page : 1 };
    }
  }
  if (parts[0] === 'search' && parts.length === 1) return { name: 'search', query: params.get('query') ?? '' };
  if (parts[0] === 'tickets' && parts.length === 2 && /^\d{1,10}$/.test(parts[1]!)) return { name: 'ticket', id: Number(parts[1]) };
  if (parts[0] === 'admin' && parts.length === 2 && (ADMIN_SECTIONS as readonly string[]).includes(parts[1]!)) return { name: 'admin', section: parts[1] as AdminSection };
  if (parts[0] === 'admin' && parts.length === 1) return { name: 'admin', section: 'request-types' };
  return { name: 'not_found', path: pathname };
}

/** The URL of a route (inverse of parseRoute). */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'view': {
      const params = new URLSearchParams();
      for (const key of FILTER_KEYS) {
        const value = route.filters[key];
        if (value) params.set(key, value);
      }
      if (route.page > 1) params.set('page', String(route.page));
      const qs = params.toString();
      return `${BASE}/views/${urlView(route.view)}${qs ? `?${qs}` : ''}`;
    }
    case 'search':
      return `${BASE}/search?${new URLSearchParams({ query: route.query }).toString()}`;
    case 'ticket':
      return `${BASE}/tickets/${route.id}`;
    case 'admin':
      return `${BASE}/admin/${route.section}`;
    case 'not_found':
      return route.path;
  }
}

export const viewHref = (view: ViewKey, filters: TicketFilters = {}) => routeHref({ name: 'view', view, filters, page: 1 });
