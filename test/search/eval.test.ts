import { describe, expect, it } from 'vitest';
import { RECALL_AT_3_TARGET, runSearchEval } from '../../bench/search-eval.js';

describe('search quality on the real Help Center content', () => {
  it(`reaches Recall@3 ≥ ${RECALL_AT_3_TARGET} on the labelled queries`, () => {
    const result = runSearchEval({ write: false, print: false });
    // Content and labelled queries are part of the repository: their absence is a failure.
    expect(result.documents, 'content/articles/*.md').toBeGreaterThan(0);
    expect(result.outcomes.length, 'bench/search-queries/*.json').toBeGreaterThan(0);
    const failing = result.failures.map((f) => `[${f.locale}] ${f.q} → ${f.rank ?? '>10'}`);
    expect(result.metrics.overall.recallAt3, failing.join('\n')).toBeGreaterThanOrEqual(RECALL_AT_3_TARGET);
    for (const locale of ['zh-cn', 'en-us'] as const) {
      expect(result.metrics[locale].queries).toBeGreaterThan(0);
      expect(result.metrics[locale].recallAt3).toBeGreaterThanOrEqual(RECALL_AT_3_TARGET);
    }
  });
});
