import type { Actor } from '../../plugins/auth.js';

/** Pure checks for knowledge-base actions. */
export const canSeeDrafts = (actor: Actor): boolean => actor.kind === 'admin' || actor.kind === 'agent';
export const canEditKnowledgeBase = (actor: Actor): boolean => actor.kind === 'admin';
