/**
 * Model of the private REST API call counter, as described in the "API rate limits" article:
 *
 * - every account has a counter that starts at 0 (or a given value) and never goes below 0;
 * - ledger and trade-history queries (Ledgers, QueryLedgers, TradesHistory, QueryTrades) add 2,
 *   every other private call adds 1;
 * - placing, amending and cancelling orders (AddOrder, CancelOrder, …) is NOT counted here: those
 *   calls have their own matching-engine limit (EOrder:Rate limit exceeded);
 * - public market-data calls are limited per IP address, also not by this counter;
 * - the counter decays continuously at the tier's rate (Starter 0.33/s, Intermediate 0.5/s, Pro 1/s);
 * - a call that would take the counter above the tier's maximum (15, 20, 20) is rejected with
 *   EAPI:Rate limit exceeded, and a rejected call does not add to the counter.
 *
 * Arithmetic is exact: counters are integers in units of 1/100 000 and time in milliseconds, so
 * the decay per millisecond is a whole number (33, 50, 100) and there is no rounding drift.
 * Pure: no Fastify, no DB.
 */

export const TIER_IDS = ['starter', 'intermediate', 'pro'] as const;
export type TierId = (typeof TIER_IDS)[number];

export interface Tier {
  id: TierId;
  max: number;
  decayPerSecond: number;
}

export const TIERS: Record<TierId, Tier> = {
  starter: { id: 'starter', max: 15, decayPerSecond: 0.33 },
  intermediate: { id: 'intermediate', max: 20, decayPerSecond: 0.5 },
  pro: { id: 'pro', max: 20, decayPerSecond: 1 },
};

export const RATE_LIMIT_ERROR = 'EAPI:Rate limit exceeded';
export const MAX_CALLS = 1000;
/** Latest call time accepted: 30 days after the start of the sequence. */
export const MAX_AT_SECONDS = 30 * 24 * 3600;
export const MAX_METHOD_LENGTH = 64;
export const MAX_SCRIPT_LENGTH = 10_000;

/** history: cost 2; private: cost 1; trading and public: not counted by this counter. */
export type CallKind = 'history' | 'private' | 'trading' | 'public';

const HISTORY = ['Ledgers', 'QueryLedgers', 'TradesHistory', 'QueryTrades'];
const TRADING = ['AddOrder', 'AddOrderBatch', 'AmendOrder', 'EditOrder', 'CancelOrder', 'CancelOrderBatch', 'CancelAll', 'CancelAllOrdersAfter'];
const PUBLIC = ['Time', 'SystemStatus', 'Assets', 'AssetPairs', 'Ticker', 'OHLC', 'Depth', 'Trades', 'Spread'];
const PRIVATE = [
  'Balance', 'BalanceEx', 'TradeBalance', 'OpenOrders', 'ClosedOrders', 'QueryOrders', 'OrderAmends', 'OpenPositions', 'TradeVolume',
  'AddExport', 'ExportStatus', 'RetrieveExport', 'RemoveExport', 'GetWebSocketsToken', 'CreateSubaccount', 'AccountTransfer',
  'DepositMethods', 'DepositAddresses', 'DepositStatus', 'WithdrawMethods', 'WithdrawAddresses', 'WithdrawInfo', 'Withdraw',
  'WithdrawStatus', 'WithdrawCancel', 'WalletTransfer', 'Allocate', 'Deallocate', 'AllocateStatus', 'DeallocateStatus', 'Strategies', 'Allocations',
];

const KNOWN = new Map<string, { method: string; kind: CallKind }>();
for (const [names, kind] of [[HISTORY, 'history'], [TRADING, 'trading'], [PUBLIC, 'public'], [PRIVATE, 'private']] as const) {
  for (const method of names) KNOWN.set(method.toLowerCase(), { method, kind });
}

export const METHOD_GROUPS: Record<CallKind, readonly string[]> = { history: HISTORY, private: PRIVATE, trading: TRADING, public: PUBLIC };

export interface MethodInfo {
  /** Canonical spelling for known methods; the name as given (last path segment) otherwise. */
  method: string;
  kind: CallKind;
  cost: number;
  counted: boolean;
  known: boolean;
}

/** Classifies a method name or URL path ("/0/private/Ledgers", "ledgers"). Unknown names count as private calls (cost 1). */
export function classifyMethod(name: string): MethodInfo {
  const path = name.trim().split(/[?#]/)[0] ?? '';
  const last = path.split('/').filter(Boolean).slice(-1)[0] ?? path;
  const known = KNOWN.get(last.toLowerCase());
  const kind: CallKind = known?.kind ?? 'private';
  const cost = kind === 'history' ? 2 : kind === 'private' ? 1 : 0;
  return { method: known?.method ?? last, kind, cost, counted: cost > 0, known: Boolean(known) };
}

export interface CallInput {
  method: string;
  /** Seconds after the start of the sequence; omitted = same moment as the previous call. */
  at?: number | undefined;
}

export interface SimulatedCall extends MethodInfo {
  index: number;
  at: number;
  /** Counter just before the call (after decay). */
  counterBefore: number;
  accepted: boolean;
  error: typeof RATE_LIMIT_ERROR | null;
  counterAfter: number;
  /** Seconds after this call until the same call would be accepted (0 = straight away). */
  waitSeconds: number;
}

export interface Simulation {
  tier: Tier;
  initialCounter: number;
  calls: SimulatedCall[];
  accepted: number;
  rejected: number;
  finalCounter: number;
  /** Time of the last call, in seconds. */
  endsAt: number;
  /** Seconds after the last call until the counter is back at 0. */
  emptyAfterSeconds: number;
  /** Seconds after the last call until a call of cost 1 / cost 2 would be accepted. */
  nextCall: { cost1: number; cost2: number };
}

export type RateLimitIssueCode = 'time_backwards' | 'time_out_of_range' | 'too_many_calls' | 'no_calls' | 'bad_initial_counter' | 'bad_method';

export class RateLimitInputError extends Error {
  constructor(
    readonly code: RateLimitIssueCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'RateLimitInputError';
  }
}

const UNIT = 100_000;
const toUnits = (counter: number) => Math.round(counter * UNIT);
const fromUnits = (units: number) => Math.round(units / 10) / 10_000;
const decayPerMs = (tier: Tier) => Math.round((tier.decayPerSecond * UNIT) / 1000);
const msToSeconds = (ms: number) => ms / 1000;

/** Milliseconds until a call of `cost` fits under the maximum (rounded up to the next millisecond). */
function waitMs(units: number, cost: number, tier: Tier): number {
  const excess = units + cost * UNIT - tier.max * UNIT;
  return excess <= 0 ? 0 : Math.ceil(excess / decayPerMs(tier));
}

export function isTierId(value: string): value is TierId {
  return (TIER_IDS as readonly string[]).includes(value);
}

/** Runs the calls through the counter. Throws RateLimitInputError for out-of-order or out-of-range input. */
export function simulate(tierId: TierId, calls: readonly CallInput[], options: { initialCounter?: number } = {}): Simulation {
  const tier = TIERS[tierId];
  const initialCounter = options.initialCounter ?? 0;
  if (!Number.isFinite(initialCounter) || initialCounter < 0 || initialCounter > tier.max) throw new RateLimitInputError('bad_initial_counter', { max: tier.max });
  if (!calls.length) throw new RateLimitInputError('no_calls');
  if (calls.length > MAX_CALLS) throw new RateLimitInputError('too_many_calls', { max: MAX_CALLS });
  const decay = decayPerMs(tier);
  let units = toUnits(initialCounter);
  let now = 0;
  const out: SimulatedCall[] = [];
  calls.forEach((call, index) => {
    const method = call.method.trim();
    if (!method || method.length > MAX_METHOD_LENGTH) throw new RateLimitInputError('bad_method', { index: index + 1, max: MAX_METHOD_LENGTH });
    let at = now;
    if (call.at !== undefined) {
      if (!Number.isFinite(call.at) || call.at < 0 || call.at > MAX_AT_SECONDS) throw new RateLimitInputError('time_out_of_range', { index: index + 1, max: MAX_AT_SECONDS });
      at = Math.round(call.at * 1000);
      if (at < now) throw new RateLimitInputError('time_backwards', { index: index + 1, at: msToSeconds(at), previous: msToSeconds(now) });
    }
    units = Math.max(0, units - (at - now) * decay);
    now = at;
    const info = classifyMethod(method);
    const before = units;
    const accepted = !info.counted || units + info.cost * UNIT <= tier.max * UNIT;
    if (accepted) units += info.cost * UNIT;
    out.push({
      ...info,
      index: index + 1,
      at: msToSeconds(at),
      counterBefore: fromUnits(before),
      accepted,
      error: accepted ? null : RATE_LIMIT_ERROR,
      counterAfter: fromUnits(units),
      waitSeconds: info.counted ? msToSeconds(waitMs(units, info.cost, tier)) : 0,
    });
  });
  const accepted = out.filter((c) => c.accepted).length;
  return {
    tier,
    initialCounter,
    calls: out,
    accepted,
    rejected: out.length - accepted,
    finalCounter: fromUnits(units),
    endsAt: msToSeconds(now),
    emptyAfterSeconds: msToSeconds(Math.ceil(units / decay)),
    nextCall: { cost1: msToSeconds(waitMs(units, 1, tier)), cost2: msToSeconds(waitMs(units, 2, tier)) },
  };
}

// ---------------------------------------------------------------------------------------------
// The calculator page's text format

export type ScriptIssueCode = 'bad_token' | 'missing_method' | 'two_methods' | 'bad_count' | 'bad_time' | 'time_backwards' | 'too_many_calls' | 'too_long';

export interface ScriptIssue {
  line: number;
  code: ScriptIssueCode;
  text: string;
}

/**
 * One call per line: `[time] Method [xN]`, where time is seconds from the start (`2.5`, `2.5s`,
 * `@2.5`) or after the previous line (`+2.5`); no time = same moment as the previous line. `xN`
 * (also `×N`, `*N`) repeats the call N times at that moment. `#` starts a comment.
 */
export function parseCallScript(script: string): { calls: CallInput[]; issues: ScriptIssue[] } {
  const calls: CallInput[] = [];
  const issues: ScriptIssue[] = [];
  if (script.length > MAX_SCRIPT_LENGTH) return { calls, issues: [{ line: 0, code: 'too_long', text: '' }] };
  let previous = 0;
  const lines = script.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').replace(/#.*$/, '').trim();
    if (!line) continue;
    let at: number | undefined;
    let count = 1;
    let method: string | null = null;
    let problem: ScriptIssue | null = null;
    // "Balance @ 12" is read as "Balance @12".
    const tokens = line.replace(/@\s+(?=\d)/g, '@').split(/[\s,]+/).filter(Boolean);
    for (const token of tokens) {
      const time = /^(@|\+)?(\d{1,9}(?:\.\d{1,3})?)s?$/i.exec(token);
      const repeat = /^[x×*](\d{1,5})$/i.exec(token);
      if (repeat) {
        count = Number(repeat[1]);
        if (count < 1 || count > MAX_CALLS) problem ??= { line: lineNo, code: 'bad_count', text: token };
      } else if (time && method === null && at === undefined) {
        const value = Number(time[2]);
        at = time[1] === '+' ? previous + value : value;
        if (at > MAX_AT_SECONDS) problem ??= { line: lineNo, code: 'bad_time', text: token };
      } else if (time && method !== null && at === undefined && time[1] === '@') {
        at = Number(time[2]);
      } else if (/^(?=[^/]*[A-Za-z]|.*\/[A-Za-z])[A-Za-z/][A-Za-z0-9_./-]{0,63}$/.test(token)) {
        if (method !== null) problem ??= { line: lineNo, code: 'two_methods', text: token };
        method = token;
      } else {
        problem ??= { line: lineNo, code: 'bad_token', text: token.slice(0, 40) };
      }
    }
    if (!problem && method === null) problem = { line: lineNo, code: 'missing_method', text: line.slice(0, 40) };
    if (!problem && at !== undefined && Math.round(at * 1000) < Math.round(previous * 1000)) problem = { line: lineNo, code: 'time_backwards', text: String(at) };
    if (problem) {
      issues.push(problem);
      if (issues.length >= 10) break;
      continue;
    }
    if (at !== undefined) previous = at;
    if (calls.length + count > MAX_CALLS) {
      issues.push({ line: lineNo, code: 'too_many_calls', text: String(MAX_CALLS) });
      break;
    }
    for (let n = 0; n < count; n++) calls.push(n === 0 && at !== undefined ? { method: method!, at } : { method: method! });
  }
  return { calls, issues };
}
