export { HelpCenterSearch, type HelpCenterSearchOptions } from './engine.js';
export { tokenize } from './analyzer.js';
export { DEFAULT_GLOSSARY } from './glossary.js';
export { DOMAIN_WORDS } from './dictionary.js';
export { escapeHtml } from './text.js';
export type {
  GlossaryEntry,
  Locale,
  SearchDocument,
  SearchHit,
  SearchOptions,
  SearchResult,
  SuggestOptions,
  Suggestion,
} from './types.js';
