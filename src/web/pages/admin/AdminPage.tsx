import type { AdminSection } from '../../lib/routes.js';
import { AuditAdmin } from './AuditAdmin.js';
import { GroupsAdmin } from './GroupsAdmin.js';
import { KnowledgeBaseAdmin } from './KnowledgeBaseAdmin.js';
import { MacrosAdmin } from './MacrosAdmin.js';
import { RequestTypesAdmin } from './RequestTypesAdmin.js';
import { RoutingAdmin } from './RoutingAdmin.js';
import { SlaAdmin } from './SlaAdmin.js';
import { StaffAdmin } from './StaffAdmin.js';
import { TokensAdmin } from './TokensAdmin.js';
import { StatusNoticesAdmin } from './StatusNoticesAdmin.js';

/** Administration pages (the shell shows them to admins only; the API enforces it). */
export function AdminPage({ section }: { section: AdminSection }) {
  switch (section) {
    case 'request-types':
      return <RequestTypesAdmin />;
    case 'groups':
      return <GroupsAdmin />;
    case 'routing':
      return <RoutingAdmin />;
    case 'sla':
      return <SlaAdmin />;
    case 'macros':
      return <MacrosAdmin />;
    case 'staff':
      return <StaffAdmin />;
    case 'tokens':
      return <TokensAdmin />;
    case 'audit':
      return <AuditAdmin />;
    case 'kb':
      return <KnowledgeBaseAdmin />;
    case 'status-notices':
      return <StatusNoticesAdmin />;
  }
}
