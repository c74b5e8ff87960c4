/**
 * Validation of a troubleshooter tree beyond its JSON shape: unique ids, every `next` resolves,
 * no cycles, every node reachable, every path ends, checks wired to inputs that exist on every
 * path, and (when given) request types, request fields and article slugs that exist. Pure.
 */
import type { FieldDefinition, FieldType, RequestTypeDefinition } from '../../../shared/request-forms.js';
import { getCheck, type CheckDefinition } from './checks.js';
import { nextIds, treeSchema, type InputKind, type InputNode, type InputSpec, type StaticFieldValue, type Troubleshooter, type TreeJson, type TreeNode } from './model.js';

export interface ValidationOptions {
  /** Active request types; when given, request-type keys and prefill fields are checked. */
  requestTypes?: readonly RequestTypeDefinition[];
  /** When given, every article slug must satisfy it (e.g. "exists in both locales"). */
  articleExists?: (slug: string) => boolean;
  /** Upper bound on enumerated paths (default 20 000). */
  maxPaths?: number;
}

/** `structure` problems make a tree unusable; `reference` problems are about other content. */
export interface ValidationIssue {
  kind: 'structure' | 'reference';
  message: string;
}

export type ValidationResult = { ok: true; tree: Troubleshooter; issues: [] } | { ok: false; tree: Troubleshooter | null; issues: ValidationIssue[] };

/** Brand placeholders tree text may use (the same as articles; `{{brand}}` is the name), plus `{{fact.<input>}}` in subjects. */
const BRAND_PLACEHOLDERS = new Set(['name', 'website', 'helpCenterUrl', 'requestUrl', 'statusUrl', 'supportEmail', 'officialDomains', 'social.x', 'social.reddit']);
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Request field types an input kind may fill. */
const FIELD_COMPAT: Record<InputKind, readonly FieldType[]> = {
  text: ['text', 'textarea'],
  name: ['text', 'textarea'],
  date: ['text', 'textarea'],
  datetime: ['datetime'],
  amount: ['amount', 'text'],
  price: ['amount', 'text'],
  network: ['network'],
  asset: ['asset'],
  select: ['select', 'text'],
  address: ['address'],
  memo: ['memo'],
  tx_hash: ['tx_hash'],
  account_id: ['account_id'],
  order_id: ['order_id'],
  http_status: ['http_status'],
  api_error: ['api_error', 'textarea', 'text'],
  url: ['url', 'text'],
};

type FieldSource = { from: string; input: InputSpec } | { from: string; value: StaticFieldValue };

const describe = (node: TreeNode) => `node "${node.id}"`;

/** Validates parsed JSON (already `JSON.parse`d). Never throws. */
export function validateTree(raw: unknown, options: ValidationOptions = {}): ValidationResult {
  const parsed = treeSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ kind: 'structure' as const, message: `${formatPath(i.path, raw)}: ${i.message}` }));
    return { ok: false, tree: null, issues };
  }
  const tree = parsed.data;
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  const structure = (message: string) => {
    if (!seen.has(message)) issues.push({ kind: 'structure', message });
    seen.add(message);
  };
  const reference = (message: string) => {
    if (!seen.has(message)) issues.push({ kind: 'reference', message });
    seen.add(message);
  };

  // Unique ids and resolvable links.
  const byId = new Map<string, TreeNode>();
  for (const node of tree.nodes) {
    if (byId.has(node.id)) structure(`duplicate node id "${node.id}"`);
    else byId.set(node.id, node);
  }
  if (!byId.has(tree.start)) structure(`start node "${tree.start}" does not exist`);
  for (const node of tree.nodes) {
    for (const next of nextIds(node)) if (!byId.has(next)) structure(`${describe(node)}: next "${next}" does not exist`);
    checkNode(node, structure);
    checkPlaceholders(node, structure);
  }
  checkPlaceholderText(tree.title, 'title', structure, false);
  checkPlaceholderText(tree.description, 'description', structure, false);
  if (issues.length) return { ok: false, tree: null, issues };

  const cycle = findCycle(tree.start, byId);
  if (cycle) {
    structure(`cycle: ${cycle.join(' → ')}`);
    return { ok: false, tree: null, issues };
  }
  const reachable = new Set<string>();
  const stack = [tree.start];
  while (stack.length) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    stack.push(...nextIds(byId.get(id)!));
  }
  for (const node of tree.nodes) if (!reachable.has(node.id)) structure(`${describe(node)} cannot be reached from the start node "${tree.start}"`);

  // Every path: inputs a check needs, facts a subject names, fields a request end fills.
  const requestTypes = options.requestTypes ? new Map(options.requestTypes.map((t) => [t.key, t])) : null;
  if (requestTypes && !requestTypes.has(tree.requestType)) reference(`requestType "${tree.requestType}" is not a request type`);
  const maxPaths = options.maxPaths ?? 20_000;
  let paths = 0;
  let exhausted = false;

  const walk = (id: string, trail: string[], collected: Map<string, { node: string; input: InputSpec }>, fields: Map<string, FieldSource[]>): void => {
    if (exhausted) return;
    const node = byId.get(id)!;
    const here = [...trail, id];
    if (node.type === 'end') {
      paths++;
      if (paths > maxPaths) {
        exhausted = true;
        structure(`more than ${maxPaths} paths from "${tree.start}"; split the tree`);
        return;
      }
      checkEnd(node, here, collected, fields);
      return;
    }
    if (node.type === 'question') {
      for (const choice of node.choices) {
        const nextFields = withFields(fields, Object.entries(choice.fields ?? {}).map(([key, value]) => [key, { from: `${node.id}.${choice.value}`, value }]));
        walk(choice.next, here, collected, nextFields);
      }
      return;
    }
    const nextCollected = new Map(collected);
    for (const input of node.inputs) {
      const earlier = collected.get(input.name);
      if (earlier) structure(`${describe(node)}: input "${input.name}" was already collected by node "${earlier.node}" on the path ${here.join(' → ')}`);
      nextCollected.set(input.name, { node: node.id, input });
    }
    checkArgs(node, here, nextCollected, structure);
    const nextFields = withFields(
      fields,
      node.inputs.filter((i) => i.field).map((i) => [i.field!, { from: `${node.id}.${i.name}`, input: i }]),
    );
    for (const next of nextIds(node)) walk(next, here, nextCollected, nextFields);
  };

  const checkEnd = (node: Extract<TreeNode, { type: 'end' }>, trail: string[], collected: Map<string, { node: string; input: InputSpec }>, fields: Map<string, FieldSource[]>) => {
    const route = trail.join(' → ');
    if (node.end === 'request') {
      for (const text of [node.subject['en-us'], node.subject['zh-cn']]) {
        for (const match of text.matchAll(PLACEHOLDER)) {
          const name = match[1]!.startsWith('fact.') ? match[1]!.slice(5) : null;
          if (name && !collected.has(name)) structure(`${describe(node)}: subject uses {{fact.${name}}}, but input "${name}" is not collected on the path ${route}`);
        }
      }
    }
    if (!requestTypes) return;
    const typeKey = node.end === 'request' ? node.requestType : tree.requestType;
    const type = requestTypes.get(typeKey);
    if (!type) {
      if (node.end === 'request') reference(`${describe(node)}: request type "${typeKey}" does not exist`);
      return;
    }
    const all = withFields(fields, Object.entries(node.fields ?? {}).map(([key, value]) => [key, { from: node.id, value }]));
    for (const [key, sources] of all) {
      const def = type.fields.find((f) => f.key === key);
      if (!def) {
        reference(`${describe(node)}: request type "${type.key}" has no field "${key}" (filled by ${sources.map((s) => s.from).join(', ')})`);
        continue;
      }
      for (const source of sources) {
        const problem = fieldProblem(def, source);
        if (problem) reference(`${describe(node)}: field "${key}" of request type "${type.key}" (filled by ${source.from}): ${problem}`);
      }
    }
  };

  walk(tree.start, [], new Map(), new Map());

  if (options.articleExists) {
    for (const node of tree.nodes) {
      if (node.type === 'end' && node.article && !options.articleExists(node.article)) reference(`${describe(node)}: article "${node.article}" does not exist in both locales`);
    }
  }

  const indexed: Troubleshooter = { ...tree, byId, depth: depths(tree, byId) };
  if (issues.length) return { ok: false, tree: issues.some((i) => i.kind === 'structure') ? null : indexed, issues };
  return { ok: true, tree: indexed, issues: [] };
}

function withFields(fields: Map<string, FieldSource[]>, added: Array<[string, FieldSource]>): Map<string, FieldSource[]> {
  if (!added.length) return fields;
  const next = new Map(fields);
  for (const [key, source] of added) next.set(key, [...(next.get(key) ?? []), source]);
  return next;
}

function fieldProblem(def: FieldDefinition, source: FieldSource): string | null {
  const options = def.options?.map((o) => o.value) ?? [];
  if ('input' in source) {
    const allowed = FIELD_COMPAT[source.input.kind];
    if (!allowed.includes(def.type)) return `an input of kind "${source.input.kind}" cannot fill a field of type "${def.type}"`;
    if (def.type === 'select') {
      const missing = (source.input.options ?? []).map((o) => o.value).filter((v) => !options.includes(v));
      if (missing.length) return `option(s) ${missing.map((v) => `"${v}"`).join(', ')} are not options of the field`;
    }
    return null;
  }
  if (typeof source.value !== 'string') return def.type === 'text' || def.type === 'textarea' ? null : `text in both locales can only fill text fields, not "${def.type}"`;
  if (def.type === 'select' && !options.includes(source.value)) return `"${source.value}" is not one of its options (${options.join(', ')})`;
  return null;
}

function checkNode(node: TreeNode, problem: (message: string) => void) {
  if (node.type === 'question') {
    const values = new Set<string>();
    for (const choice of node.choices) {
      if (values.has(choice.value)) problem(`${describe(node)}: duplicate choice value "${choice.value}"`);
      values.add(choice.value);
    }
    return;
  }
  if (node.type !== 'input') return;
  const names = new Set<string>();
  for (const input of node.inputs) {
    if (names.has(input.name)) problem(`${describe(node)}: duplicate input name "${input.name}"`);
    names.add(input.name);
    if (input.kind === 'select' && !input.options) problem(`${describe(node)}: select input "${input.name}" needs options`);
    if (input.kind !== 'select' && input.options) problem(`${describe(node)}: only select inputs have options ("${input.name}" is ${input.kind})`);
  }
  if (node.inputs.every((i) => i.optional) && !node.check) problem(`${describe(node)}: at least one input must be required, or the step needs a check`);
  if (!node.check) {
    if (typeof node.next !== 'string') problem(`${describe(node)}: without a check, "next" must be a single node id`);
    return;
  }
  const check = getCheck(node.check.id);
  if (!check) {
    problem(`${describe(node)}: unknown check "${node.check.id}"`);
    return;
  }
  if (check.config) {
    const result = check.config.safeParse(node.check.config);
    if (!result.success) for (const i of result.error.issues) problem(`${describe(node)}: check.config.${i.path.join('.')}: ${i.message}`);
  } else if (node.check.config !== undefined) {
    problem(`${describe(node)}: check "${check.id}" takes no config`);
  }
  for (const param of Object.keys(node.check.args ?? {})) if (!(param in check.params)) problem(`${describe(node)}: check "${check.id}" has no parameter "${param}"`);
  const retry = new Set(node.check.retryOn ?? []);
  for (const o of retry) if (!(check.retryable as readonly string[]).includes(o)) problem(`${describe(node)}: outcome "${o}" of check "${check.id}" cannot be retried (retryable: ${check.retryable.join(', ') || 'none'})`);
  if (typeof node.next === 'string') return;
  const keys = Object.keys(node.next);
  for (const key of keys) {
    if (key !== 'default' && !(check.outcomes as readonly string[]).includes(key)) problem(`${describe(node)}: next."${key}" is not an outcome of check "${check.id}" (${check.outcomes.join(', ')})`);
    if (retry.has(key)) problem(`${describe(node)}: outcome "${key}" is retried, so next."${key}" is never used`);
  }
  if (!keys.includes('default')) {
    const uncovered = check.outcomes.filter((o) => !retry.has(o) && !keys.includes(o));
    if (uncovered.length) problem(`${describe(node)}: no next node for outcome(s) ${uncovered.join(', ')} of check "${check.id}" (add them or "default")`);
  }
}

function checkArgs(node: InputNode, trail: string[], collected: Map<string, { node: string; input: InputSpec }>, problem: (message: string) => void) {
  if (!node.check) return;
  const check = getCheck(node.check.id) as CheckDefinition | undefined;
  if (!check) return;
  for (const [param, spec] of Object.entries(check.params)) {
    const name = node.check.args?.[param] ?? param;
    const source = collected.get(name);
    if (!source) {
      if (spec.required) problem(`${describe(node)}: check "${check.id}" needs "${param}" from input "${name}", which is not collected on the path ${trail.join(' → ')}`);
      continue;
    }
    if (!spec.kinds.includes(source.input.kind)) problem(`${describe(node)}: check "${check.id}" parameter "${param}" needs an input of kind ${spec.kinds.join('/')}, but "${name}" is ${source.input.kind}`);
    if (spec.values && source.input.options) {
      const unknown = source.input.options.map((o) => o.value).filter((v) => !spec.values!.includes(v));
      if (unknown.length) problem(`${describe(node)}: check "${check.id}" parameter "${param}" understands ${spec.values.join(', ')}, not ${unknown.join(', ')}`);
    }
  }
}

function localizedTexts(node: TreeNode): Array<[string, { 'en-us': string; 'zh-cn': string }, boolean]> {
  const out: Array<[string, { 'en-us': string; 'zh-cn': string }, boolean]> = [[`${node.id}.title`, node.title, false]];
  if ('text' in node && node.text) out.push([`${node.id}.text`, node.text, false]);
  if (node.type === 'question') {
    for (const c of node.choices) {
      out.push([`${node.id}.${c.value}.label`, c.label, false]);
      if (c.help) out.push([`${node.id}.${c.value}.help`, c.help, false]);
    }
  }
  if (node.type === 'input') {
    for (const i of node.inputs) {
      out.push([`${node.id}.${i.name}.label`, i.label, false]);
      if (i.help) out.push([`${node.id}.${i.name}.help`, i.help, false]);
    }
  }
  if (node.type === 'end' && node.end === 'request') out.push([`${node.id}.subject`, node.subject, true]);
  return out;
}

function checkPlaceholders(node: TreeNode, problem: (message: string) => void) {
  for (const [where, text, factsAllowed] of localizedTexts(node)) checkPlaceholderText(text, where, problem, factsAllowed);
}

function checkPlaceholderText(text: { 'en-us': string; 'zh-cn': string }, where: string, problem: (message: string) => void, factsAllowed: boolean) {
  for (const value of [text['en-us'], text['zh-cn']]) {
    for (const match of value.matchAll(PLACEHOLDER)) {
      const name = match[1] ?? '';
      const ok = name === 'brand' || (name.startsWith('brand.') && BRAND_PLACEHOLDERS.has(name.slice(6))) || (factsAllowed && /^fact\.[a-z][a-z0-9_]{0,39}$/.test(name));
      if (!ok) problem(`${where}: unknown placeholder {{${name}}}${factsAllowed ? '' : ' (use {{brand.name}}, {{brand.supportEmail}}, …)'}`);
    }
  }
}

function findCycle(start: string, byId: Map<string, TreeNode>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    const s = state.get(id);
    if (s === 'done') return null;
    if (s === 'open') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'open');
    stack.push(id);
    const node = byId.get(id);
    for (const next of node ? nextIds(node) : []) {
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  const first = visit(start);
  if (first) return first;
  for (const id of byId.keys()) {
    const found = visit(id);
    if (found) return found;
  }
  return null;
}

function depths(tree: TreeJson, byId: Map<string, TreeNode>): Map<string, number> {
  const depth = new Map<string, number>();
  const of = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const d = node.type === 'end' ? 1 : 1 + Math.max(...nextIds(node).map(of));
    depth.set(id, d);
    return d;
  };
  for (const node of tree.nodes) of(node.id);
  return depth;
}

/** `nodes[3] (id "x").choices[1].next` instead of bare indices. */
function formatPath(path: readonly PropertyKey[], raw: unknown): string {
  if (!path.length) return '(tree)';
  let out = '';
  let cursor: unknown = raw;
  for (const part of path) {
    const key = typeof part === 'symbol' ? part.toString() : part;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
    cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string | number, unknown>)[key as string | number] : undefined;
    if (typeof key === 'number' && cursor && typeof cursor === 'object' && typeof (cursor as { id?: unknown }).id === 'string') out += ` (id "${(cursor as { id: string }).id}")`;
  }
  return out;
}
