/**
 * Help Center search evaluation: indexes content/articles, runs the labelled queries of
 * bench/search-queries/*.json and reports Recall@1, Recall@3 and MRR@10 per locale.
 *
 *   npm run eval:search [-- --queries <dir>] [-- --articles <dir>] [-- --verbose]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HelpCenterSearch, type Locale } from '../src/server/modules/search/index.js';
import { ARTICLES_DIR, loadArticles, toSearchDocument } from './lib/articles.js';
import { writeJson } from './lib/json.js';
import { RESULTS_DIR, ROOT, isMain } from './lib/paths.js';
import { formatTable } from './lib/table.js';

export const QUERIES_DIR = join(ROOT, 'bench', 'search-queries');
export const RECALL_AT_3_TARGET = 0.9;

export interface LabelledQuery {
  q: string;
  locale: Locale;
  expected: string[];
  source?: string;
}

export interface QueryOutcome extends LabelledQuery {
  /** 1-based rank of the first expected article, null if not in the top 10. */
  rank: number | null;
  top: string[];
}

export interface Metrics {
  queries: number;
  recallAt1: number;
  recallAt3: number;
  mrrAt10: number;
}

export interface SearchEvalResult {
  articles: number;
  documents: number;
  buildMs: number;
  metrics: Record<'overall' | Locale, Metrics>;
  failures: QueryOutcome[];
  outcomes: QueryOutcome[];
  passed: boolean;
}

export interface SearchEvalOptions {
  articlesDir?: string;
  queriesDir?: string;
  /** Write bench/results/search-eval.json (default true). */
  write?: boolean;
  /** Print the report (default true). */
  print?: boolean;
}

export function loadQueries(dir = QUERIES_DIR): LabelledQuery[] {
  if (!existsSync(dir)) return [];
  const out: LabelledQuery[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const items = JSON.parse(readFileSync(join(dir, file), 'utf8')) as LabelledQuery[];
    for (const item of items) out.push({ q: item.q, locale: item.locale, expected: item.expected, source: file });
  }
  return out;
}

function metricsOf(outcomes: QueryOutcome[]): Metrics {
  const n = outcomes.length;
  if (n === 0) return { queries: 0, recallAt1: 0, recallAt3: 0, mrrAt10: 0 };
  let r1 = 0;
  let r3 = 0;
  let mrr = 0;
  for (const o of outcomes) {
    if (o.rank === null) continue;
    if (o.rank <= 1) r1++;
    if (o.rank <= 3) r3++;
    mrr += 1 / o.rank;
  }
  return { queries: n, recallAt1: r1 / n, recallAt3: r3 / n, mrrAt10: mrr / n };
}

const slugOf = (id: string): string => id.slice(0, id.lastIndexOf(':'));

export function runSearchEval(options: SearchEvalOptions = {}): SearchEvalResult {
  const articles = loadArticles(options.articlesDir ?? ARTICLES_DIR);
  const queries = loadQueries(options.queriesDir ?? QUERIES_DIR);
  const started = performance.now();
  const engine = new HelpCenterSearch();
  engine.addAll(articles.map(toSearchDocument));
  const buildMs = performance.now() - started;

  const outcomes: QueryOutcome[] = queries.map((query) => {
    const result = engine.search(query.q, { locale: query.locale, limit: 10 });
    const top = result.hits.map((h) => slugOf(h.id));
    const index = top.findIndex((slug) => query.expected.includes(slug));
    return { ...query, rank: index < 0 ? null : index + 1, top };
  });
  const metrics = {
    overall: metricsOf(outcomes),
    'zh-cn': metricsOf(outcomes.filter((o) => o.locale === 'zh-cn')),
    'en-us': metricsOf(outcomes.filter((o) => o.locale === 'en-us')),
  };
  const failures = outcomes.filter((o) => o.rank === null || o.rank > 3);
  const result: SearchEvalResult = {
    articles: new Set(articles.map((a) => a.slug)).size,
    documents: articles.length,
    buildMs,
    metrics,
    failures,
    outcomes,
    passed: queries.length > 0 && metrics.overall.recallAt3 >= RECALL_AT_3_TARGET,
  };

  if (options.print ?? true) {
    const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
    console.log(`Indexed ${result.documents} documents (${result.articles} articles) in ${buildMs.toFixed(0)} ms; ${queries.length} queries.\n`);
    console.log(
      formatTable(
        ['locale', 'queries', 'Recall@1', 'Recall@3', 'MRR@10'],
        (['zh-cn', 'en-us', 'overall'] as const).map((k) => [
          k,
          metrics[k].queries,
          pct(metrics[k].recallAt1),
          pct(metrics[k].recallAt3),
          metrics[k].mrrAt10.toFixed(3),
        ]),
      ),
    );
    if (failures.length) {
      console.log(`\nQueries without an expected article in the top 3 (${failures.length}):`);
      for (const f of failures) {
        console.log(`  [${f.locale}] ${JSON.stringify(f.q)} → rank ${f.rank ?? '>10'}; expected ${f.expected.join(', ')}; got ${f.top.slice(0, 3).join(', ') || '(nothing)'}`);
      }
    }
    console.log(`\nRecall@3 ${pct(metrics.overall.recallAt3)} (target ≥ ${pct(RECALL_AT_3_TARGET)}): ${result.passed ? 'PASS' : 'FAIL'}`);
  }
  if (options.write ?? true) {
    writeJson(join(RESULTS_DIR, 'search-eval.json'), {
      generatedAt: new Date().toISOString(),
      articles: result.articles,
      documents: result.documents,
      buildMs: Math.round(buildMs),
      metrics,
      passed: result.passed,
      failures: failures.map(({ q, locale, expected, rank, top, source }) => ({ q, locale, expected, rank, top, source })),
      outcomes: outcomes.map(({ q, locale, expected, rank, top }) => ({ q, locale, expected, rank, top: top.slice(0, 3) })),
    });
  }
  return result;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const result = runSearchEval({ articlesDir: value('--articles'), queriesDir: value('--queries') });
  process.exitCode = result.passed ? 0 : 1;
}
