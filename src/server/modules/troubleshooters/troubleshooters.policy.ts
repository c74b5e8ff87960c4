import type { Actor } from '../../plugins/auth.js';

/** Checking a tree against live request types and articles is an admin task (trees are content). */
export const canValidateTroubleshooters = (actor: Actor): boolean => actor.kind === 'admin';
