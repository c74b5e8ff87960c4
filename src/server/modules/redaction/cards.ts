import type { RawFinding } from './types.js';

/**
 * Payment card numbers: 13–19 digits, optionally grouped with single spaces or dashes, passing the
 * Luhn check, with a card-network first digit (2–6). Numbers labelled as an order, transaction,
 * user id, phone and similar are left alone.
 */
const CARD_CANDIDATE = /(?<![\w.,+\-/#:])[2-6](?:[ -]?\d){12,18}(?![\w]|[.,]\d|-\d)/g;

const NOT_A_CARD =
  /(?:\b(?:order|ticket|case|ref(?:erence)?|invoice|txid|tx|hash|transaction|uid|user ?id|id|no|number|phone|tel|mobile|whatsapp|telegram|memo|tag|account id|iban|swift|tracking)|订单|單號|单号|编号|編號|工单|交易|手机|手機|电话|電話|备注|標籤|标签|账户|流水|批次)[\s#:：=号碼码.]*$/i;
const CARD_WORDS = /card|卡号|卡號|银行卡|信用卡|借记卡|visa|mastercard|amex|unionpay|银联/i;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let k = digits.length - 1; k >= 0; k--) {
    let d = digits.charCodeAt(k) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Grouping must look like a card: groups of four (last one shorter), 4-6-5 or 4-6-4, one separator kind. */
function groupingOk(raw: string): boolean {
  if (!/[ -]/.test(raw)) return true;
  if (/[ -]{2}/.test(raw) || (raw.includes(' ') && raw.includes('-'))) return false;
  const groups = raw.split(/[ -]/).map((g) => g.length);
  const joined = groups.join(',');
  if (joined === '4,6,5' || joined === '4,6,4') return true;
  const last = groups[groups.length - 1] ?? 0;
  return groups.slice(0, -1).every((g) => g === 4) && last >= 1 && last <= 4;
}

export function detectCards(text: string, out: RawFinding[]): void {
  CARD_CANDIDATE.lastIndex = 0;
  for (let m = CARD_CANDIDATE.exec(text); m; m = CARD_CANDIDATE.exec(text)) {
    let raw = m[0];
    // a trailing separator is punctuation, not part of the number
    raw = raw.replace(/[ -]+$/, '');
    const digits = raw.replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19) continue;
    if (!groupingOk(raw) || !luhnValid(digits)) continue;
    if (/^(\d)\1+$/.test(digits)) continue;
    const before = text.slice(Math.max(0, m.index - 32), m.index);
    if (NOT_A_CARD.test(before) && !CARD_WORDS.test(before)) continue;
    out.push({ kind: 'card_number', start: m.index, end: m.index + raw.length, certainty: 'likely', norm: digits });
  }
}
