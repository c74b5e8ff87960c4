/**
 * The loaded troubleshooters and everything routes need around a walk: the engine environment,
 * strict answer handling for the API, the live request type for pre-filled links, article titles
 * and validation of a tree an admin wants to publish.
 */
import type { Config } from '../../config.js';
import { AppError, notFound } from '../../errors.js';
import { t } from '../../i18n.js';
import type { Locale } from '../../../shared/locales.js';
import { LOCALES } from '../../../shared/locales.js';
import { createChainToolkit, NETWORK_IDS, type ChainToolkit, type NetworkId } from '../chain-validation/index.js';
import { fillBrand } from '../kb/kb.render.js';
import type { KnowledgeBaseService } from '../kb/kb.service.js';
import type { RequestTypeCatalog } from '../requests/request-types.js';
import { forRequestType, walk, type Answer, type EngineEnv, type PrefilledRequest, type WalkResult } from './engine.js';
import { loadTroubleshooters, type LoadedTroubleshooters } from './loader.js';
import type { Troubleshooter } from './model.js';
import './troubleshooters.messages.js';
import { validateTree, type ValidationResult } from './validate.js';

export interface TroubleshooterDeps {
  config: Config;
  kb: KnowledgeBaseService;
  catalog: RequestTypeCatalog;
  /** Clock for date checks; injectable for tests. */
  now?: () => Date;
}

export interface ApiAnswer {
  node: string;
  choice?: string | undefined;
  values?: Record<string, string> | undefined;
}

/** The brand's enabled networks as a toolkit (unknown ids in config are ignored; none means all). */
export function brandToolkit(config: Config): ChainToolkit {
  const ids = config.brand.networks.filter((n): n is NetworkId => (NETWORK_IDS as readonly string[]).includes(n));
  return createChainToolkit(ids.length ? { networks: ids } : {});
}

export class TroubleshooterService {
  readonly toolkit: ChainToolkit;
  private readonly now: () => Date;

  constructor(
    private readonly loaded: LoadedTroubleshooters,
    private readonly deps: TroubleshooterDeps,
  ) {
    this.toolkit = brandToolkit(deps.config);
    this.now = deps.now ?? (() => new Date());
  }

  /** Loads `<CONTENT_DIR>/troubleshooters`; structural problems throw, reference problems are returned. */
  static load(deps: TroubleshooterDeps): TroubleshooterService {
    return new TroubleshooterService(loadTroubleshooters(deps.config.content.dir, { requestTypes: deps.catalog.list() }), deps);
  }

  get warnings(): string[] {
    return this.loaded.warnings;
  }

  list(): Troubleshooter[] {
    return this.loaded.list;
  }

  get(key: string): Troubleshooter {
    const tree = this.loaded.get(key);
    if (!tree) throw notFound('troubleshooter');
    return tree;
  }

  env(locale: Locale): EngineEnv {
    return { locale, now: this.now(), brand: this.deps.config.brand, toolkit: this.toolkit };
  }

  networks(locale: Locale) {
    return this.toolkit.listNetworks(locale);
  }

  walk(tree: Troubleshooter, answerFor: (nodeId: string) => Answer | undefined, locale: Locale): WalkResult {
    return walk(tree, answerFor, this.env(locale));
  }

  /**
   * The API walk: answers must follow the path in order, each of the right shape. Answers after
   * one that was rejected (bad value, secret) are not looked at; `answered` counts accepted ones.
   */
  walkAnswers(tree: Troubleshooter, answers: readonly ApiAnswer[], locale: Locale): { result: WalkResult; answered: number } {
    const fail = (key: string, params: Record<string, unknown>) => new AppError('validation_failed', { detail: t(locale, `troubleshooters.api.${key}`, params) });
    const byNode = new Map<string, Answer>();
    answers.forEach((a, index) => {
      const node = tree.byId.get(a.node);
      if (!node) throw fail('unknown_node', { index, node: a.node });
      if (byNode.has(a.node)) throw fail('duplicate', { index, node: a.node });
      if (node.type === 'end') throw fail('after_end', { index, current: a.node });
      if (node.type === 'question') {
        if (a.choice === undefined || a.values !== undefined) throw fail('needs_choice', { index, node: a.node });
        if (!node.choices.some((c) => c.value === a.choice)) {
          throw fail('unknown_choice', { index, node: a.node, choice: a.choice, choices: node.choices.map((c) => c.value).join(', ') });
        }
        byNode.set(a.node, { choice: a.choice });
        return;
      }
      if (a.values === undefined || a.choice !== undefined) throw fail('needs_values', { index, node: a.node });
      for (const name of Object.keys(a.values)) {
        if (!node.inputs.some((i) => i.name === name)) throw fail('unknown_input', { index, node: a.node, input: name, inputs: node.inputs.map((i) => i.name).join(', ') });
      }
      byNode.set(a.node, { values: a.values });
    });

    const result = this.walk(tree, (id) => byNode.get(id), locale);
    const consumed = result.path.map((s) => s.node.id);
    const rejected = result.issues.length ? result.current.id : null;
    answers.forEach((a, index) => {
      if (index < consumed.length) {
        if (consumed[index] !== a.node) throw fail('out_of_order', { index, node: a.node, current: consumed[index] });
        return;
      }
      if (rejected !== null) return;
      if (result.current.type === 'end') throw fail('after_end', { index, current: result.current.id });
      throw fail('out_of_order', { index, node: a.node, current: result.current.id });
    });
    return { result, answered: consumed.length };
  }

  /** The end's request narrowed to the live request type (fields an admin removed are dropped). */
  request(result: WalkResult, locale: Locale): PrefilledRequest | null {
    const request = result.end?.request;
    if (!request) return null;
    return forRequestType(locale, request, this.deps.catalog.get(request.type)?.def);
  }

  /** Labels and displayed values of a pre-filled request's fields, for the preview on the page. */
  preview(request: PrefilledRequest, locale: Locale): Array<{ label: string; value: string }> {
    const type = this.deps.catalog.get(request.type)?.def;
    if (!type) return [];
    const networks = this.networks(locale);
    const rows: Array<{ label: string; value: string }> = [];
    for (const field of type.fields) {
      const value = request.fields[field.key];
      if (!value) continue;
      const shown =
        field.type === 'select'
          ? (field.options?.find((o) => o.value === value)?.label[locale] ?? value)
          : field.type === 'network'
            ? (networks.find((n) => n.id === value)?.label ?? value)
            : value;
      rows.push({ label: field.label[locale], value: shown });
    }
    return rows;
  }

  async articleTitle(locale: Locale, slug: string): Promise<string | null> {
    try {
      const article = await this.deps.kb.article(locale, slug);
      return fillBrand(article.title, this.deps.config.brand);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return null;
      throw error;
    }
  }

  /** Slugs published in every locale (for validating article references). */
  async publishedSlugs(): Promise<Set<string>> {
    const perLocale = await Promise.all(
      LOCALES.map(async (locale) => new Set((await this.deps.kb.articles({ locale }, { page: 1, perPage: 10_000 })).rows.map((r) => r.slug))),
    );
    const [first, ...rest] = perLocale;
    return new Set([...(first ?? [])].filter((slug) => rest.every((s) => s.has(slug))));
  }

  /** Article references of the loaded trees that the knowledge base does not have in both locales. */
  async missingArticles(): Promise<string[]> {
    if (!this.loaded.list.length) return [];
    const slugs = await this.publishedSlugs();
    const missing: string[] = [];
    for (const tree of this.loaded.list) {
      for (const node of tree.nodes) if (node.type === 'end' && node.article && !slugs.has(node.article)) missing.push(`${tree.key}: node "${node.id}" links to article "${node.article}", which is not published in both locales`);
    }
    return missing;
  }

  /** Validates a tree against the live request types and knowledge base (admin check before publishing). */
  async validate(raw: unknown): Promise<ValidationResult> {
    const slugs = await this.publishedSlugs();
    return validateTree(raw, { requestTypes: this.deps.catalog.list(), articleExists: (slug) => slugs.has(slug) });
  }
}
