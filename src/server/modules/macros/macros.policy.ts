import type { Actor } from '../../plugins/auth.js';
import type { TicketPriority, TicketStatus } from '../../db/schema.js';

export const canManageMacros = (actor: Actor): boolean => actor.kind === 'admin';
export const canUseMacros = (actor: Actor): boolean => actor.kind === 'agent' || actor.kind === 'admin';

export interface MacroActions {
  status?: TicketStatus;
  priority?: TicketPriority;
}

/** Values the placeholders of a macro body take for one ticket. */
export interface MacroContext {
  requester: { name: string; email: string };
  ticket: { id: number; subject: string };
  agent: { name: string };
  brand: { name: string; supportEmail: string };
}

export const PLACEHOLDERS = ['requester.name', 'requester.email', 'ticket.id', 'ticket.subject', 'agent.name', 'brand.name', 'brand.supportEmail'] as const;

/** Replaces `{{requester.name}}`-style placeholders (spaces allowed inside the braces); unknown ones stay as written. */
export function renderMacro(template: string, ctx: MacroContext): string {
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    'requester.name': ctx.requester.name,
    'requester.email': ctx.requester.email,
    'ticket.id': String(ctx.ticket.id),
    'ticket.subject': ctx.ticket.subject,
    'agent.name': ctx.agent.name,
    'brand.name': ctx.brand.name,
    'brand.supportEmail': ctx.brand.supportEmail,
  };
  return template.replace(/\{\{\s*([A-Za-z.]+)\s*\}\}/g, (whole, name: string) => (name in values ? values[name as keyof typeof values] : whole));
}

/** A macro is offered for a group when it is global or belongs to that group. */
export const macroAvailableIn = (macro: { group_id: string | null }, groupId: string | null | undefined): boolean => macro.group_id === null || !groupId || macro.group_id === groupId;
