import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';

/** Every migration, in order. Static imports so the list works from src and from dist. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};
