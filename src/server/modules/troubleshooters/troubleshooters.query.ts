/**
 * Answers travel in the query string of the GET forms, keyed by step, so a page never needs
 * JavaScript or server-side state:
 *   a.<node>=<choice>                      a question's answer
 *   a.<node>=1 and a.<node>.<input>=<v>    an input step's values
 *   d.<node>…                              the same, as a draft: shown pre-filled, not yet answered
 *   step=<node>                            the step a form was sent from (to tell "no choice made")
 */
import type { Answer, StepRecord } from './engine.js';
import type { TreeNode } from './model.js';
import { queryParam } from '../helpcenter/page-request.js';

type Query = Record<string, unknown>;

function answerOf(query: unknown, node: TreeNode, prefix: 'a' | 'd'): Answer | undefined {
  const marker = queryParam(query, `${prefix}.${node.id}`);
  if (node.type === 'question') return marker !== undefined ? { choice: marker } : undefined;
  if (node.type !== 'input') return undefined;
  const values: Record<string, string> = {};
  let any = false;
  for (const input of node.inputs) {
    const value = queryParam(query, `${prefix}.${node.id}.${input.name}`);
    if (value !== undefined) {
      values[input.name] = value;
      any = true;
    }
  }
  return marker !== undefined || (prefix === 'd' && any) ? { values } : undefined;
}

/** The answer given in the query for a node (`a.` parameters). */
export const answerFromQuery = (query: unknown, node: TreeNode) => answerOf(query, node, 'a');

/** A draft for a node (`d.` parameters): pre-fills its form after "Back" or "Change". */
export const draftFromQuery = (query: unknown, node: TreeNode) => answerOf(query, node, 'd');

function paramsOf(step: { node: TreeNode; answer: Answer }, prefix: 'a' | 'd'): Array<[string, string]> {
  if (step.node.type === 'question') return [[`${prefix}.${step.node.id}`, step.answer.choice ?? '']];
  const out: Array<[string, string]> = prefix === 'a' ? [[`a.${step.node.id}`, '1']] : [];
  for (const [name, value] of Object.entries(step.answer.values ?? {})) out.push([`${prefix}.${step.node.id}.${name}`, value]);
  return out;
}

/** Query parameters for answered steps, in path order. */
export const answerParams = (steps: readonly StepRecord[]) => steps.flatMap((s) => paramsOf(s, 'a'));

export function hrefWith(base: string, params: Array<[string, string]>): string {
  const qs = new URLSearchParams(params).toString();
  return qs ? `${base}?${qs}` : base;
}

/** Link to step `index` of the path with its earlier answers kept and its own answer as a draft. */
export function revisitHref(base: string, steps: readonly StepRecord[], index: number): string {
  const step = steps[index];
  if (!step) return base;
  return hrefWith(base, [...answerParams(steps.slice(0, index)), ...paramsOf(step, 'd')]);
}
