/**
 * The troubleshooter tree format (`content/troubleshooters/<key>.json`) as zod schemas and the
 * TypeScript types inferred from them. Pure: no I/O, no Fastify, no database.
 */
import { z } from 'zod';
import type { Locale } from '../../../shared/locales.js';

export type Localized = Record<Locale, string>;

/** What a user can type or pick in an input step; each kind has its own parsing (see inputs.ts). */
export const INPUT_KINDS = [
  'text',
  'name',
  'date',
  'datetime',
  'amount',
  'price',
  'network',
  'asset',
  'select',
  'address',
  'memo',
  'tx_hash',
  'account_id',
  'order_id',
  'http_status',
  'api_error',
  'url',
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const NODE_ID = /^[a-z][a-z0-9_]{0,39}$/;
/** A choice's value (and an option's): what answers carry, so nothing else ever reaches a message. */
export const CHOICE_VALUE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const TREE_KEY = /^[a-z][a-z0-9-]{0,39}$/;
export const ARTICLE_SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

const text = (max: number) => z.string().trim().min(1).max(max);
export const localizedSchema = (max = 2000) => z.strictObject({ 'en-us': text(max), 'zh-cn': text(max) });

const nodeId = z.string().regex(NODE_ID, 'must be lower-case letters, digits and _ (starting with a letter, at most 40)');
const slug = z.string().regex(ARTICLE_SLUG, 'must be an article slug (lower-case letters, digits and -)');
const fieldKey = z.string().regex(FIELD_KEY, 'must be a request field key');

/** A static value for a request field: an option value / plain string, or text in both locales. */
const fieldValue = z.union([z.string().trim().min(1).max(1000), localizedSchema(1000)]);
const staticFields = z.record(fieldKey, fieldValue);

const choiceSchema = z.strictObject({
  value: z.string().regex(CHOICE_VALUE, 'must be lower-case letters, digits, _ or -'),
  label: localizedSchema(200),
  help: localizedSchema(500).optional(),
  /** Request fields this answer fills when the walk ends in a request. */
  fields: staticFields.optional(),
  next: nodeId,
});

const inputSchema = z.strictObject({
  name: nodeId,
  kind: z.enum(INPUT_KINDS),
  label: localizedSchema(200),
  help: localizedSchema(500).optional(),
  optional: z.boolean().optional(),
  /** For `select` inputs. */
  options: z.array(z.strictObject({ value: z.string().regex(CHOICE_VALUE), label: localizedSchema(200) })).min(2).max(20).optional(),
  maxLength: z.number().int().min(1).max(4000).optional(),
  /** The request field this value fills (validated against the request type). */
  field: fieldKey.optional(),
});

const checkRefSchema = z.strictObject({
  id: z.string().min(1).max(40),
  /** Check parameter → input name (defaults to the parameter's own name). */
  args: z.record(z.string(), nodeId).optional(),
  /** Check-specific settings (e.g. withdrawal minimums), validated by the check's own schema. */
  config: z.unknown().optional(),
  /** Outcomes that re-ask the same step with the check's message instead of moving on. */
  retryOn: z.array(z.string().min(1).max(40)).max(10).optional(),
});

const questionSchema = z.strictObject({
  id: nodeId,
  type: z.literal('question'),
  title: localizedSchema(300),
  text: localizedSchema().optional(),
  choices: z.array(choiceSchema).min(2).max(12),
});

const inputNodeSchema = z.strictObject({
  id: nodeId,
  type: z.literal('input'),
  title: localizedSchema(300),
  text: localizedSchema().optional(),
  inputs: z.array(inputSchema).min(1).max(6),
  check: checkRefSchema.optional(),
  /** One next node, or one per check outcome (`default` catches the rest). */
  next: z.union([nodeId, z.record(z.string(), nodeId)]),
});

const articleEndSchema = z.strictObject({
  id: nodeId,
  type: z.literal('end'),
  end: z.literal('article'),
  title: localizedSchema(300),
  text: localizedSchema(),
  article: slug,
  /** Extra request fields for the "still need help?" request offered under the answer. */
  fields: staticFields.optional(),
});

const requestEndSchema = z.strictObject({
  id: nodeId,
  type: z.literal('end'),
  end: z.literal('request'),
  title: localizedSchema(300),
  text: localizedSchema(),
  requestType: z.string().regex(FIELD_KEY),
  /** Subject of the pre-filled request; may use `{{fact.<input name>}}`. */
  subject: localizedSchema(200),
  fields: staticFields.optional(),
  /** An article worth reading while the request is handled. */
  article: slug.optional(),
});

/** Discriminated by `type` (and `end`), so a mistake is reported inside the node kind it belongs to. */
export const nodeSchema = z.discriminatedUnion('type', [questionSchema, inputNodeSchema, z.discriminatedUnion('end', [articleEndSchema, requestEndSchema])]);

export const treeSchema = z.strictObject({
  key: z.string().regex(TREE_KEY, 'must be lower-case letters, digits and - (starting with a letter)'),
  position: z.number().int().min(0).max(1000),
  title: localizedSchema(200),
  description: localizedSchema(500),
  /** Request type of the "still need help?" link under article answers. */
  requestType: z.string().regex(FIELD_KEY),
  start: nodeId,
  nodes: z.array(nodeSchema).min(1).max(300),
});

export type TreeJson = z.infer<typeof treeSchema>;
export type TreeNode = z.infer<typeof nodeSchema>;
export type QuestionNode = z.infer<typeof questionSchema>;
export type InputNode = z.infer<typeof inputNodeSchema>;
export type InputSpec = z.infer<typeof inputSchema>;
export type ArticleEnd = z.infer<typeof articleEndSchema>;
export type RequestEnd = z.infer<typeof requestEndSchema>;
export type EndNode = ArticleEnd | RequestEnd;
export type StaticFieldValue = z.infer<typeof fieldValue>;

/** A validated tree with its nodes indexed by id. */
export interface Troubleshooter extends TreeJson {
  byId: ReadonlyMap<string, TreeNode>;
  /** Longest number of pages from each node to an end page (the end page counts as one). */
  depth: ReadonlyMap<string, number>;
}

export const localize = (value: Localized, locale: Locale): string => value[locale];

/** The ids a node can lead to (deduplicated, in declaration order). */
export function nextIds(node: TreeNode): string[] {
  if (node.type === 'question') return [...new Set(node.choices.map((c) => c.next))];
  if (node.type === 'input') return typeof node.next === 'string' ? [node.next] : [...new Set(Object.values(node.next))];
  return [];
}
