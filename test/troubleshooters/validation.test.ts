import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/errors.js';
import { loadTroubleshooters } from '../../src/server/modules/troubleshooters/loader.js';
import { validateTree } from '../../src/server/modules/troubleshooters/validate.js';
import type { RequestTypeDefinition } from '../../src/shared/request-forms.js';
import { REPO_CONTENT_DIR } from '../helpers/db.js';

const TREE_DIR = join(REPO_CONTENT_DIR, 'troubleshooters');
const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const requestTypes = (JSON.parse(readFileSync(join(REPO_CONTENT_DIR, 'request-types.json'), 'utf8')) as { requestTypes: RequestTypeDefinition[] }).requestTypes;
const articleInBothLocales = (slug: string) =>
  existsSync(join(REPO_CONTENT_DIR, 'articles', `${slug}.en-us.md`)) && existsSync(join(REPO_CONTENT_DIR, 'articles', `${slug}.zh-cn.md`));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
const messages = (raw: unknown) => validateTree(raw, { requestTypes, articleExists: articleInBothLocales }).issues.map((i) => `${i.kind}: ${i.message}`);

const bundled = readdirSync(TREE_DIR).filter((f) => f.endsWith('.json'));

describe('bundled troubleshooters', () => {
  it('are the five problem families', () => {
    expect(bundled.sort()).toEqual(['account-verification.json', 'api.json', 'deposits-withdrawals.json', 'security.json', 'trading.json']);
  });

  it.each(bundled)('%s is valid against the bundled request types and articles', (file) => {
    const result = validateTree(readJson(join(TREE_DIR, file)), { requestTypes, articleExists: articleInBothLocales });
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(bundled)('%s: every referenced article exists in both locales', (file) => {
    const tree = readJson(join(TREE_DIR, file)) as { nodes: Array<{ article?: string }> };
    const slugs = tree.nodes.map((n) => n.article).filter((s): s is string => typeof s === 'string');
    expect(slugs.length).toBeGreaterThan(0);
    for (const slug of slugs) {
      expect(existsSync(join(REPO_CONTENT_DIR, 'articles', `${slug}.en-us.md`)), `${slug}.en-us.md`).toBe(true);
      expect(existsSync(join(REPO_CONTENT_DIR, 'articles', `${slug}.zh-cn.md`)), `${slug}.zh-cn.md`).toBe(true);
    }
  });

  it('load through the loader, sorted by position', () => {
    const loaded = loadTroubleshooters(REPO_CONTENT_DIR, { requestTypes });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.list.map((t) => t.key)).toEqual(['account-verification', 'trading', 'api', 'security', 'deposits-withdrawals']);
    expect(loaded.get('api')?.byId.get('error_input')?.type).toBe('input');
    expect(loaded.get('nope')).toBeUndefined();
  });
});

describe('a deliberately broken tree', () => {
  const broken = readJson(join(FIXTURES, 'broken-tree.json'));

  it('reports every structural problem with the node it is in', () => {
    const found = messages(broken);
    expect(found).toEqual(
      expect.arrayContaining([
        'structure: duplicate node id "amount_step"',
        'structure: node "first": next "nowhere" does not exist',
        'structure: node "first": duplicate choice value "a"',
        'structure: first.title: unknown placeholder {{brand.nmae}} (use {{brand.name}}, {{brand.supportEmail}}, …)',
        'structure: node "amount_step": only select inputs have options ("side" is text)',
        'structure: node "amount_step": check.config.minimums.USDT.moonchain: must be a network id or "*"',
        'structure: node "amount_step": outcome "below_minimum" of check "withdrawal_minimum" cannot be retried (retryable: not_listed)',
        'structure: node "amount_step": next."exploded" is not an outcome of check "withdrawal_minimum" (meets_minimum, below_minimum, not_listed)',
        'structure: node "amount_step": no next node for outcome(s) not_listed of check "withdrawal_minimum" (add them or "default")',
        'structure: node "orphan": unknown check "crystal_ball"',
      ]),
    );
    expect(validateTree(broken).ok).toBe(false);
    expect(validateTree(broken).tree).toBeNull();
  });

  it('finds cycles and names them', () => {
    expect(messages(readJson(join(FIXTURES, 'cycle-tree.json')))).toEqual(['structure: cycle: one → two → one']);
  });

  it('finds wiring and reference problems on every path', () => {
    const found = messages(readJson(join(FIXTURES, 'bad-references-tree.json')));
    expect(found).toEqual(
      expect.arrayContaining([
        'reference: requestType "crypto_stuff" is not a request type',
        'structure: node "ask_address": input "network" was already collected by node "details" on the path direction → details → ask_address',
        'structure: node "finish": subject uses {{fact.memo}}, but input "memo" is not collected on the path direction → details → ask_address → finish',
        'reference: node "finish": field "direction" of request type "deposit_withdrawal" (filled by direction.in): "sideways" is not one of its options (deposit, withdrawal)',
        'reference: node "finish": request type "deposit_withdrawal" has no field "colour" (filled by direction.out)',
        'reference: node "finish": field "amount" of request type "deposit_withdrawal" (filled by details.hash): an input of kind "tx_hash" cannot fill a field of type "amount"',
        'reference: node "finish": article "no-such-article" does not exist in both locales',
      ]),
    );
  });

  it('checks that a check gets the inputs it needs', () => {
    const tree = readJson(join(TREE_DIR, 'deposits-withdrawals.json')) as { nodes: Array<{ id: string; inputs?: Array<{ name: string }> }> };
    // Without the network step, the address check has no network on its path.
    const asset = tree.nodes.find((n) => n.id === 'deposit_asset')!;
    asset.inputs = asset.inputs!.filter((i) => i.name !== 'network');
    expect(messages(tree)).toContain(
      'structure: node "deposit_address": check "address" needs "network" from input "network", which is not collected on the path direction → deposit_kind → deposit_asset → deposit_address',
    );
  });

  it('accepts {{brand}} and known brand placeholders only', () => {
    const tree = readJson(join(TREE_DIR, 'api.json')) as { title: Record<string, string>; nodes: Array<{ title: Record<string, string> }> };
    tree.title['en-us'] = 'API at {{brand}}';
    tree.nodes[0]!.title['zh-cn'] = '{{ brand.supportEmail }} 能帮您什么？';
    expect(messages(tree)).toEqual([]);
    tree.nodes[0]!.title['en-us'] = 'Hello {{user.name}}';
    expect(messages(tree)).toEqual(['structure: problem.title: unknown placeholder {{user.name}} (use {{brand.name}}, {{brand.supportEmail}}, …)']);
  });

  it('reports JSON shape problems with readable paths', () => {
    const tree = readJson(join(TREE_DIR, 'api.json')) as { nodes: Array<Record<string, unknown>> };
    delete (tree.nodes[1]!.title as Record<string, string>)['zh-cn'];
    tree.nodes[2]!.colour = 'blue';
    const found = validateTree(tree).issues.map((i) => i.message);
    expect(found.some((m) => m.startsWith('nodes[1] (id "error_input")') && m.includes('zh-cn'))).toBe(true);
    expect(found.some((m) => m.startsWith('nodes[2] (id "error_details")') && m.includes('colour'))).toBe(true);
  });

  it('finds paths that never end (a next that leads nowhere counts)', () => {
    const tree = readJson(join(TREE_DIR, 'trading.json')) as { nodes: Array<{ id: string; next?: unknown }> };
    tree.nodes.find((n) => n.id === 'order_check')!.next = { waiting_for_price: 'end_limit_waiting' };
    expect(messages(tree)).toContain(
      'structure: node "order_check": no next node for outcome(s) waiting_for_trigger, should_have_filled of check "limit_order" (add them or "default")',
    );
  });
});

describe('loader', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });
  const contentWith = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'pharos-ts-'));
    mkdirSync(join(dir, 'troubleshooters'));
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, 'troubleshooters', name), body);
    return dir;
  };

  it('a missing folder means no troubleshooters', () => {
    dir = mkdtempSync(join(tmpdir(), 'pharos-ts-'));
    expect(loadTroubleshooters(dir).list).toEqual([]);
  });

  it('throws content_invalid naming the file and every structural problem', () => {
    const content = contentWith({ 'broken-example.json': readFileSync(join(FIXTURES, 'broken-tree.json'), 'utf8') });
    let error: unknown;
    try {
      loadTroubleshooters(content, { requestTypes });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('content_invalid');
    expect(appError.params.file).toBe(join(content, 'troubleshooters', 'broken-example.json'));
    expect(appError.params.detail).toContain('duplicate node id "amount_step"');
    expect(appError.params.detail).toContain('unknown check "crystal_ball"');
    expect(appError.localizedMessage('zh-cn')).toContain('broken-example.json');
  });

  it('rejects bad JSON and misnamed files', () => {
    expect(() => loadTroubleshooters(contentWith({ 'x.json': '{ "key": ' }), {})).toThrow(AppError);
    rmSync(dir, { recursive: true, force: true });
    const content = contentWith({});
    copyFileSync(join(TREE_DIR, 'api.json'), join(content, 'troubleshooters', 'api-v2.json'));
    expect(() => loadTroubleshooters(content)).toThrow(/must be named api\.json/);
  });

  it('returns reference problems as warnings instead of failing', () => {
    const content = contentWith({ 'bad-references.json': readFileSync(join(FIXTURES, 'bad-references-tree.json'), 'utf8').replace(/\{\{fact\.memo\}\}/g, 'it').replace('"name": "network", "kind": "network", "label": { "en-us": "Network again"', '"name": "network_again", "kind": "network", "label": { "en-us": "Network again"') });
    const loaded = loadTroubleshooters(content, { requestTypes });
    expect(loaded.list.map((t) => t.key)).toEqual(['bad-references']);
    expect(loaded.warnings.some((w) => w.includes('requestType "crypto_stuff" is not a request type'))).toBe(true);
    expect(loaded.warnings.every((w) => w.startsWith(join(content, 'troubleshooters', 'bad-references.json')))).toBe(true);
  });
});
