/**
 * Messages of input parsing and checks in both locales. Plain text (escape before putting into
 * HTML). Kept as functions in a pure module so checks need no i18n runtime.
 */
import type { Locale } from '../../../shared/locales.js';
import { secretLabel } from '../redaction/index.js';

const enInputs = {
  required: (label: string) => `Enter ${label.toLowerCase()}.`,
  tooLong: (label: string, max: number) => `${label}: at most ${max} characters.`,
  badDate: (label: string) => `${label}: enter a date like 2025-03-31.`,
  badDateTime: (label: string) => `${label}: enter a date and time like 2025-03-31T14:30.`,
  futureDateTime: (label: string) => `${label}: this time is in the future.`,
  oldDateTime: (label: string) => `${label}: this is more than five years ago.`,
  badNumber: (label: string) => `${label}: enter a number greater than zero, like 125.5.`,
  badNetwork: (label: string) => `${label}: choose one of the networks in the list.`,
  badAsset: (label: string, supported: string) => `${label}: choose one of the listed assets${supported ? ` (${supported})` : ''}.`,
  badOption: (label: string) => `${label}: choose one of the answers in the list.`,
  badAccountId: (label: string) => `${label}: 4 to 64 letters, digits, spaces or hyphens, as shown under Settings → Account.`,
  badOrderId: (label: string) => `${label}: 6 to 64 letters, digits or hyphens, as shown in your order history.`,
  badHttpStatus: (label: string) => `${label}: a three-digit code between 100 and 599, like 403.`,
  chooseAnswer: 'Choose one of the answers.',
};

const zhInputs: typeof enInputs = {
  required: (label) => `请填写${label}。`,
  tooLong: (label, max) => `${label}：最多 ${max} 个字符。`,
  badDate: (label) => `${label}：请按 2025-03-31 的格式填写日期。`,
  badDateTime: (label) => `${label}：请按 2025-03-31T14:30 的格式填写日期和时间。`,
  futureDateTime: (label) => `${label}：该时间在未来。`,
  oldDateTime: (label) => `${label}：该时间已超过五年。`,
  badNumber: (label) => `${label}：请填写大于零的数字，例如 125.5。`,
  badNetwork: (label) => `${label}：请从列表中选择网络。`,
  badAsset: (label, supported) => `${label}：请从列表中选择币种${supported ? `（${supported}）` : ''}。`,
  badOption: (label) => `${label}：请从列表中选择一个答案。`,
  badAccountId: (label) => `${label}：4 至 64 位字母、数字、空格或连字符，可在“设置 → 账户”中找到。`,
  badOrderId: (label) => `${label}：6 至 64 位字母、数字或连字符，可在订单历史中找到。`,
  badHttpStatus: (label) => `${label}：100 到 599 之间的三位数字，例如 403。`,
  chooseAnswer: '请选择一个答案。',
};

export const inputMessages = (locale: Locale) => (locale === 'zh-cn' ? zhInputs : enInputs);

const enChecks = {
  // document_expiry
  expiryValid: (date: string, days: number) => `Your document is valid until ${date} (${days} ${days === 1 ? 'day' : 'days'} from today).`,
  expirySoon: 'It expires soon: if it expires while the review is running, you will need to upload a new one.',
  expiryToday: (date: string) => `Your document expires today (${date}), so it can no longer be used: an ID must still be valid after today.`,
  expiryPast: (date: string) => `Your document expired on ${date}. Expired documents are always rejected; use a valid one.`,
  // proof_of_address_age
  poaRecent: (date: string, until: string) => `Dated ${date}: within the last 3 months. It can be used until ${until}.`,
  poaTooOld: (date: string, cutoff: string) =>
    `Dated ${date}: older than 3 months. Documents issued before ${cutoff} are not accepted; use a newer bill or statement.`,
  poaFuture: 'This date is in the future. Enter the issue date printed on the document.',
  // name_match
  nameMatch: 'The names match (capital letters, spacing and accents are ignored).',
  nameOrder: 'The same names in a different order. Enter the name in your profile in the same order as on the document.',
  nameMissing: (parts: string) =>
    `One of the names has a part the other lacks (${parts}). Add it so both are exactly the same; a missing middle name is enough for a rejection.`,
  nameScript:
    'One name is in Chinese characters and the other in Latin letters. Enter the name in your profile exactly as it is written on the document you upload.',
  nameMismatch: 'The names are different. Update your profile to match the document exactly, or use a document in your own name.',
  // limit_order
  buyLimitWaiting: (price: string, market: string, pct: string) =>
    `Your buy limit (${price}) is below the current price (${market}). A buy limit fills only when sellers offer at ${price} or less: the price has to fall about ${pct}% first.`,
  sellLimitWaiting: (price: string, market: string, pct: string) =>
    `Your sell limit (${price}) is above the current price (${market}). A sell limit fills only when buyers bid ${price} or more: the price has to rise about ${pct}% first.`,
  buyLimitMarketable: (price: string, market: string) =>
    `Your buy limit (${price}) is at or above the current price (${market}), so it can trade straight away, at ${market} or better. If it is still open, there may be little liquidity at that price, or the price you see is not the best offer in the order book.`,
  sellLimitMarketable: (price: string, market: string) =>
    `Your sell limit (${price}) is at or below the current price (${market}), so it can trade straight away, at ${market} or better. If it is still open, there may be little liquidity at that price, or the price you see is not the best bid in the order book.`,
  sellStopWaiting: (price: string, market: string) =>
    `Your sell stop (${price}) is below the current price (${market}). A stop order waits until the market falls to ${price}; only then does it become a market order.`,
  buyStopWaiting: (price: string, market: string) =>
    `Your buy stop (${price}) is above the current price (${market}). A stop order waits until the market rises to ${price}; only then does it become a market order.`,
  stopTriggered: (price: string, market: string) =>
    `The market (${market}) has already reached your stop price (${price}), so the order should have triggered and traded as a market order.`,
  marketOrder: 'A market order trades at once against the best orders in the book. One that stays open points to a paused market, missing funds or a problem on our side.',
  priceNeeded: 'Enter the limit or stop price of your order.',
  // limit_fill_price
  buyFillWithin: (fill: string, price: string) =>
    `You bought at ${fill}, at or below your limit of ${price}. That is how a buy limit works: it fills at your price or better, so a buy limit above the market fills at the market price.`,
  sellFillWithin: (fill: string, price: string) =>
    `You sold at ${fill}, at or above your limit of ${price}. That is how a sell limit works: it fills at your price or better, so a sell limit below the market fills at the market price.`,
  buyFillOutside: (fill: string, price: string) =>
    `You bought at ${fill}, above your limit of ${price}. A limit order must never fill at a worse price, so our trading team needs to look at this order.`,
  sellFillOutside: (fill: string, price: string) =>
    `You sold at ${fill}, below your limit of ${price}. A limit order must never fill at a worse price, so our trading team needs to look at this order.`,
  // address
  addressValid: (network: string) => `The address is valid on ${network}.`,
  addressMemo: (label: string, memo: string) => `${label}: ${memo}.`,
  addressExplorer: 'View the address on a block explorer',
  // tx_hash
  txValid: (network: string) => `The transaction ID has the right format for ${network}. Open it on the block explorer to see its status and confirmations.`,
  txMissing: 'No transaction ID yet. The platform or wallet you sent from shows it in the transfer details once the transfer is broadcast.',
  txExplorer: (host: string) => `Open the transaction on ${host}`,
  // withdrawal_minimum
  minimumMet: (amount: string, asset: string, min: string, network: string) =>
    `${amount} ${asset} meets the minimum withdrawal of ${min} ${asset} on ${network}.`,
  minimumBelow: (amount: string, asset: string, min: string, network: string) =>
    `${amount} ${asset} is below the minimum withdrawal of ${min} ${asset} on ${network}. Withdraw at least ${min} ${asset}.`,
  minimumLower: (list: string) => `Networks with a lower minimum for this asset: ${list}. Use one only if the receiving wallet supports it.`,
  notListed: (brand: string, asset: string, network: string) => `${brand} does not offer ${asset} withdrawals on ${network}.`,
  listedOn: (asset: string, list: string) => `${asset} can be withdrawn on: ${list}.`,
  // api_error
  apiNonce: (subject: string) => `${subject} means the nonce was not higher than the nonce of an earlier request made with this API key.`,
  apiKey: (subject: string) => `${subject} means the API key was not recognised, or the request signature did not match the request.`,
  apiPermission: (subject: string) => `${subject} means this API key is not allowed to do this: its permissions don't include it.`,
  apiRateLimit: (subject: string) => `${subject} means too many requests were sent in a short time.`,
  apiUnavailable: (subject: string) => `${subject} means the service was busy, paused or temporarily unavailable, not that your request was wrong.`,
  apiFunds: (subject: string) => `${subject} means the account did not have enough available balance for this order or withdrawal.`,
  apiOther: (subject: string) => `We have no specific guide for ${subject}. The API error decoder may explain it; if not, our API team can look into it.`,
  apiNeedSomething: 'Enter the error message or the HTTP status code.',
  apiHttp: (status: string) => `HTTP ${status}`,
  apiDecoder: 'Look the error up in the API error decoder',
  // official_link
  linkOfficial: (host: string, brand: string) => `${host} is an official ${brand} domain.`,
  linkUnofficial: (host: string, brand: string, domains: string) =>
    `${host} is not an official ${brand} domain. Our only domains are ${domains}. Do not sign in, pay, or type codes on that site.`,
  linkUsesName: (brand: string) => `It uses the name ${brand} to look trustworthy; that is a common phishing trick.`,
  linkLookalike: 'It contains look-alike or non-Latin characters that imitate a real domain.',
  linkUserinfo: 'Everything before the @ in that link is ignored by the browser; the site it really opens is the part after it.',
  linkInvalid: (example: string) => `Enter the full link or just the domain, for example ${example}.`,
};

const zhChecks: typeof enChecks = {
  expiryValid: (date, days) => `您的证件有效期至 ${date}（还有 ${days} 天）。`,
  expirySoon: '证件即将到期：如果在审核期间过期，您需要重新上传有效证件。',
  expiryToday: (date) => `您的证件今天（${date}）到期，已无法使用：证件在今天之后必须仍然有效。`,
  expiryPast: (date) => `您的证件已于 ${date} 过期。过期证件一律会被拒绝，请使用有效证件。`,
  poaRecent: (date, until) => `出具日期为 ${date}，在近三个月内，可使用至 ${until}。`,
  poaTooOld: (date, cutoff) => `出具日期为 ${date}，已超过三个月。${cutoff} 之前出具的文件不被接受，请使用更新的账单或对账单。`,
  poaFuture: '该日期在未来。请填写文件上印刷的出具日期。',
  nameMatch: '两个姓名一致（已忽略大小写、空格和重音符号）。',
  nameOrder: '姓名相同，但顺序不同。请按证件上的顺序填写账户中的姓名。',
  nameMissing: (parts) => `其中一个姓名多出一部分（${parts}）。请补全，使两者完全一致；仅缺少中间名也会导致验证被拒。`,
  nameScript: '一个姓名使用汉字，另一个使用拼音或拉丁字母。请按您上传的证件上的写法填写账户姓名。',
  nameMismatch: '两个姓名不一致。请把账户资料改成与证件完全一致，或使用本人名下的证件。',
  buyLimitWaiting: (price, market, pct) =>
    `您的买入限价（${price}）低于当前价格（${market}）。只有当有人以 ${price} 或更低的价格卖出时，买入限价单才会成交：价格需要先下跌约 ${pct}%。`,
  sellLimitWaiting: (price, market, pct) =>
    `您的卖出限价（${price}）高于当前价格（${market}）。只有当有人以 ${price} 或更高的价格买入时，卖出限价单才会成交：价格需要先上涨约 ${pct}%。`,
  buyLimitMarketable: (price, market) =>
    `您的买入限价（${price}）不低于当前价格（${market}），订单可以立即以 ${market} 或更优的价格成交。如果仍未成交，可能是该价位流动性不足，或者您看到的价格并非订单簿中的最优卖价。`,
  sellLimitMarketable: (price, market) =>
    `您的卖出限价（${price}）不高于当前价格（${market}），订单可以立即以 ${market} 或更优的价格成交。如果仍未成交，可能是该价位流动性不足，或者您看到的价格并非订单簿中的最优买价。`,
  sellStopWaiting: (price, market) => `您的卖出止损价（${price}）低于当前价格（${market}）。止损单要等市场价格跌到 ${price} 才会触发，随后以市价单执行。`,
  buyStopWaiting: (price, market) => `您的买入止损价（${price}）高于当前价格（${market}）。止损单要等市场价格涨到 ${price} 才会触发，随后以市价单执行。`,
  stopTriggered: (price, market) => `市场价格（${market}）已经达到您的止损价（${price}），订单本应已触发并以市价成交。`,
  marketOrder: '市价单会立即与订单簿中的最优挂单成交。市价单一直未成交，说明市场可能已暂停、资金不足，或者我们这边出现了问题。',
  priceNeeded: '请填写订单的限价或止损价。',
  buyFillWithin: (fill, price) =>
    `您的买入成交价为 ${fill}，不高于限价 ${price}。这正是买入限价单的规则：以您的价格或更优价格成交，因此高于市价的买入限价会按市场价格成交。`,
  sellFillWithin: (fill, price) =>
    `您的卖出成交价为 ${fill}，不低于限价 ${price}。这正是卖出限价单的规则：以您的价格或更优价格成交，因此低于市价的卖出限价会按市场价格成交。`,
  buyFillOutside: (fill, price) => `您的买入成交价为 ${fill}，高于限价 ${price}。限价单绝不应以更差的价格成交，需要交易团队核查此订单。`,
  sellFillOutside: (fill, price) => `您的卖出成交价为 ${fill}，低于限价 ${price}。限价单绝不应以更差的价格成交，需要交易团队核查此订单。`,
  addressValid: (network) => `该地址在${network}上有效。`,
  addressMemo: (label, memo) => `${label}：${memo}。`,
  addressExplorer: '在区块浏览器中查看该地址',
  txValid: (network) => `交易哈希符合${network}的格式。请在区块浏览器中打开它，查看状态和确认数。`,
  txMissing: '暂时没有交易哈希。转账广播后，您转出所用的平台或钱包会在转账详情中显示它。',
  txExplorer: (host) => `在 ${host} 上打开这笔交易`,
  minimumMet: (amount, asset, min, network) => `${amount} ${asset} 达到${network}上 ${min} ${asset} 的最低提现数量。`,
  minimumBelow: (amount, asset, min, network) => `${amount} ${asset} 低于${network}上 ${min} ${asset} 的最低提现数量。请至少提现 ${min} ${asset}。`,
  minimumLower: (list) => `该币种最低提现数量更低的网络：${list}。请仅在收款钱包支持时使用。`,
  notListed: (brand, asset, network) => `${brand} 不支持在${network}上提现 ${asset}。`,
  listedOn: (asset, list) => `${asset} 可以通过以下网络提现：${list}。`,
  apiNonce: (subject) => `${subject} 表示 nonce 没有大于此前使用同一 API 密钥的请求的 nonce。`,
  apiKey: (subject) => `${subject} 表示 API 密钥无法识别，或请求签名与请求内容不符。`,
  apiPermission: (subject) => `${subject} 表示该 API 密钥没有执行此操作的权限。`,
  apiRateLimit: (subject) => `${subject} 表示短时间内发送的请求过多。`,
  apiUnavailable: (subject) => `${subject} 表示服务繁忙、暂停或暂时不可用，并不是您的请求有误。`,
  apiFunds: (subject) => `${subject} 表示账户可用余额不足以完成此订单或提现。`,
  apiOther: (subject) => `我们还没有针对 ${subject} 的专门指南。API 错误解码器也许能解释它；如果不能，API 团队可以帮您排查。`,
  apiNeedSomething: '请填写错误信息或 HTTP 状态码。',
  apiHttp: (status) => `HTTP ${status}`,
  apiDecoder: '在 API 错误解码器中查询此错误',
  linkOfficial: (host, brand) => `${host} 是 ${brand} 的官方域名。`,
  linkUnofficial: (host, brand, domains) => `${host} 不是 ${brand} 的官方域名。我们仅使用以下域名：${domains}。请勿在该网站登录、付款或输入验证码。`,
  linkUsesName: (brand) => `它借用 ${brand} 的名称来骗取信任，这是常见的钓鱼手法。`,
  linkLookalike: '它包含形似字符或非拉丁字符，用来冒充真实域名。',
  linkUserinfo: '浏览器会忽略该链接中 @ 之前的内容；实际打开的是 @ 之后的网站。',
  linkInvalid: (example) => `请填写完整链接或域名，例如 ${example}。`,
};

export const checkMessages = (locale: Locale) => (locale === 'zh-cn' ? zhChecks : enChecks);

/** The refusal shown instead of a value the secret shield caught; the value itself is never echoed. */
export function secretRefusal(locale: Locale, kinds: readonly string[], brand: string): string {
  const labels = [...new Set(kinds.map((k) => secretLabel(k, locale)))];
  if (locale === 'zh-cn') {
    return `我们没有接受这项内容，因为它看起来像${labels.join('、')}。切勿在任何地方输入它：${brand} 的工作人员绝不会向您索要。如果已经泄露，请立即转移资产并更换相关凭证。`;
  }
  const what = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}` : labels[0];
  return `We did not accept this value because it looks like a ${what}. Never type it anywhere: ${brand} staff will never ask for it. If you have shared it, move your funds and change those credentials now.`;
}
