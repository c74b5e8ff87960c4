import type { Actor } from '../../plugins/auth.js';
import type { Viewer } from './requests.service.js';

/** The viewer a request comes from: a signed-in user, or a guest holding a follow-link token. */
export function viewerFor(actor: Actor, guestToken: string | undefined): Viewer | null {
  if (actor.userId && actor.kind !== 'anonymous') return { kind: 'user', userId: actor.userId };
  if (guestToken) return { kind: 'guest', token: guestToken };
  return null;
}

/** Only signed-in customers (and staff acting as customers of their own requests) list "my requests". */
export const canListOwnRequests = (actor: Actor): boolean => actor.userId !== null && actor.kind !== 'anonymous';

export const canManageRequestTypes = (actor: Actor): boolean => actor.kind === 'admin';
