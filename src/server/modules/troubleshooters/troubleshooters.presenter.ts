/** Troubleshooters as API JSON, localized to one locale. */
import type { BrandConfig } from '../../config.js';
import type { Locale } from '../../../shared/locales.js';
import type { NetworkSummary } from '../chain-validation/index.js';
import { getCheck } from './checks.js';
import { filled, type CurrentInput, type PrefilledRequest, type WalkResult } from './engine.js';
import type { InputSpec, Troubleshooter, TreeNode } from './model.js';

export interface PresentContext {
  locale: Locale;
  brand: BrandConfig;
  publicUrl: string;
  networks: NetworkSummary[];
}

export const htmlUrl = (ctx: PresentContext, key: string) => `${ctx.publicUrl}/hc/${ctx.locale}/troubleshooters/${encodeURIComponent(key)}`;

export function presentSummary(tree: Troubleshooter, ctx: PresentContext) {
  return {
    key: tree.key,
    title: filled(tree.title, ctx),
    description: filled(tree.description, ctx),
    request_type: tree.requestType,
    max_steps: tree.depth.get(tree.start) ?? 1,
    url: `${ctx.publicUrl}/api/v2/troubleshooters/${encodeURIComponent(tree.key)}`,
    html_url: htmlUrl(ctx, tree.key),
  };
}

function presentInput(spec: InputSpec, ctx: PresentContext, current?: CurrentInput) {
  const options =
    spec.kind === 'select'
      ? (spec.options ?? []).map((o) => ({ value: o.value, label: o.label[ctx.locale] }))
      : spec.kind === 'network'
        ? ctx.networks.map((n) => ({ value: n.id, label: n.label }))
        : spec.kind === 'asset' && ctx.brand.assets.length
          ? ctx.brand.assets.map((a) => ({ value: a, label: a }))
          : undefined;
  return {
    name: spec.name,
    kind: spec.kind,
    label: filled(spec.label, ctx),
    ...(spec.help ? { help: filled(spec.help, ctx) } : {}),
    optional: spec.optional ?? false,
    ...(options ? { options } : {}),
    ...(spec.field ? { field: spec.field } : {}),
    ...(current ? { hidden: current.hidden, ...(current.memoLabel ? { memo_label: current.memoLabel } : {}) } : {}),
  };
}

/** One node; `withLinks` adds where each answer leads (the whole-tree view). */
export function presentNode(node: TreeNode, ctx: PresentContext, options: { withLinks?: boolean; inputs?: CurrentInput[] } = {}) {
  const base = { id: node.id, type: node.type, title: filled(node.title, ctx), ...('text' in node && node.text ? { text: filled(node.text, ctx) } : {}) };
  if (node.type === 'question') {
    return {
      ...base,
      choices: node.choices.map((c) => ({
        value: c.value,
        label: filled(c.label, ctx),
        ...(c.help ? { help: filled(c.help, ctx) } : {}),
        ...(options.withLinks ? { next: c.next } : {}),
      })),
    };
  }
  if (node.type === 'input') {
    const check = node.check ? getCheck(node.check.id) : undefined;
    return {
      ...base,
      inputs: node.inputs.map((spec) => presentInput(spec, ctx, options.inputs?.find((i) => i.spec.name === spec.name))),
      ...(check ? { check: { id: check.id, title: check.title[ctx.locale], ...(node.check?.retryOn?.length ? { retry_on: node.check.retryOn } : {}) } } : {}),
      ...(options.withLinks ? { next: node.next } : {}),
    };
  }
  return {
    ...base,
    end: node.end,
    ...(node.article ? { article: node.article } : {}),
    request_type: node.end === 'request' ? node.requestType : null,
  };
}

export function presentTree(tree: Troubleshooter, ctx: PresentContext) {
  return { ...presentSummary(tree, ctx), start: tree.start, nodes: tree.nodes.map((n) => presentNode(n, ctx, { withLinks: true })) };
}

export function presentRequest(request: PrefilledRequest, ctx: PresentContext) {
  return {
    type: request.type,
    subject: request.subject,
    description: request.description,
    fields: request.fields,
    href: request.href,
    url: `${ctx.publicUrl}${request.href}`,
  };
}

export function presentWalk(result: WalkResult, ctx: PresentContext, extra: { answered: number; articleTitle: string | null; request: PrefilledRequest | null }) {
  const { current, end } = result;
  return {
    troubleshooter: { key: result.tree.key, title: filled(result.tree.title, ctx), html_url: htmlUrl(ctx, result.tree.key) },
    status: current.type,
    node: presentNode(current, ctx, { inputs: result.inputs }),
    errors: result.issues.map((i) => ({ ...(i.input ? { input: i.input } : {}), code: i.code, message: i.message })),
    answered: extra.answered,
    progress: result.progress,
    path: result.path.map((step) => ({
      node: step.node.id,
      title: filled(step.node.title, ctx),
      ...(step.choice ? { choice: step.choice } : {}),
      ...(step.values ? { values: step.values.map((v) => ({ name: v.name, label: v.label, value: v.display })) } : {}),
      ...(step.check ? { check: step.check } : {}),
    })),
    end: end
      ? {
          kind: end.kind,
          title: end.title,
          text: end.text,
          article: end.article ? { slug: end.article.slug, title: extra.articleTitle, html_url: `${ctx.publicUrl}${end.article.href}` } : null,
          request: extra.request ? presentRequest(extra.request, ctx) : null,
        }
      : null,
  };
}
