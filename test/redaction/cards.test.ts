import { describe, expect, it } from 'vitest';
import { luhnValid } from '../../src/server/modules/redaction/cards.js';
import { scanText } from '../../src/server/modules/redaction/index.js';
import { describeFindings } from './helpers.js';

function expectClean(text: string): void {
  const result = scanText(text);
  expect(result.findings, `${text} => ${describeFindings(text, result)}`).toEqual([]);
}

/** Appends the Luhn check digit to a partial number. */
function withCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return partial + d;
  throw new Error('unreachable');
}

describe('card numbers', () => {
  it('redacts Luhn-valid numbers in common groupings', () => {
    const unionPay = withCheckDigit('621700123456789012');
    for (const [text, number] of [
      ['my card 4111 1111 1111 1111 was charged twice', '4111 1111 1111 1111'],
      ['card: 5555-5555-5555-4444', '5555-5555-5555-4444'],
      ['Amex 3782 822463 10005 please refund', '3782 822463 10005'],
      ['I paid with 4012888888881881 yesterday', '4012888888881881'],
      [`银行卡号 ${unionPay} 转账失败`, unionPay],
      ['visa 4222222222222', '4222222222222'],
    ] as const) {
      const result = scanText(text);
      const start = text.indexOf(number);
      expect(result.findings, describeFindings(text, result)).toHaveLength(1);
      expect(result.findings[0]).toMatchObject({ kind: 'card_number', start, end: start + number.length });
    }
    expect(scanText('my card 4111 1111 1111 1111 was charged').redacted).toBe('my card [redacted: card number] was charged');
    expect(scanText(`卡号 ${unionPay}`, { locale: 'zh-cn' }).redacted).toBe('卡号 [已隐藏：银行卡号]');
  });

  it('leaves non-card numbers alone', () => {
    expect(luhnValid('4111111111111112')).toBe(false);
    for (const text of [
      'card 4111 1111 1111 1112 declined',
      'order 4111111111111111 is stuck',
      '订单号 4111111111111111 一直没成交',
      'Order ID: 5555555555554444',
      'txid 4012888888881881',
      'call me at +86 138 0013 8000',
      'phone +1 415 555 0132',
      'timestamp 1714567890123 in the logs',
      'amount 1234567.891234 USDT',
      'on 2024-05-01 at 10:22:31',
      'UID 28491733 and 58205713',
      'balance 4,111,111,111,111,111 satoshi',
      'withdrawal ID 1839204756182736451',
      'Order OQCLML-BW3P3-BUCMWZ, ledger L4UESK-KG3EQ-UFO4T5, amount 0.00012345 BTC on 2024/05/01 14:00',
      'Hong Kong phone +852 9123 4567, 1,250.00 USDT, 12/03/2024',
    ]) {
      expectClean(text);
    }
  });
});
