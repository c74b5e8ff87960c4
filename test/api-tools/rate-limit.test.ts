import { describe, expect, it } from 'vitest';
import { classifyMethod, MAX_CALLS, parseCallScript, RateLimitInputError, simulate, TIERS, type CallInput } from '../../src/server/modules/api-tools/rate-limit.js';

const burst = (method: string, n: number, at?: number): CallInput[] => Array.from({ length: n }, (_, i) => (i === 0 && at !== undefined ? { method, at } : { method }));
const inputError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RateLimitInputError);
    return (error as RateLimitInputError).code;
  }
  throw new Error('expected a RateLimitInputError');
};

describe('rate-limit counter model', () => {
  it('has the three tiers of the guide', () => {
    expect(TIERS.starter).toMatchObject({ max: 15, decayPerSecond: 0.33 });
    expect(TIERS.intermediate).toMatchObject({ max: 20, decayPerSecond: 0.5 });
    expect(TIERS.pro).toMatchObject({ max: 20, decayPerSecond: 1 });
  });

  it('Starter: 15 calls at once pass, the 16th is rejected, and the wait is 1 / 0.33 s', () => {
    const sim = simulate('starter', burst('Balance', 16));
    expect(sim.calls.slice(0, 15).every((c) => c.accepted)).toBe(true);
    expect(sim.calls.map((c) => c.counterAfter).slice(0, 15)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const last = sim.calls[15]!;
    expect(last).toMatchObject({ accepted: false, error: 'EAPI:Rate limit exceeded', counterBefore: 15, counterAfter: 15 });
    // 1 / 0.33 = 3.0303… s, rounded up to the next millisecond.
    expect(last.waitSeconds).toBe(3.031);
    expect(sim).toMatchObject({ accepted: 15, rejected: 1, finalCounter: 15, nextCall: { cost1: 3.031, cost2: 6.061 } });
    // 15 / 0.33 = 45.4545… s until the counter is empty.
    expect(sim.emptyAfterSeconds).toBe(45.455);
  });

  it('Starter: calling again after the wait succeeds, a moment earlier does not', () => {
    const early = simulate('starter', [...burst('Balance', 15), { method: 'Balance', at: 3.03 }]);
    expect(early.calls[15]).toMatchObject({ accepted: false, waitSeconds: 0.001 });
    const onTime = simulate('starter', [...burst('Balance', 15), { method: 'Balance', at: 3.031 }]);
    expect(onTime.calls[15]!.accepted).toBe(true);
    expect(onTime.calls[15]!.counterBefore).toBeCloseTo(15 - 0.33 * 3.031, 4);
  });

  it('Intermediate: ten trade-history queries (cost 2) fill the counter of 20', () => {
    const sim = simulate('intermediate', [...burst('TradesHistory', 11), { method: 'Balance', at: 2 }, { method: 'QueryLedgers', at: 2 }]);
    expect(sim.calls[9]).toMatchObject({ cost: 2, counterAfter: 20, accepted: true });
    expect(sim.calls[10]).toMatchObject({ accepted: false, counterAfter: 20, waitSeconds: 4 });
    // After 2 s: 20 − 2 × 0.5 = 19; a cost-1 call fits (20), a cost-2 one then doesn't.
    expect(sim.calls[11]).toMatchObject({ counterBefore: 19, accepted: true, counterAfter: 20 });
    expect(sim.calls[12]).toMatchObject({ accepted: false, waitSeconds: 4 });
  });

  it('Pro: the counter decays by 1 per second', () => {
    const sim = simulate('pro', [...burst('Balance', 20), { method: 'Balance', at: 0.5 }, { method: 'Balance', at: 1 }, { method: 'Ledgers', at: 10 }]);
    expect(sim.calls[20]).toMatchObject({ counterBefore: 19.5, accepted: false, waitSeconds: 0.5 });
    expect(sim.calls[21]).toMatchObject({ counterBefore: 19, accepted: true, counterAfter: 20 });
    expect(sim.calls[22]).toMatchObject({ counterBefore: 11, accepted: true, counterAfter: 13, cost: 2, kind: 'history' });
    expect(sim.endsAt).toBe(10);
  });

  it('never counts below zero and honours a starting counter', () => {
    const sim = simulate('starter', [{ method: 'Balance', at: 0 }, { method: 'Balance', at: 100 }], { initialCounter: 3 });
    expect(sim.calls[0]).toMatchObject({ counterBefore: 3, counterAfter: 4 });
    expect(sim.calls[1]).toMatchObject({ counterBefore: 0, counterAfter: 1 });
    const full = simulate('starter', [{ method: 'Balance' }], { initialCounter: 15 });
    expect(full.calls[0]!.accepted).toBe(false);
  });

  it('does not count order placement/cancellation or public calls', () => {
    const sim = simulate('starter', [...burst('Balance', 15), { method: 'AddOrder' }, { method: 'CancelOrder' }, { method: 'Ticker' }, { method: 'OpenOrders' }]);
    for (const c of sim.calls.slice(15, 18)) expect(c).toMatchObject({ counted: false, cost: 0, accepted: true, counterAfter: 15, waitSeconds: 0 });
    expect(sim.calls[15]!.kind).toBe('trading');
    expect(sim.calls[17]!.kind).toBe('public');
    expect(sim.calls[18]).toMatchObject({ accepted: false, kind: 'private' });
  });

  it('classifies methods by name or path, in any case; unknown names cost 1', () => {
    expect(classifyMethod('/0/private/ledgers')).toEqual({ method: 'Ledgers', kind: 'history', cost: 2, counted: true, known: true });
    expect(classifyMethod('querytrades').cost).toBe(2);
    expect(classifyMethod('https://api.example/0/private/AddOrder?x=1')).toMatchObject({ method: 'AddOrder', counted: false });
    expect(classifyMethod('MyCustomThing')).toEqual({ method: 'MyCustomThing', kind: 'private', cost: 1, counted: true, known: false });
  });

  it('rejects out-of-order times and bad input with typed errors', () => {
    expect(inputError(() => simulate('starter', [{ method: 'Balance', at: 5 }, { method: 'Balance', at: 4 }]))).toBe('time_backwards');
    expect(inputError(() => simulate('starter', []))).toBe('no_calls');
    expect(inputError(() => simulate('starter', [{ method: 'Balance' }], { initialCounter: 16 }))).toBe('bad_initial_counter');
    expect(inputError(() => simulate('starter', [{ method: 'Balance', at: -1 }]))).toBe('time_out_of_range');
    expect(inputError(() => simulate('starter', burst('Balance', MAX_CALLS + 1)))).toBe('too_many_calls');
  });
});

describe('call script format', () => {
  it('reads times, relative times, repeats and comments', () => {
    const { calls, issues } = parseCallScript('# warm-up\nBalance x3\n2.5 TradesHistory\n+1.5 Ledgers ×2\n@10 OpenOrders\nBalance @ 12\n/0/private/QueryLedgers');
    expect(issues).toEqual([]);
    expect(calls).toEqual([
      { method: 'Balance' },
      { method: 'Balance' },
      { method: 'Balance' },
      { method: 'TradesHistory', at: 2.5 },
      { method: 'Ledgers', at: 4 },
      { method: 'Ledgers' },
      { method: 'OpenOrders', at: 10 },
      { method: 'Balance', at: 12 },
      { method: '/0/private/QueryLedgers' },
    ]);
    const sim = simulate('starter', calls);
    expect(sim.calls.map((c) => c.at)).toEqual([0, 0, 0, 2.5, 4, 4, 10, 12, 12]);
  });

  it('reports problems with their line numbers', () => {
    const { issues } = parseCallScript('Balance\n3 Balance\n2 Balance\n4 Balance Ledgers\nBalance x0\n5 ???\n6');
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [3, 'time_backwards'],
      [4, 'two_methods'],
      [5, 'bad_count'],
      [6, 'bad_token'],
      [7, 'missing_method'],
    ]);
    expect(parseCallScript(`Balance x${MAX_CALLS}\nBalance`).issues.map((i) => i.code)).toEqual(['too_many_calls']);
    expect(parseCallScript('x'.repeat(20_000)).issues.map((i) => i.code)).toEqual(['too_long']);
  });
});
