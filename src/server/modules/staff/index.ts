/**
 * The agent side's entry points for app wiring and the CLI: the plugin (`agentPlugin`), staff
 * creation (`createStaff`), the staff-session guard and route guards, and the SLA monitor job.
 */
export { agentPlugin, type AgentPluginOptions, type AgentServices } from './staff.plugin.js';
export { createStaff, type CreateStaffInput, type CreateStaffOptions, type CreateStaffResult } from './staff.service.js';
export { requireAdmin, requireStaff, staffSessionGuard, staffSessionUsable } from './staff.guard.js';
export { startSlaMonitor, type SlaMonitorOptions } from '../sla/sla.monitor.js';
