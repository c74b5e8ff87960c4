/**
 * Walking a troubleshooter: from the start node, follow the answer given for each node (a choice,
 * or values that are shielded, parsed and checked) until a node has no answer yet, an answer is
 * rejected, or an end is reached. Pure apart from the injectable clock; the same walk serves the
 * Help Center pages and the API.
 */
import type { BrandConfig } from '../../config.js';
import type { Locale } from '../../../shared/locales.js';
import type { RequestTypeDefinition } from '../../../shared/request-forms.js';
import type { ChainToolkit } from '../chain-validation/index.js';
import { fillBrand } from '../kb/kb.render.js';
import { scanText } from '../redaction/index.js';
import { inputMessages, secretRefusal } from './check-messages.js';
import { getCheck, type CheckLink, type CheckStatus } from './checks.js';
import { parseInput } from './inputs.js';
import type { EndNode, InputKind, InputNode, InputSpec, Localized, QuestionNode, StaticFieldValue, Troubleshooter, TreeNode } from './model.js';

export interface Answer {
  choice?: string;
  values?: Record<string, string>;
}

export interface EngineEnv {
  locale: Locale;
  now: Date;
  brand: BrandConfig;
  toolkit: ChainToolkit;
}

export interface Fact {
  name: string;
  kind: InputKind;
  label: string;
  /** Normalized value (what checks and request fields receive). */
  value: string;
  /** How it reads in summaries (network label, option label, formatted date…). */
  display: string;
}

export interface CheckRecord {
  id: string;
  title: string;
  outcome: string;
  status: CheckStatus;
  messages: string[];
  links: CheckLink[];
}

export interface StepRecord {
  node: QuestionNode | InputNode;
  /** The answer as given (values already passed the shield); used to rebuild links. */
  answer: Answer;
  choice?: { value: string; label: string };
  values?: Array<{ name: string; label: string; display: string }>;
  check?: CheckRecord;
}

export interface InputIssue {
  /** The input the issue is about; absent for the step as a whole. */
  input?: string;
  code: 'required' | 'invalid' | 'secret' | 'check' | 'choice';
  message: string;
}

export interface CurrentInput {
  spec: InputSpec;
  /** Memo inputs are skipped when the network chosen earlier has no memo. */
  hidden: boolean;
  /** What the memo is called on the chosen network (destination tag, comment…). */
  memoLabel?: string;
}

export interface WalkResult {
  tree: Troubleshooter;
  path: StepRecord[];
  current: TreeNode;
  /** Problems with the answer given for the current node; it is asked again. */
  issues: InputIssue[];
  /** Values to show again in the current form (refused secrets are never included). */
  draft: Record<string, string>;
  /** Inputs of the current node, when it is an input step. */
  inputs: CurrentInput[];
  facts: Map<string, Fact>;
  progress: { step: number; total: number };
  end: ResolvedEnd | null;
}

export interface ResolvedEnd {
  kind: 'article' | 'request';
  title: string;
  text: string;
  article: { slug: string; href: string } | null;
  /** The request to open: pre-filled with everything collected (a fallback under article answers). */
  request: PrefilledRequest;
}

export interface PrefilledRequest {
  type: string;
  subject: string;
  description: string;
  fields: Record<string, string>;
  href: string;
}

/** Upper bound on steps walked in one call (trees are acyclic; this guards against bad input). */
const MAX_STEPS = 300;

/** Localized text with brand placeholders filled: `{{brand.name}}` (or `{{brand}}`), `{{brand.supportEmail}}`, … */
export const filled = (text: Localized, env: Pick<EngineEnv, 'locale' | 'brand'>) => fillBrand(text[env.locale].replace(/\{\{\s*brand\s*\}\}/g, '{{brand.name}}'), env.brand);

/** Walks the tree with `answerFor(nodeId)`. Answers for nodes off the path are never looked at. */
export function walk(tree: Troubleshooter, answerFor: (nodeId: string) => Answer | undefined, env: EngineEnv): WalkResult {
  const path: StepRecord[] = [];
  const facts = new Map<string, Fact>();
  const fields = new Map<string, StaticFieldValue>();
  let current = tree.byId.get(tree.start)!;
  let issues: InputIssue[] = [];
  let draft: Record<string, string> = {};

  for (let guard = 0; guard < MAX_STEPS && current.type !== 'end'; guard++) {
    const answer = answerFor(current.id);
    if (!answer) break;
    if (current.type === 'question') {
      const choice = current.choices.find((c) => c.value === answer.choice);
      if (!choice) {
        issues = [{ code: 'choice', message: inputMessages(env.locale).chooseAnswer }];
        break;
      }
      for (const [key, value] of Object.entries(choice.fields ?? {})) fields.set(key, value);
      path.push({ node: current, answer: { choice: choice.value }, choice: { value: choice.value, label: filled(choice.label, env) } });
      current = tree.byId.get(choice.next)!;
      continue;
    }
    const step = answerInput(current, answer.values ?? {}, facts, env);
    if (step.issues.length) {
      issues = step.issues;
      draft = step.draft;
      break;
    }
    for (const fact of step.facts) {
      facts.set(fact.name, fact);
      const spec = current.inputs.find((i) => i.name === fact.name);
      if (spec?.field && fact.value) fields.set(spec.field, fact.value);
    }
    path.push({
      node: current,
      answer: { values: step.given },
      values: step.facts.filter((f) => f.value).map((f) => ({ name: f.name, label: f.label, display: f.display })),
      ...(step.check ? { check: step.check } : {}),
    });
    current = tree.byId.get(nextOf(current, step.check?.outcome))!;
  }

  const total = path.length + (tree.depth.get(current.id) ?? 1);
  const end = current.type === 'end' ? resolveEnd(tree, current, path, facts, fields, env) : null;
  return {
    tree,
    path,
    current,
    issues,
    draft,
    inputs: current.type === 'input' ? currentInputs(current, facts, env) : [],
    facts,
    progress: { step: end ? total : path.length + 1, total },
    end,
  };
}

function nextOf(node: InputNode, outcome: string | undefined): string {
  if (typeof node.next === 'string') return node.next;
  return (outcome !== undefined ? node.next[outcome] : undefined) ?? node.next.default!;
}

/** The network chosen on the path so far (the latest network input), for memo handling. */
function networkOf(facts: Map<string, Fact>): string | undefined {
  let id: string | undefined;
  for (const fact of facts.values()) if (fact.kind === 'network' && fact.value) id = fact.value;
  return id;
}

function currentInputs(node: InputNode, facts: Map<string, Fact>, env: EngineEnv): CurrentInput[] {
  const network = networkOf(facts);
  const def = network ? env.toolkit.getNetwork(network) : undefined;
  return node.inputs.map((spec) => {
    if (spec.kind !== 'memo' || !def) return { spec, hidden: false };
    const memoLabel = def.memoLabel?.[env.locale];
    return { spec, hidden: def.memo === 'none', ...(memoLabel ? { memoLabel } : {}) };
  });
}

interface InputStep {
  issues: InputIssue[];
  draft: Record<string, string>;
  given: Record<string, string>;
  facts: Fact[];
  check?: CheckRecord;
}

function answerInput(node: InputNode, values: Record<string, string>, earlier: Map<string, Fact>, env: EngineEnv): InputStep {
  const issues: InputIssue[] = [];
  const draft: Record<string, string> = {};
  const given: Record<string, string> = {};
  const parsed = new Map<string, Fact>();
  const ctx = { locale: env.locale, now: env.now, toolkit: env.toolkit, assets: env.brand.assets };

  for (const { spec, hidden } of currentInputs(node, earlier, env)) {
    if (hidden) continue;
    const raw = typeof values[spec.name] === 'string' ? values[spec.name]!.slice(0, 5000) : '';
    if (raw.trim()) {
      const scan = scanText(raw, { locale: env.locale });
      if (scan.findings.length) {
        issues.push({ input: spec.name, code: 'secret', message: secretRefusal(env.locale, scan.findings.map((f) => f.kind), env.brand.name) });
        continue;
      }
    }
    draft[spec.name] = raw;
    given[spec.name] = raw.trim();
    const result = parseInput(spec, raw, ctx);
    if (!result.ok) {
      issues.push({ input: spec.name, code: raw.trim() ? 'invalid' : 'required', message: result.message });
      continue;
    }
    parsed.set(spec.name, { name: spec.name, kind: spec.kind, label: filled(spec.label, env), value: result.value, display: result.display });
  }
  if (issues.length) return { issues, draft, given, facts: [] };

  let check: CheckRecord | undefined;
  if (node.check) {
    const definition = getCheck(node.check.id)!;
    const argName = (param: string) => node.check!.args?.[param] ?? param;
    const args: Record<string, string | undefined> = {};
    for (const param of Object.keys(definition.params)) {
      const name = argName(param);
      const fact = parsed.get(name) ?? earlier.get(name);
      if (fact?.value) args[param] = fact.value;
    }
    const result = definition.run(args, node.check.config, { locale: env.locale, now: env.now, toolkit: env.toolkit, brand: env.brand });
    if (result.kind === 'secret') {
      const input = argName(result.param);
      delete draft[input];
      return { issues: [{ input, code: 'secret', message: secretRefusal(env.locale, result.kinds, env.brand.name) }], draft, given, facts: [] };
    }
    if (result.kind === 'invalid') {
      return { issues: result.errors.map((e) => ({ input: argName(e.param), code: 'invalid' as const, message: e.message })), draft, given, facts: [] };
    }
    if ((node.check.retryOn ?? []).includes(result.outcome)) {
      return { issues: result.messages.map((message) => ({ code: 'check' as const, message })), draft, given, facts: [] };
    }
    for (const [param, value] of Object.entries(result.normalized)) {
      const fact = parsed.get(argName(param));
      if (fact) parsed.set(fact.name, { ...fact, value, display: fact.kind === 'address' || fact.kind === 'memo' || fact.kind === 'tx_hash' ? value : fact.display });
    }
    check = { id: definition.id, title: definition.title[env.locale], outcome: result.outcome, status: result.status, messages: result.messages, links: result.links };
  }
  return { issues: [], draft, given, facts: [...parsed.values()], ...(check ? { check } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Ends

const SUMMARY = {
  'en-us': { intro: (title: string) => `Answers from the troubleshooter “${title}”:`, result: 'Result', check: 'Check' },
  'zh-cn': { intro: (title: string) => `来自故障排查向导“${title}”的回答：`, result: '结论', check: '检查' },
} as const;

/** "Asset: USDT", but "When did you send it? 2025-…" (a question already ends in punctuation). */
export function labelSeparator(label: string, locale: Locale): string {
  if (/[?？:：]$/.test(label)) return ' ';
  return locale === 'zh-cn' ? '：' : ': ';
}

/** A plain-text summary of the walk for the request description, in the user's language. */
export function describeWalk(tree: Troubleshooter, path: StepRecord[], end: EndNode, env: EngineEnv): string {
  const s = SUMMARY[env.locale];
  const line = (label: string, value: string) => `${label}${labelSeparator(label, env.locale)}${value}`;
  const lines = [s.intro(filled(tree.title, env))];
  for (const step of path) {
    if (step.choice) lines.push(`- ${line(filled(step.node.title, env), step.choice.label)}`);
    for (const value of step.values ?? []) lines.push(`- ${line(value.label, value.display)}`);
    if (step.check) lines.push(`  ${line(s.check, step.check.messages.join(' '))}`);
  }
  lines.push(line(s.result, filled(end.title, env)));
  return lines.join('\n');
}

function resolveEnd(tree: Troubleshooter, end: EndNode, path: StepRecord[], facts: Map<string, Fact>, collected: Map<string, StaticFieldValue>, env: EngineEnv): ResolvedEnd {
  const fields = new Map(collected);
  for (const [key, value] of Object.entries(end.fields ?? {})) fields.set(key, value);
  const title = filled(end.title, env);
  const subject =
    end.end === 'request'
      ? filled(end.subject, env).replace(/\{\{\s*fact\.([a-z][a-z0-9_]*)\s*\}\}/g, (_m, name: string) => facts.get(name)?.display ?? '').replace(/\s{2,}/g, ' ').trim()
      : `${filled(tree.title, env)}${env.locale === 'zh-cn' ? '：' : ': '}${title}`;
  const values: Record<string, string> = {};
  for (const [key, value] of fields) values[key] = typeof value === 'string' ? value : value[env.locale];
  const request: PrefilledRequest = {
    type: end.end === 'request' ? end.requestType : tree.requestType,
    subject: subject.slice(0, 200),
    description: describeWalk(tree, path, end, env),
    fields: values,
    href: '',
  };
  request.href = requestHref(env.locale, request);
  return {
    kind: end.end,
    title,
    text: filled(end.text, env),
    article: end.article ? { slug: end.article, href: `/hc/${env.locale}/articles/${encodeURIComponent(end.article)}` } : null,
    request,
  };
}

/** The request form link: `subject`, `description` and `field_<key>` pre-fill the form (see portal.routes.ts). */
export function requestHref(locale: Locale, request: Omit<PrefilledRequest, 'href'>): string {
  const params = new URLSearchParams({ type: request.type, subject: request.subject, description: request.description.slice(0, 20_000) });
  for (const [key, value] of Object.entries(request.fields)) if (value) params.set(`field_${key}`, value);
  return `/hc/${locale}/requests/new?${params.toString()}`;
}

/** Narrows a pre-filled request to the fields the live request type has (admins may edit types). */
export function forRequestType(locale: Locale, request: PrefilledRequest, type: RequestTypeDefinition | undefined): PrefilledRequest {
  if (!type) {
    // The type is gone or inactive: open the chooser, which still works.
    return { ...request, fields: {}, href: `/hc/${locale}/requests/new` };
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.fields)) {
    const def = type.fields.find((f) => f.key === key);
    if (def && (def.type !== 'select' || def.options?.some((o) => o.value === value))) fields[key] = value;
  }
  const narrowed = { ...request, fields };
  return { ...narrowed, href: requestHref(locale, narrowed) };
}
