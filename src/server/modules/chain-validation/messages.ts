/**
 * User-facing messages in en-us and zh-cn. Each message is addressed by a key:
 * the issue code itself, or `code.detail` for a more specific wording. Values
 * interpolated into messages are plain text; callers rendering HTML must escape.
 */
import type { Locale } from './types.js';

export type MessageParams = Readonly<Record<string, string | number | undefined>>;

type Template = (p: MessageParams) => string;

const s = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

/** English indefinite article for a label ("an Ethereum", "a Tron", "an XRP"). */
export function article(label: string): string {
  return /^[AEIOUX]/i.test(label) ? 'an' : 'a';
}

/** "an Ethereum (ERC-20)" / "An Ethereum (ERC-20)". */
const withArticle = (label: string | number | undefined, capital = false): string => {
  const text = s(label);
  const a = article(text);
  return `${capital ? a.charAt(0).toUpperCase() + a.slice(1) : a} ${text}`;
};

/** `A, B and C` / `A、B 和 C`. Long lists are cut after `max` items. */
export function formatList(items: readonly string[], locale: Locale, max = 8): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (locale === 'zh-cn') {
    const joined = shown.join('、');
    return rest > 0 ? `${joined} 等 ${items.length} 个网络` : joined;
  }
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const FIELD_NAMES: Readonly<Record<string, Record<Locale, string>>> = {
  address: { 'en-us': 'address', 'zh-cn': '地址' },
  memo: { 'en-us': 'memo / tag', 'zh-cn': '备注/标签' },
  hash: { 'en-us': 'transaction hash', 'zh-cn': '交易哈希' },
  network: { 'en-us': 'network', 'zh-cn': '网络' },
};

export function fieldName(field: string | undefined, locale: Locale): string {
  return (FIELD_NAMES[field ?? 'address'] ?? FIELD_NAMES.address!)[locale];
}

const EN = {
  // ---- errors -------------------------------------------------------------
  empty: () => 'Please enter an address.',
  'empty.hash': () => 'Please enter a transaction hash (TxID).',
  invisible_characters: (p) =>
    `The ${s(p.field)} contains ${s(p.count)} invisible character${p.count === 1 ? '' : 's'} (${s(p.chars)}). ` +
    'This often happens when copying from chat apps or web pages. Delete it and paste or type it again.',
  lookalike_characters: (p) =>
    `The ${s(p.field)} contains characters that look like Latin letters or digits but are not: ${s(p.details)}. ` +
    'Addresses only use plain (half-width) letters and digits. Please retype those characters.',
  invalid_characters: (p) =>
    `This is not a valid ${s(p.network)} ${s(p.field)}: it contains characters that are not allowed (${s(p.chars)}).`,
  'invalid_characters.whitespace': (p) =>
    `The ${s(p.field)} contains spaces or line breaks inside it. Please remove them.`,
  'invalid_characters.non_ascii': (p) =>
    `The ${s(p.field)} contains ${s(p.chars)}, which never appears in a crypto ${s(p.field)}.`,
  'invalid_characters.mixed_case': (p) =>
    `This ${s(p.network)} address mixes upper- and lower-case letters, which this format does not allow. Copy it again from the source.`,
  'invalid_characters.stellar_case': (p) =>
    `${s(p.network)} addresses only use upper-case letters A–Z and digits 2–7.`,
  wrong_length: (p) =>
    `This is not a valid ${s(p.network)} address: its length is wrong (${s(p.actual)} characters). Characters may be missing or extra.`,
  'wrong_length.padding': (p) =>
    `This is not a valid ${s(p.network)} address: its encoded data has the wrong length. Copy it again from the source.`,
  'wrong_length.too_long': (p) => `This is too long to be a valid ${s(p.field)} (${s(p.actual)} characters).`,
  'wrong_length.hash': (p) =>
    `${withArticle(p.network, true)} transaction hash has 64 hexadecimal characters${p.prefix ? ` after “${s(p.prefix)}”` : ''}; this one has ${s(p.actual)}.`,
  'wrong_length.hash_solana': (p) =>
    `${withArticle(p.network, true)} transaction signature has 87–88 base58 characters (64 bytes); this one has ${s(p.actual)} characters.`,
  'wrong_length.hash_ton': (p) =>
    `${withArticle(p.network, true)} transaction hash has 64 hexadecimal or 44 base64 characters; this one has ${s(p.actual)}.`,
  'wrong_length.hash_generic': (p) =>
    `A transaction hash (TxID) usually has 64 hexadecimal characters; this one has ${s(p.actual)}.`,
  wrong_prefix: (p) => `This is not a valid ${s(p.network)} address: it should start with ${s(p.expected)}.`,
  'wrong_prefix.generic': (p) => `This is not a valid ${s(p.network)} address.`,
  'wrong_prefix.hash_0x': (p) => `${withArticle(p.network, true)} transaction hash starts with “0x”.`,
  'wrong_prefix.hash_no0x': (p) => `${withArticle(p.network, true)} transaction hash does not start with “0x”.`,
  bad_checksum: (p) =>
    `This ${s(p.network)} address fails its checksum, so at least one character is wrong. Copy the address again from the source instead of typing it.`,
  'bad_checksum.evm': () =>
    "The upper/lower-case pattern of this address doesn't match its EIP-55 checksum, so at least one character is probably wrong. Copy the address again from the source.",
  testnet_address: (p) =>
    `This is ${withArticle(p.network)} testnet address. Testnet coins have no value and can't be sent to or from mainnet — please use a mainnet address.`,
  unsupported_address_type: (p) => `This type of ${s(p.network)} address is not supported for deposits or withdrawals.`,
  'unsupported_address_type.witness_version': (p) =>
    `This ${s(p.network)} SegWit address uses an invalid witness version.`,
  'unsupported_address_type.cardano_stake': () =>
    "This is a Cardano stake (reward) address. It can't receive deposits; use a payment address starting with addr1.",
  'unsupported_address_type.cosmos_operator': () =>
    "This is a Cosmos validator or public-key address, not an account. It can't receive transfers; use an account address starting with cosmos1.",
  'unsupported_address_type.stellar_key': (p) =>
    `This is a Stellar ${s(p.kind)}, not an account address. Use an account address starting with G (or M).`,
  'unsupported_address_type.ltc_mweb': () =>
    "This is a Litecoin MWEB address (ltcmweb1…). Most exchanges can't send to it; use a regular Litecoin address.",
  'unsupported_address_type.ton_workchain': (p) =>
    `This TON address is on workchain ${s(p.workchain)}, which is not supported; use a basechain (0) address.`,
  'unsupported_address_type.cashaddr': () => 'This CashAddr address type is not supported.',
  address_on_other_network: (p) =>
    `This looks like ${withArticle(p.other)} address, but you chose ${s(p.network)}. Choose the network that matches the address.`,
  'address_on_other_network.evm': (p) =>
    `This looks like an EVM address (valid on ${s(p.others)}), but you chose ${s(p.network)}. Choose the network that matches the address.`,
  'address_on_other_network.many': (p) =>
    `This looks like an address for ${s(p.others)}, but you chose ${s(p.network)}. Choose the network that matches the address.`,
  hash_on_other_network: (p) =>
    `This looks like a transaction hash from ${s(p.others)}, but you chose ${s(p.network)}.`,
  looks_like_tx_hash: () => 'This looks like a transaction hash (TxID), not an address.',
  looks_like_address: (p) => `This looks like ${withArticle(p.network)} address, not a transaction hash (TxID).`,
  secret_key: () =>
    'This looks like a private key or recovery phrase, not an address. Never share it with anyone — including support staff. ' +
    'If you have already shared it, move your funds to a new wallet right away.',
  memo_required: (p) =>
    `Deposits to this ${s(p.network)} address need ${withArticle(p.memoLabel)}. Without it the funds can't be credited automatically.`,
  invalid_memo: (p) => `The ${s(p.memoLabel)} is not valid.`,
  'invalid_memo.xrp': () => 'The destination tag must be a whole number from 0 to 4294967295 (digits only).',
  'invalid_memo.stellar': () =>
    'A Stellar memo must be text of at most 28 bytes, a numeric ID up to 18446744073709551615, or a 64-character hex hash.',
  'invalid_memo.cosmos': (p) => `A Cosmos memo can be at most 256 bytes; this one has ${s(p.actual)}.`,
  'invalid_memo.ton': (p) => `A TON comment can be at most 123 bytes; this one has ${s(p.actual)}.`,
  'invalid_memo.conflict': (p) =>
    `The address already carries ${s(p.memoLabel)} ${s(p.embedded)}, which differs from the one you entered (${s(p.memo)}).`,
  unknown_network: (p) => `“${s(p.value)}” is not a supported network.`,
  unknown_format: () =>
    "This doesn't match the address format of any supported network. Please check it and try again.",
  'unknown_format.hash': () => "This doesn't look like a transaction hash (TxID) of any supported network.",

  // ---- warnings -----------------------------------------------------------
  evm_choose_same_network: (p) =>
    `This address format is shared by all EVM networks (${s(p.others)}). Make sure the sending and receiving sides use the same network — for example, don't send via BEP-20 to an ERC-20 deposit address — or the funds may be lost.`,
  'evm_choose_same_network.selected': (p) =>
    `This address format is shared by all EVM networks. Make sure the sending platform also uses ${s(p.network)}, or the funds may be lost.`,
  multiple_networks: (p) =>
    `This address format is valid on several networks (${s(p.others)}). Make sure both sides use the same network.`,
  no_checksum: (p) =>
    `${s(p.network)} addresses in this form have no checksum, so typos can't be detected. Double-check every character.`,
  unchecksummed_address: (p) =>
    `This address is all lower- or upper-case, so its EIP-55 checksum can't be checked. Its checksummed form is ${s(p.normalized)}.`,
  burn_address: () => 'This is a well-known burn / zero address. Funds sent to it can never be recovered.',
  x_address_converted: (p) =>
    `This is an XRP X-address. It stands for the classic address ${s(p.classic)} ${
      p.tag === undefined ? 'without a destination tag' : `with destination tag ${s(p.tag)}`
    }.`,
  stellar_muxed_address: (p) =>
    `This is a Stellar muxed address (M…) for account ${s(p.account)} with ID ${s(p.id)}. Some wallets and exchanges don't support muxed addresses yet.`,
  legacy_address_format: (p) =>
    `This is a legacy-format ${s(p.network)} address. Its CashAddr form is ${s(p.cashaddr)}.`,
  unusual_witness_version: (p) =>
    `This SegWit address (witness version ${s(p.version)}) is valid but not a standard address type; many wallets and exchanges cannot send to it.`,
  memo_not_supported: (p) => `${s(p.network)} doesn't use a memo or tag; the value you entered will be ignored.`,
  memo_lookalike_characters: (p) =>
    `The memo contains full-width or look-alike characters (${s(p.details)}). Make sure it is exactly what the recipient gave you.`,
  tron_hex_format: (p) => `This is a Tron address in hex form. Its standard form is ${s(p.normalized)}.`,
  hash_prefix_adjusted: (p) => `The transaction hash was rewritten in the usual ${s(p.network)} form (${s(p.normalized)}).`,
} satisfies Record<string, Template>;

/** Typed against the English table, so both locales always have the same keys. */
const ZH: Readonly<Record<keyof typeof EN, Template>> = {
  // ---- errors -------------------------------------------------------------
  empty: () => '请输入地址。',
  'empty.hash': () => '请输入交易哈希（TxID）。',
  invisible_characters: (p) =>
    `${s(p.field)}中包含 ${s(p.count)} 个不可见字符（${s(p.chars)}）。从聊天软件或网页复制时经常出现这种情况，请删除后重新粘贴或手动输入。`,
  lookalike_characters: (p) =>
    `${s(p.field)}中包含看起来像英文字母或数字、但实际上并不是的字符：${s(p.details)}。地址只包含半角英文字母和数字，请重新输入这些字符。`,
  invalid_characters: (p) => `这不是有效的${s(p.network)}${s(p.field)}：包含不允许的字符（${s(p.chars)}）。`,
  'invalid_characters.whitespace': (p) => `${s(p.field)}中间包含空格或换行，请删除。`,
  'invalid_characters.non_ascii': (p) => `${s(p.field)}中包含${s(p.chars)}，加密货币${s(p.field)}中不会出现这些字符。`,
  'invalid_characters.mixed_case': (p) =>
    `该${s(p.network)}地址混用了大写和小写字母，此格式不允许这样。请从来源处重新复制。`,
  'invalid_characters.stellar_case': (p) => `${s(p.network)}地址只包含大写字母 A–Z 和数字 2–7。`,
  wrong_length: (p) =>
    `这不是有效的${s(p.network)}地址：长度不正确（${s(p.actual)} 个字符），可能多了或少了字符。`,
  'wrong_length.padding': (p) => `这不是有效的${s(p.network)}地址：编码数据的长度不正确。请从来源处重新复制。`,
  'wrong_length.too_long': (p) => `内容过长（${s(p.actual)} 个字符），不可能是有效的${s(p.field)}。`,
  'wrong_length.hash': (p) =>
    `${s(p.network)}交易哈希应为${p.prefix ? `“${s(p.prefix)}”加` : ''} 64 位十六进制字符，而这里是 ${s(p.actual)} 位。`,
  'wrong_length.hash_solana': (p) =>
    `${s(p.network)}交易签名应为 87–88 位 base58 字符（64 字节），而这里是 ${s(p.actual)} 个字符。`,
  'wrong_length.hash_ton': (p) =>
    `${s(p.network)}交易哈希应为 64 位十六进制字符或 44 位 base64 字符，而这里是 ${s(p.actual)} 个字符。`,
  'wrong_length.hash_generic': (p) => `交易哈希（TxID）通常为 64 位十六进制字符，而这里是 ${s(p.actual)} 个字符。`,
  wrong_prefix: (p) => `这不是有效的${s(p.network)}地址：应以 ${s(p.expected)} 开头。`,
  'wrong_prefix.generic': (p) => `这不是有效的${s(p.network)}地址。`,
  'wrong_prefix.hash_0x': (p) => `${s(p.network)}交易哈希应以“0x”开头。`,
  'wrong_prefix.hash_no0x': (p) => `${s(p.network)}交易哈希不应以“0x”开头。`,
  bad_checksum: (p) =>
    `该${s(p.network)}地址校验失败，至少有一个字符是错误的。请从来源处重新复制地址，不要手动输入。`,
  'bad_checksum.evm': () => '该地址的大小写与 EIP-55 校验和不符，很可能有字符错误。请从来源处重新复制地址。',
  testnet_address: (p) =>
    `这是${s(p.network)}测试网地址。测试网币没有价值，也不能与主网互转，请使用主网地址。`,
  unsupported_address_type: (p) => `不支持此类型的${s(p.network)}地址用于充值或提现。`,
  'unsupported_address_type.witness_version': (p) => `该${s(p.network)} SegWit 地址的见证版本无效。`,
  'unsupported_address_type.cardano_stake': () =>
    '这是卡尔达诺质押（奖励）地址，无法接收充值。请使用以 addr1 开头的付款地址。',
  'unsupported_address_type.cosmos_operator': () =>
    '这是 Cosmos 验证人或公钥地址，不是账户地址，无法接收转账。请使用以 cosmos1 开头的账户地址。',
  'unsupported_address_type.stellar_key': (p) =>
    `这是 Stellar ${s(p.kind)}，不是账户地址。请使用以 G（或 M）开头的账户地址。`,
  'unsupported_address_type.ltc_mweb': () =>
    '这是莱特币 MWEB 地址（ltcmweb1…），大多数交易所无法向其转账。请使用普通莱特币地址。',
  'unsupported_address_type.ton_workchain': (p) =>
    `该 TON 地址位于工作链 ${s(p.workchain)}，不受支持。请使用基础链（0）地址。`,
  'unsupported_address_type.cashaddr': () => '不支持此类型的 CashAddr 地址。',
  address_on_other_network: (p) => `这是${s(p.other)}地址，但您选择的是${s(p.network)}网络。请选择与地址一致的网络。`,
  'address_on_other_network.evm': (p) =>
    `这是 EVM 地址（适用于${s(p.others)}），但您选择的是${s(p.network)}网络。请选择与地址一致的网络。`,
  'address_on_other_network.many': (p) =>
    `这是${s(p.others)}的地址，但您选择的是${s(p.network)}网络。请选择与地址一致的网络。`,
  hash_on_other_network: (p) => `这看起来是${s(p.others)}的交易哈希，但您选择的是${s(p.network)}网络。`,
  looks_like_tx_hash: () => '这看起来是交易哈希（TxID），而不是地址。',
  looks_like_address: (p) => `这看起来是${s(p.network)}地址，而不是交易哈希（TxID）。`,
  secret_key: () =>
    '这看起来是私钥或助记词，而不是地址。切勿将其透露给任何人（包括客服人员）。如果已经泄露，请立即将资产转移到新钱包。',
  memo_required: (p) => `向该${s(p.network)}地址充值必须填写${s(p.memoLabel)}，否则资金无法自动入账。`,
  invalid_memo: (p) => `${s(p.memoLabel)}无效。`,
  'invalid_memo.xrp': () => '标签（Destination Tag）必须是 0 到 4294967295 之间的整数（只能包含数字）。',
  'invalid_memo.stellar': () =>
    'Stellar 备注必须是不超过 28 字节的文本、不超过 18446744073709551615 的数字 ID，或 64 位十六进制哈希。',
  'invalid_memo.cosmos': (p) => `Cosmos 备注最多 256 字节，当前为 ${s(p.actual)} 字节。`,
  'invalid_memo.ton': (p) => `TON 备注（Comment）最多 123 字节，当前为 ${s(p.actual)} 字节。`,
  'invalid_memo.conflict': (p) =>
    `该地址已包含${s(p.memoLabel)} ${s(p.embedded)}，与您填写的（${s(p.memo)}）不一致。`,
  unknown_network: (p) => `不支持“${s(p.value)}”网络。`,
  unknown_format: () => '无法识别该地址：它不符合任何受支持网络的地址格式。请检查后重试。',
  'unknown_format.hash': () => '这看起来不是任何受支持网络的交易哈希（TxID）。',

  // ---- warnings -----------------------------------------------------------
  evm_choose_same_network: (p) =>
    `该地址格式在所有 EVM 网络（${s(p.others)}）上通用。请确保转出方和接收方选择相同的网络（例如不要通过 BEP-20 转入 ERC-20 充值地址），否则资产可能丢失。`,
  'evm_choose_same_network.selected': (p) =>
    `该地址格式在所有 EVM 网络上通用。请确保转出平台也选择${s(p.network)}网络，否则资产可能丢失。`,
  multiple_networks: (p) => `该地址格式在多个网络（${s(p.others)}）上均有效。请确保双方选择相同的网络。`,
  no_checksum: (p) => `此类${s(p.network)}地址没有校验码，无法发现输入错误。请逐个字符核对。`,
  unchecksummed_address: (p) =>
    `该地址全部为小写或大写，无法验证 EIP-55 校验和。带校验的格式为 ${s(p.normalized)}。`,
  burn_address: () => '这是公认的销毁（零）地址，转入的资产将永远无法找回。',
  x_address_converted: (p) =>
    `这是 XRP X 地址，对应经典地址 ${s(p.classic)}${
      p.tag === undefined ? '（不含标签）' : `，标签（Destination Tag）为 ${s(p.tag)}`
    }。`,
  stellar_muxed_address: (p) =>
    `这是 Stellar 复用地址（M 开头），对应账户 ${s(p.account)}，ID 为 ${s(p.id)}。部分钱包和交易所尚不支持复用地址。`,
  legacy_address_format: (p) => `这是旧格式的${s(p.network)}地址，对应的 CashAddr 格式为 ${s(p.cashaddr)}。`,
  unusual_witness_version: (p) =>
    `该 SegWit 地址（见证版本 ${s(p.version)}）格式有效，但不是常见的地址类型，许多钱包和交易所无法向其转账。`,
  memo_not_supported: (p) => `${s(p.network)}网络不使用备注或标签，您填写的内容将被忽略。`,
  memo_lookalike_characters: (p) =>
    `备注中包含全角或形似字符（${s(p.details)}）。请确认与收款方提供的内容完全一致。`,
  tron_hex_format: (p) => `这是十六进制格式的波场地址，标准格式为 ${s(p.normalized)}。`,
  hash_prefix_adjusted: (p) => `交易哈希已按${s(p.network)}的常用格式改写（${s(p.normalized)}）。`,
};

const TABLES: Readonly<Record<Locale, Readonly<Record<string, Template | undefined>>>> = { 'en-us': EN, 'zh-cn': ZH };

/** Keys present in one locale table but not the other (used by tests). */
export function missingMessageKeys(): string[] {
  const en = Object.keys(EN);
  const zh = Object.keys(ZH);
  return [...en.filter((k) => !(k in ZH)), ...zh.filter((k) => !(k in EN))];
}

/** Renders a message; an unknown `code.detail` key falls back to `code`. */
export function renderMessage(key: string, locale: Locale, params: MessageParams = {}): string {
  const table = TABLES[locale];
  const template = table[key] ?? table[key.split('.')[0] ?? key];
  return template ? template(params) : key;
}
