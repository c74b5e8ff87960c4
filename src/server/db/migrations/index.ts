import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_instance_settings.js';
import * as m0003 from './0003_requests.js';
import * as m0004 from './0004_accounts.js';
import * as m0005 from './0005_agent.js';
import * as m0006 from './0006_anti_phishing.js';
import * as m0007 from './0007_status_notices.js';
import * as m0008 from './0008_drop_ticket_search_text.js';

/** Every migration, in order. Static imports so the list works from src and from dist. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_instance_settings': m0002,
  '0003_requests': m0003,
  '0004_accounts': m0004,
  '0005_agent': m0005,
  '0006_anti_phishing': m0006,
  '0007_status_notices': m0007,
  '0008_drop_ticket_search_text': m0008,
};
