import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ApiClient } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { Group, RequestTypeSummary, StaffMember, StaffUser } from '../api/types.js';
import { useI18n } from '../i18n/context.js';

export interface Session {
  user: StaffUser;
  api: ApiClient;
  ep: Endpoints;
  isAdmin: boolean;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Names of groups, staff and request types, loaded once per sign-in and refreshed on demand. */
export interface Directory {
  groups: Group[];
  staff: StaffMember[];
  requestTypes: RequestTypeSummary[];
  loaded: boolean;
  reload: () => void;
  groupName: (id: string | null | undefined) => string;
  userName: (id: string | null | undefined) => string;
  requestTypeName: (key: string | null | undefined) => string;
}

const DirectoryContext = createContext<Directory | null>(null);

export function DirectoryProvider({ children }: { children: ReactNode }) {
  const { ep, user } = useSession();
  const { locale } = useI18n();
  const [groups, setGroups] = useState<Group[]>([]);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [requestTypes, setRequestTypes] = useState<RequestTypeSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    // Each list is optional: an agent may not be allowed to list staff, and the console still works.
    void Promise.allSettled([ep.groups.list(), ep.users.list(), ep.requestTypes.list()]).then(async ([g, s, r]) => {
      if (!live) return;
      if (g.status === 'fulfilled') setGroups(g.value);
      if (r.status === 'fulfilled') setRequestTypes(r.value);
      if (s.status === 'fulfilled') setStaff(s.value.filter((u) => u.role === 'agent' || u.role === 'admin'));
      else {
        // Agents may not list staff; group memberships (readable by all staff) name the colleagues.
        const byId = new Map<string, StaffMember>([[user.id, { ...user }]]);
        const lists = await Promise.allSettled((g.status === 'fulfilled' ? g.value : []).map((group) => ep.groups.memberships(group.id)));
        for (const list of lists) {
          if (list.status !== 'fulfilled') continue;
          for (const m of list.value) {
            const known = byId.get(m.user_id);
            if (known) known.group_ids = [...new Set([...known.group_ids, m.group_id])];
            else if (m.user) byId.set(m.user_id, { id: m.user_id, name: m.user.name, email: m.user.email, role: m.user.role === 'admin' ? 'admin' : 'agent', locale: '', group_ids: [m.group_id], ...(m.user.active === false ? { active: false } : {}) });
          }
        }
        if (live) setStaff([...byId.values()].filter((u) => u.active !== false));
      }
      if (live) setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [ep, user, generation, locale]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const value = useMemo<Directory>(
    () => ({
      groups,
      staff,
      requestTypes,
      loaded,
      reload,
      groupName: (id) => {
        if (!id) return '';
        const g = groups.find((x) => x.id === id || x.key === id);
        return g ? g.name[locale] || g.name['en-us'] || g.key : id;
      },
      userName: (id) => {
        if (!id) return '';
        if (id === user.id) return user.name;
        return staff.find((s) => s.id === id)?.name ?? id;
      },
      requestTypeName: (key) => {
        if (!key) return '';
        return requestTypes.find((r) => r.key === key)?.name ?? key;
      },
    }),
    [groups, staff, requestTypes, loaded, reload, locale, user],
  );
  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  const value = useContext(DirectoryContext);
  if (!value) throw new Error('useDirectory outside DirectoryProvider');
  return value;
}
