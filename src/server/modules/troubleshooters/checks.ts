/**
 * The built-in checks of input steps: a typed registry. A check receives the normalized values of
 * its parameters (from the step's inputs or earlier steps), the step's config, and a context with
 * an injectable clock, and decides which outcome the walk follows. Pure: no Fastify, no database.
 */
import { z } from 'zod';
import type { Locale } from '../../../shared/locales.js';
import { NETWORK_IDS, type ChainToolkit, type NetworkId } from '../chain-validation/index.js';
import { checkMessages, inputMessages } from './check-messages.js';
import type { InputKind, Localized } from './model.js';
import { addMonths, compareDecimal, dayNumber, formatDate, parseCalendarDate, parseDecimal, percentDifference, todayOf, type CalendarDate } from './values.js';

export interface ParamSpec {
  /** Input kinds that may provide this parameter. */
  readonly kinds: readonly InputKind[];
  readonly required: boolean;
  /** For select inputs: the option values the check understands. */
  readonly values?: readonly string[];
}

export interface CheckLink {
  label: string;
  href: string;
  /** Opens another site (block explorer): rendered with rel="noopener noreferrer nofollow". */
  external: boolean;
}

/** pass / fail colour the summary; info is neither (e.g. "no transaction ID yet"). */
export type CheckStatus = 'pass' | 'fail' | 'info';

export type CheckResult<O extends string = string> =
  /** The values don't allow a decision (missing or contradictory): the step is asked again. */
  | { kind: 'invalid'; errors: Array<{ param: string; message: string }> }
  /** The chain toolkit recognised a private key or recovery phrase: refused, never echoed. */
  | { kind: 'secret'; param: string; kinds: string[] }
  | { kind: 'outcome'; outcome: O; status: CheckStatus; messages: string[]; links: CheckLink[]; normalized: Record<string, string> };

export interface CheckContext {
  locale: Locale;
  /** "Today" for date checks; injectable for tests. */
  now: Date;
  toolkit: ChainToolkit;
  brand: { name: string; officialDomains: readonly string[] };
}

export interface CheckDefinition<P extends string = string, O extends string = string, C = unknown> {
  readonly id: string;
  readonly title: Localized;
  readonly params: Readonly<Record<P, ParamSpec>>;
  readonly outcomes: readonly O[];
  /** Outcomes a tree may turn into "ask again" with `retryOn`. */
  readonly retryable: readonly O[];
  /** Schema of the step's `check.config`; checks without one take no config. */
  readonly config?: z.ZodType<C>;
  run(args: Partial<Record<P, string>>, config: C, ctx: CheckContext): CheckResult<O>;
}

const defineCheck = <P extends string, O extends string, C = undefined>(def: CheckDefinition<P, O, C>) => def;

const outcome = <O extends string>(o: O, status: CheckStatus, messages: string[], extra: { links?: CheckLink[]; normalized?: Record<string, string> } = {}): CheckResult<O> => ({
  kind: 'outcome',
  outcome: o,
  status,
  messages,
  links: extra.links ?? [],
  normalized: extra.normalized ?? {},
});

const dateOf = (iso: string | undefined): CalendarDate | null => (iso ? parseCalendarDate(iso) : null);
/** The network's label in the context's locale (e.g. "Ethereum (ERC-20)"); the id itself when it is not enabled. */
export const networkLabel = (ctx: Pick<CheckContext, 'locale' | 'toolkit'>, id: string) => ctx.toolkit.listNetworks(ctx.locale).find((n) => n.id === id)?.label ?? id;
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

// ---------------------------------------------------------------------------------------------
// Verification

const documentExpiry = defineCheck({
  id: 'document_expiry',
  title: { 'en-us': 'Document expiry date is in the future', 'zh-cn': '证件有效期晚于今天' },
  params: { expiry_date: { kinds: ['date'], required: true } },
  outcomes: ['valid', 'expired'],
  retryable: [],
  run(args, _config, ctx) {
    const m = checkMessages(ctx.locale);
    const expiry = dateOf(args.expiry_date);
    if (!expiry) return { kind: 'invalid', errors: [{ param: 'expiry_date', message: inputMessages(ctx.locale).badDate(ctx.locale === 'zh-cn' ? '有效期' : 'Expiry date') }] };
    const days = dayNumber(expiry) - dayNumber(todayOf(ctx.now));
    const shown = formatDate(expiry, ctx.locale);
    if (days > 0) return outcome('valid', 'pass', days <= 30 ? [m.expiryValid(shown, days), m.expirySoon] : [m.expiryValid(shown, days)]);
    return outcome('expired', 'fail', [days === 0 ? m.expiryToday(shown) : m.expiryPast(shown)]);
  },
});

/** Proof of address: accepted when issued on or after the same day three calendar months ago. */
const POA_MONTHS = 3;

/** The last day a document issued on `issued` is still within the window. */
function lastAcceptedDay(issued: CalendarDate): CalendarDate {
  let until = addMonths(issued, POA_MONTHS);
  // Month-end clamping can make several days map back onto the same issue date; take the last.
  for (let i = 0; i < 4; i++) {
    const next = nextDay(until);
    if (dayNumber(addMonths(next, -POA_MONTHS)) > dayNumber(issued)) break;
    until = next;
  }
  return until;
}

function nextDay(d: CalendarDate): CalendarDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

const proofOfAddressAge = defineCheck({
  id: 'proof_of_address_age',
  title: { 'en-us': 'Proof of address dated within the last 3 months', 'zh-cn': '地址证明在近三个月内出具' },
  params: { issue_date: { kinds: ['date'], required: true } },
  outcomes: ['recent', 'too_old'],
  retryable: [],
  run(args, _config, ctx) {
    const m = checkMessages(ctx.locale);
    const issued = dateOf(args.issue_date);
    const today = todayOf(ctx.now);
    if (!issued || dayNumber(issued) > dayNumber(today)) return { kind: 'invalid', errors: [{ param: 'issue_date', message: m.poaFuture }] };
    const cutoff = addMonths(today, -POA_MONTHS);
    const shown = formatDate(issued, ctx.locale);
    if (dayNumber(issued) >= dayNumber(cutoff)) return outcome('recent', 'pass', [m.poaRecent(shown, formatDate(lastAcceptedDay(issued), ctx.locale))]);
    return outcome('too_old', 'fail', [m.poaTooOld(shown, formatDate(cutoff, ctx.locale))]);
  },
});

const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };
const HAN = /\p{Script=Han}/u;

/**
 * Name tokens for comparison: compatibility forms folded (full-width letters), lower case,
 * accents and letters like ß/ø spelled out, punctuation (hyphens, commas, the middle dot of
 * transliterated names) treated as spaces. Chinese characters are one token: spacing inside a
 * Chinese name means nothing.
 */
export function nameTokens(raw: string): string[] {
  const folded = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const tokens: string[] = [];
  for (const token of folded.split(' ').filter(Boolean)) {
    const last = tokens[tokens.length - 1];
    if (last !== undefined && HAN.test(token) && HAN.test(last)) tokens[tokens.length - 1] = last + token;
    else tokens.push(token);
  }
  return tokens;
}

export type NameComparison = 'match' | 'different_order' | 'missing_part' | 'different_script' | 'mismatch';

export function compareNames(a: string, b: string): { result: NameComparison; extra: string[] } {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.join('') === tb.join('')) return { result: 'match', extra: [] };
  const hanA = ta.some((t) => HAN.test(t));
  const hanB = tb.some((t) => HAN.test(t));
  if (hanA !== hanB) return { result: 'different_script', extra: [] };
  const sortedA = [...ta].sort();
  const sortedB = [...tb].sort();
  if (sortedA.join(' ') === sortedB.join(' ')) return { result: 'different_order', extra: [] };
  const [small, large] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const rest = [...large];
  const contained = small.every((t) => {
    const i = rest.indexOf(t);
    if (i < 0) return false;
    rest.splice(i, 1);
    return true;
  });
  if (contained && small.length > 0) return { result: 'missing_part', extra: rest };
  return { result: 'mismatch', extra: [] };
}

const nameMatch = defineCheck({
  id: 'name_match',
  title: { 'en-us': 'Name on the document equals the account name', 'zh-cn': '证件上的姓名与账户姓名一致' },
  params: { document_name: { kinds: ['name', 'text'], required: true }, account_name: { kinds: ['name', 'text'], required: true } },
  outcomes: ['match', 'different_order', 'missing_part', 'different_script', 'mismatch'],
  retryable: [],
  run(args, _config, ctx) {
    const m = checkMessages(ctx.locale);
    const { result, extra } = compareNames(args.document_name ?? '', args.account_name ?? '');
    switch (result) {
      case 'match':
        return outcome(result, 'pass', [m.nameMatch]);
      case 'different_order':
        return outcome(result, 'fail', [m.nameOrder]);
      case 'missing_part':
        return outcome(result, 'fail', [m.nameMissing(extra.join(ctx.locale === 'zh-cn' ? '、' : ', '))]);
      case 'different_script':
        return outcome(result, 'fail', [m.nameScript]);
      default:
        return outcome(result, 'fail', [m.nameMismatch]);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Trading

const limitOrder = defineCheck({
  id: 'limit_order',
  title: { 'en-us': 'Order type and price against the market', 'zh-cn': '订单类型与价格对比市场价格' },
  params: {
    order_type: { kinds: ['select'], required: true, values: ['limit', 'stop_loss', 'market'] },
    side: { kinds: ['select'], required: true, values: ['buy', 'sell'] },
    price: { kinds: ['price', 'amount'], required: false },
    market_price: { kinds: ['price', 'amount'], required: true },
  },
  outcomes: ['waiting_for_price', 'waiting_for_trigger', 'should_have_filled'],
  retryable: [],
  run(args, _config, ctx) {
    const m = checkMessages(ctx.locale);
    const market = args.market_price ?? '';
    const price = args.price ?? '';
    const buy = args.side === 'buy';
    if (args.order_type === 'market') return outcome('should_have_filled', 'fail', [m.marketOrder]);
    if (!price) return { kind: 'invalid', errors: [{ param: 'price', message: m.priceNeeded }] };
    const cmp = compareDecimal(price, market);
    if (args.order_type === 'stop_loss') {
      // A sell stop sits below the market, a buy stop above; it triggers once the market reaches it.
      const waiting = buy ? cmp > 0 : cmp < 0;
      if (waiting) return outcome('waiting_for_trigger', 'info', [buy ? m.buyStopWaiting(price, market) : m.sellStopWaiting(price, market)]);
      return outcome('should_have_filled', 'fail', [m.stopTriggered(price, market)]);
    }
    // Limit: a buy below the market (a sell above it) rests in the book until the price comes to it.
    const waiting = buy ? cmp < 0 : cmp > 0;
    if (waiting) {
      const pct = percentDifference(price, market);
      return outcome('waiting_for_price', 'info', [buy ? m.buyLimitWaiting(price, market, pct) : m.sellLimitWaiting(price, market, pct)]);
    }
    return outcome('should_have_filled', 'fail', [buy ? m.buyLimitMarketable(price, market) : m.sellLimitMarketable(price, market)]);
  },
});

const limitFillPrice = defineCheck({
  id: 'limit_fill_price',
  title: { 'en-us': 'Fill price within the limit price', 'zh-cn': '成交价在限价范围内' },
  params: {
    side: { kinds: ['select'], required: true, values: ['buy', 'sell'] },
    limit_price: { kinds: ['price', 'amount'], required: true },
    fill_price: { kinds: ['price', 'amount'], required: true },
  },
  outcomes: ['within_limit', 'outside_limit'],
  retryable: [],
  run(args, _config, ctx) {
    const m = checkMessages(ctx.locale);
    const limit = args.limit_price ?? '';
    const fill = args.fill_price ?? '';
    const buy = args.side === 'buy';
    const cmp = compareDecimal(fill, limit);
    const within = buy ? cmp <= 0 : cmp >= 0;
    if (within) return outcome('within_limit', 'pass', [buy ? m.buyFillWithin(fill, limit) : m.sellFillWithin(fill, limit)]);
    return outcome('outside_limit', 'fail', [buy ? m.buyFillOutside(fill, limit) : m.sellFillOutside(fill, limit)]);
  },
});

// ---------------------------------------------------------------------------------------------
// Deposits and withdrawals (the chain toolkit does the chain work)

const addressCheck = defineCheck({
  id: 'address',
  title: { 'en-us': 'Address and memo/tag valid on the network', 'zh-cn': '地址及备注/标签在所选网络上有效' },
  params: {
    network: { kinds: ['network'], required: true },
    address: { kinds: ['address'], required: true },
    memo: { kinds: ['memo'], required: false },
  },
  outcomes: ['valid', 'wrong_network', 'memo_missing', 'invalid_memo', 'invalid'],
  retryable: ['wrong_network', 'memo_missing', 'invalid_memo', 'invalid'],
  run(args, _config, ctx) {
    const m = checkMessages(ctx.locale);
    const network = args.network ?? '';
    const address = args.address ?? '';
    const memo = args.memo ?? '';
    const result = ctx.toolkit.validateAddress({ address, network, ...(memo ? { memo } : {}) }, ctx.locale);
    if (result.errors.some((e) => e.code === 'secret_key')) return { kind: 'secret', param: 'address', kinds: ['secret_key'] };
    const warnings = result.warnings.map((w) => w.message);
    if (result.valid) {
      const def = ctx.toolkit.getNetwork(network);
      const messages = [m.addressValid(networkLabel(ctx, network)), ...warnings];
      if (result.memo && def?.memoLabel) messages.push(m.addressMemo(def.memoLabel[ctx.locale], result.memo));
      const explorer = result.explorerUrls.find((e) => e.network === network) ?? result.explorerUrls[0];
      return outcome('valid', 'pass', messages, {
        links: explorer ? [{ label: m.addressExplorer, href: explorer.url, external: true }] : [],
        normalized: { address: result.normalized ?? address, ...(result.memo ? { memo: result.memo } : {}) },
      });
    }
    const codes = new Set(result.errors.map((e) => e.code));
    const messages = [...result.errors.map((e) => e.message), ...warnings];
    if (codes.has('address_on_other_network')) return outcome('wrong_network', 'fail', messages);
    if (codes.has('memo_required')) return outcome('memo_missing', 'fail', messages, { normalized: { address: result.normalized ?? address } });
    if (codes.has('invalid_memo')) return outcome('invalid_memo', 'fail', messages);
    return outcome('invalid', 'fail', messages);
  },
});

const txHashCheck = defineCheck({
  id: 'tx_hash',
  title: { 'en-us': 'Transaction ID format and block-explorer link', 'zh-cn': '交易哈希格式与区块浏览器链接' },
  params: { network: { kinds: ['network'], required: true }, tx_hash: { kinds: ['tx_hash'], required: false } },
  outcomes: ['valid', 'not_provided', 'wrong_network', 'looks_like_address', 'invalid'],
  retryable: ['wrong_network', 'looks_like_address', 'invalid'],
  run(args, _config, ctx) {
    const m = checkMessages(ctx.locale);
    const network = args.network ?? '';
    const hash = args.tx_hash ?? '';
    if (!hash) return outcome('not_provided', 'info', [m.txMissing]);
    const result = ctx.toolkit.validateTxHash({ hash, network }, ctx.locale);
    const warnings = result.warnings.map((w) => w.message);
    if (result.valid) {
      const explorer = result.explorerUrls[0];
      return outcome('valid', 'pass', [m.txValid(networkLabel(ctx, network)), ...warnings], {
        links: explorer ? [{ label: m.txExplorer(hostOf(explorer.url)), href: explorer.url, external: true }] : [],
        normalized: { tx_hash: result.normalized ?? hash },
      });
    }
    const codes = new Set(result.errors.map((e) => e.code));
    const messages = [...result.errors.map((e) => e.message), ...warnings];
    if (codes.has('hash_on_other_network')) return outcome('wrong_network', 'fail', messages);
    if (codes.has('looks_like_address')) return outcome('looks_like_address', 'fail', messages);
    return outcome('invalid', 'fail', messages);
  },
});

const decimalString = z.string().refine((v) => parseDecimal(v) === v, 'must be a decimal written like "0.0005" or "20"');
const minimumsConfig = z.strictObject({
  /** Asset ticker → network id (or "*" for any network) → smallest amount that may be withdrawn. */
  minimums: z.record(z.string(), z.record(z.string(), decimalString)).superRefine((table, ctx) => {
    for (const [asset, networks] of Object.entries(table)) {
      if (!/^[A-Z0-9]{2,12}$/.test(asset)) ctx.addIssue({ code: 'custom', path: [asset], message: 'asset tickers are upper case letters and digits' });
      for (const network of Object.keys(networks)) {
        if (network !== '*' && !(NETWORK_IDS as readonly string[]).includes(network)) ctx.addIssue({ code: 'custom', path: [asset, network], message: 'must be a network id or "*"' });
      }
    }
  }),
});

const withdrawalMinimum = defineCheck({
  id: 'withdrawal_minimum',
  title: { 'en-us': 'Withdrawal amount meets the minimum for the asset and network', 'zh-cn': '提现数量达到该币种与网络的最低要求' },
  params: {
    asset: { kinds: ['asset'], required: true },
    network: { kinds: ['network'], required: true },
    amount: { kinds: ['amount'], required: true },
  },
  outcomes: ['meets_minimum', 'below_minimum', 'not_listed'],
  retryable: ['not_listed'],
  config: minimumsConfig,
  run(args, config, ctx) {
    const m = checkMessages(ctx.locale);
    const asset = args.asset ?? '';
    const network = args.network ?? '';
    const amount = args.amount ?? '';
    const table = config.minimums[asset] ?? {};
    const min = table[network] ?? table['*'];
    const enabled = new Set<string>(ctx.toolkit.networkIds);
    const listed = Object.entries(table).filter(([id]) => id !== '*' && enabled.has(id)) as Array<[NetworkId, string]>;
    const list = (entries: Array<[NetworkId, string]>) => entries.map(([id, value]) => `${networkLabel(ctx, id)} ${value}`).join(ctx.locale === 'zh-cn' ? '、' : ', ');
    if (min === undefined) {
      const messages = [m.notListed(ctx.brand.name, asset, networkLabel(ctx, network))];
      if (listed.length) messages.push(m.listedOn(asset, listed.map(([id]) => networkLabel(ctx, id)).join(ctx.locale === 'zh-cn' ? '、' : ', ')));
      return outcome('not_listed', 'fail', messages);
    }
    if (compareDecimal(amount, min) >= 0) return outcome('meets_minimum', 'pass', [m.minimumMet(amount, asset, min, networkLabel(ctx, network))]);
    const lower = listed.filter(([id, value]) => id !== network && compareDecimal(value, min) < 0);
    const messages = [m.minimumBelow(amount, asset, min, networkLabel(ctx, network))];
    if (lower.length) messages.push(m.minimumLower(list(lower)));
    return outcome('below_minimum', 'fail', messages);
  },
});

// ---------------------------------------------------------------------------------------------
// API

type ApiCategory = 'nonce' | 'key_or_signature' | 'permission' | 'rate_limit' | 'unavailable' | 'insufficient_funds' | 'other';

/** Error text first (most specific), then the HTTP status. */
const API_PATTERNS: Array<[ApiCategory, RegExp]> = [
  ['nonce', /nonce/i],
  ['rate_limit', /rate[ _-]?limit|apiLimitExceeded|too many requests|throttl|temporary lockout/i],
  ['key_or_signature', /invalid[ _-]?(api[ _-]?)?key|invalid[ _-]?sign|signature|EAuth:|authenticationError|unauthori[sz]ed|api[ _-]?key.*(invalid|not found)/i],
  ['permission', /permission|not allowed|forbidden/i],
  ['insufficient_funds', /insufficient[ _-]?(available[ _-]?)?funds|insufficientAvailableFunds/i],
  ['unavailable', /EService:|unavailable|\bbusy\b|deadline elapsed|timed? ?out|maintenance|cancel_only|post_only/i],
];

export function classifyApiError(error: string, status: string): ApiCategory {
  for (const [category, pattern] of API_PATTERNS) if (error && pattern.test(error)) return category;
  const code = Number(status);
  if (code === 401) return 'key_or_signature';
  if (code === 403) return 'permission';
  if (code === 429) return 'rate_limit';
  if (code >= 500 && code <= 599) return 'unavailable';
  return 'other';
}

const apiError = defineCheck({
  id: 'api_error',
  title: { 'en-us': 'API error message or HTTP status explained', 'zh-cn': '解读 API 错误信息或 HTTP 状态码' },
  params: { api_error: { kinds: ['api_error', 'text'], required: false }, http_status: { kinds: ['http_status'], required: false } },
  outcomes: ['nonce', 'key_or_signature', 'permission', 'rate_limit', 'unavailable', 'insufficient_funds', 'other'],
  retryable: [],
  run(args, _config, ctx) {
    const m = checkMessages(ctx.locale);
    const error = (args.api_error ?? '').trim();
    const status = (args.http_status ?? '').trim();
    if (!error && !status) return { kind: 'invalid', errors: [{ param: 'api_error', message: m.apiNeedSomething }] };
    const category = classifyApiError(error, status);
    const subject = error ? `“${error}”` : m.apiHttp(status);
    const text = {
      nonce: m.apiNonce,
      key_or_signature: m.apiKey,
      permission: m.apiPermission,
      rate_limit: m.apiRateLimit,
      unavailable: m.apiUnavailable,
      insufficient_funds: m.apiFunds,
      other: m.apiOther,
    }[category](subject);
    const query = error || status;
    return outcome(category, category === 'other' ? 'info' : 'fail', [text], {
      links: [{ label: m.apiDecoder, href: `/hc/${ctx.locale}/tools/api-errors?q=${encodeURIComponent(query)}`, external: false }],
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Security

/** The second-level labels of the official domains ("lanternfish" of lanternfish.example). */
const brandLabels = (domains: readonly string[]) => [...new Set(domains.map((d) => d.split('.').slice(-2)[0] ?? '').filter((l) => l.length >= 4))];

const officialLink = defineCheck({
  id: 'official_link',
  title: { 'en-us': 'Link or domain belongs to the exchange', 'zh-cn': '链接或域名是否属于本交易所' },
  params: { url: { kinds: ['url', 'text'], required: true } },
  outcomes: ['official', 'unofficial', 'invalid'],
  retryable: ['invalid'],
  run(args, _config, ctx) {
    const m = checkMessages(ctx.locale);
    const raw = (args.url ?? '').trim();
    const example = `https://www.${ctx.brand.officialDomains[0] ?? 'example.com'}/`;
    let url: URL | null = null;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
    } catch {
      url = null;
    }
    const host = url?.hostname.toLowerCase().replace(/\.$/, '') ?? '';
    if (!url || !/^https?:$/.test(url.protocol) || !host.includes('.') || /\s/.test(raw)) return outcome('invalid', 'fail', [m.linkInvalid(example)]);
    const official = ctx.brand.officialDomains.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`));
    if (official && !url.username && !url.password) return outcome('official', 'pass', [m.linkOfficial(host, ctx.brand.name)]);
    const messages = [m.linkUnofficial(host, ctx.brand.name, ctx.brand.officialDomains.join(ctx.locale === 'zh-cn' ? '、' : ', '))];
    if (url.username || url.password) messages.push(m.linkUserinfo);
    if (host.split('.').some((label) => label.startsWith('xn--')) || /[^\x20-\x7e]/.test(raw)) messages.push(m.linkLookalike);
    if (brandLabels(ctx.brand.officialDomains).some((label) => host.includes(label))) messages.push(m.linkUsesName(ctx.brand.name));
    return outcome('unofficial', 'fail', messages);
  },
});

// ---------------------------------------------------------------------------------------------

export const CHECKS = {
  document_expiry: documentExpiry,
  proof_of_address_age: proofOfAddressAge,
  name_match: nameMatch,
  limit_order: limitOrder,
  limit_fill_price: limitFillPrice,
  address: addressCheck,
  tx_hash: txHashCheck,
  withdrawal_minimum: withdrawalMinimum,
  api_error: apiError,
  official_link: officialLink,
} as const;

export type CheckId = keyof typeof CHECKS;

export function getCheck(id: string): CheckDefinition | undefined {
  return Object.hasOwn(CHECKS, id) ? (CHECKS[id as CheckId] as unknown as CheckDefinition) : undefined;
}

/** Runs a check with config already validated against its schema. */
export function runCheck(id: CheckId | string, args: Record<string, string | undefined>, config: unknown, ctx: CheckContext): CheckResult {
  const check = getCheck(id);
  if (!check) throw new TypeError(`Unknown check "${id}"`);
  return check.run(args, config, ctx);
}
