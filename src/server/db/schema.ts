import type { Generated } from 'kysely';

/** Row shapes. IDs are app-generated text, timestamps ISO-8601 UTC strings, booleans 0/1. */
export interface CategoryTable {
  id: string;
  key: string;
  position: number;
  created_at: string;
  updated_at: string;
}
export interface CategoryTranslationTable {
  category_id: string;
  locale: string;
  title: string;
  description: string;
}
export interface SectionTable {
  id: string;
  key: string;
  category_id: string;
  position: number;
  created_at: string;
  updated_at: string;
}
export interface SectionTranslationTable {
  section_id: string;
  locale: string;
  title: string;
  description: string;
}
export interface ArticleTable {
  id: string;
  slug: string;
  section_id: string;
  position: number;
  promoted: number;
  view_count: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface ArticleTranslationTable {
  id: string;
  article_id: string;
  locale: string;
  title: string;
  body_md: string;
  labels: string; // JSON array of strings
  status: 'draft' | 'published';
  revision: number;
  source_hash: string | null; // hash of the imported file, to make import idempotent
  published_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface ArticleRevisionTable {
  id: string;
  article_id: string;
  locale: string;
  revision: number;
  title: string;
  body_md: string;
  labels: string;
  status: 'draft' | 'published';
  author: string;
  created_at: string;
}
export interface ArticleVoteTable {
  id: string;
  article_id: string;
  locale: string;
  voter_key: string;
  value: number; // 1 helpful, -1 not helpful
  created_at: string;
  updated_at: string;
}
export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'agent' | 'customer';
  created_at: string;
  updated_at: string;
}
export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface InstanceSettingTable {
  key: string;
  value: string;
  created_at: string;
}

export interface Database {
  instance_settings: InstanceSettingTable;
  categories: CategoryTable;
  category_translations: CategoryTranslationTable;
  sections: SectionTable;
  section_translations: SectionTranslationTable;
  articles: ArticleTable;
  article_translations: ArticleTranslationTable;
  article_revisions: ArticleRevisionTable;
  article_votes: ArticleVoteTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
}
