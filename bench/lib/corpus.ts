/**
 * Deterministic synthetic bilingual Help Center corpus and query set for benchmarks.
 * Articles are assembled from realistic support sentences with slot values (assets, networks,
 * error codes, amounts) plus a Zipf-distributed long tail of product/entity names, so the
 * vocabulary has both very common and rare terms, like a real help center.
 */
import type { Locale, SearchDocument } from '../../src/server/modules/search/index.js';

/** mulberry32: small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

const ASSETS = ['USDT', 'BTC', 'ETH', 'XRP', 'TRX', 'SOL', 'USDC', 'LTC', 'DOGE', 'ADA', 'DOT', 'XLM', 'TON', 'BNB', 'MATIC', 'AVAX'];
const NETWORKS = ['ERC-20', 'TRC-20', 'BEP-20', 'Solana', 'Bitcoin', 'Polygon', 'Arbitrum', 'Optimism', 'TON', 'Stellar', 'Avalanche C-Chain'];
const CODES = ['EAPI:Invalid key', 'EAPI:Invalid signature', 'EAPI:Invalid nonce', 'EAPI:Rate limit exceeded', 'EGeneral:Permission denied',
  'EGeneral:Invalid arguments', 'EOrder:Insufficient funds', 'EOrder:Order minimum not met', 'EService:Unavailable', 'EService:Busy',
  'EFunding:Unknown withdraw key', 'EFunding:Invalid amount', 'HTTP 429', 'HTTP 503', 'HTTP 401'];
const EN_TOPICS = ['withdrawal', 'deposit', 'two-factor authentication', 'API key', 'verification', 'limit order', 'market order',
  'stop-loss order', 'trading fees', 'address whitelist', 'recovery phrase', 'anti-phishing code', 'bank transfer', 'account security',
  'login', 'password reset', 'destination tag', 'memo', 'block confirmations', 'transaction ID', 'slippage', 'margin', 'staking', 'sub-account'];
const ZH_TOPICS = ['提币', '充值', '双重验证', 'API 密钥', '实名认证', '限价单', '市价单', '止损单', '交易手续费', '提币地址白名单', '助记词',
  '防钓鱼码', '银行转账', '账户安全', '登录', '重置密码', '标签', '备注', '区块确认', '交易哈希', '滑点', '杠杆', '质押', '子账户'];

const EN_TITLES = [
  'How to {action} {topic}', 'Why is my {topic} {problem}?', '{topic} {problem}: what to do', 'Troubleshooting {code} errors',
  '{asset} {topic} on {network}', 'Understanding {topic}', '{topic} limits and fees', 'Can I {action} {topic} with {entity}?',
];
const ZH_TITLES = [
  '如何{action}{topic}', '{topic}{problem}怎么办', '{topic}常见问题', '解决“{code}”错误', '{asset} {network} {topic}说明',
  '关于{topic}的说明', '{topic}限额与手续费', '使用{entity}{action}{topic}',
];
const EN_ACTIONS = ['set up', 'cancel', 'check', 'reset', 'enable', 'disable', 'recover', 'verify', 'change', 'submit'];
const ZH_ACTIONS = ['设置', '取消', '查询', '重置', '开启', '关闭', '找回', '验证', '修改', '提交'];
const EN_PROBLEMS = ['pending', 'stuck', 'rejected', 'not credited', 'delayed', 'failed', 'cancelled', 'not working', 'locked'];
const ZH_PROBLEMS = ['一直处理中', '卡住了', '被拒绝', '未到账', '延迟', '失败', '被取消', '无法使用', '被锁定'];

const EN_SENTENCES = [
  'Your {topic} is usually processed within {n} minutes, but it can take longer when the {network} network is congested.',
  'If you see {code}, check that your API key has the right permissions and that your system clock is in sync.',
  'Make sure you selected the same network ({network}) on both the sending and the receiving platform.',
  'Deposits of {asset} are credited after {n} block confirmations.',
  'Never share your password, 2FA codes or recovery phrase with anyone, including people who claim to be support.',
  'You can find the transaction ID (TxID) in your {topic} history and look it up on a block explorer.',
  'For security reasons, withdrawals are paused for {n} hours after you change your password or reset 2FA.',
  'A limit order only fills when the market reaches your price; a market order fills immediately but may suffer slippage.',
  'The minimum {topic} for {asset} is {amount} {asset}, and the network fee is deducted from the amount you send.',
  'Contact support through a request if your {topic} is still {problem} after {n} hours; include the TxID and a screenshot.',
  'Verification levels unlock higher limits: you need an identity document, a selfie and sometimes a proof of address.',
  'Phishing emails often copy our logo; check your anti-phishing code in every email before you click a link.',
  'When you use {entity}, remember that {asset} sent on {network} cannot be recovered if the receiving side does not support it.',
  'Rate limits apply per API key: when you exceed them the API returns {code} and you must wait before retrying.',
  'Add trusted addresses to the whitelist so that withdrawals can only go to addresses you approved.',
  'Trading fees depend on your 30-day volume and whether your order adds liquidity (maker) or takes it (taker).',
  'If you forgot the memo or destination tag, submit a request with the TxID so that the deposit can be credited manually.',
  'Our team reviews most cases within {n} business days; you will receive an email when the status of your {topic} changes.',
  'Keep your authenticator setup key in a safe place so that you can restore your 2FA codes on a new phone.',
  'Bank transfers usually arrive within {n} business days and must come from an account in your own name.',
];
const ZH_SENTENCES = [
  '{topic}通常会在 {n} 分钟内处理完成，{network} 网络拥堵时可能需要更长时间。',
  '如果出现“{code}”错误，请检查 API 密钥权限是否正确，并确认系统时间已同步。',
  '请确保充值和提币双方选择的是同一个网络（{network}）。',
  '{asset} 充值需要 {n} 个区块确认后才会到账。',
  '不要向任何人透露你的密码、双重验证码或助记词，包括自称客服的人。',
  '你可以在{topic}记录中找到交易哈希（TxID），并在区块浏览器上查询。',
  '出于安全考虑，修改密码或重置谷歌验证器后，提币会暂停 {n} 小时。',
  '限价单只有在市场价格达到你设定的价格时才会成交；市价单会立即成交，但可能产生滑点。',
  '{asset} 的最低{topic}数量为 {amount} {asset}，网络手续费会从提币数量中扣除。',
  '如果{topic}在 {n} 小时后仍然{problem}，请提交工单并附上交易哈希和截图。',
  '不同的认证等级对应不同的限额：需要提供身份证件、自拍照，有时还需要地址证明。',
  '钓鱼邮件经常冒充官方标志，点击链接前请核对邮件中的防钓鱼码。',
  '使用{entity}时请注意，通过 {network} 转出的 {asset} 如果对方不支持将无法找回。',
  '频率限制按 API 密钥计算，超出限制时接口会返回“{code}”，请稍后再试。',
  '把常用地址加入提币白名单后，只能向已批准的地址提币。',
  '交易手续费取决于 30 天交易量，以及订单是挂单（Maker）还是吃单（Taker）。',
  '如果充值时漏填了备注或标签，请提交工单并提供交易哈希，我们会人工处理入账。',
  '大多数情况会在 {n} 个工作日内完成审核，{topic}状态变化时你会收到邮件通知。',
  '请妥善保管验证器的设置密钥，换手机时才能恢复双重验证码。',
  '银行转账通常在 {n} 个工作日内到账，且必须来自你本人名下的账户。',
];

const SYLLABLES = ['ka', 'lo', 'ri', 'ven', 'tor', 'mi', 'sa', 'qua', 'zel', 'dor', 'fin', 'nex', 'pra', 'lum', 'vox', 'tri', 'bel', 'cor'];
const HAN_POOL = '安白班包宝保北本比笔必边变标表别宾冰兵波博才彩参仓草层茶长常场超朝车晨城成承程池赤冲初楚川传春纯词慈聪从达大代丹道德登迪典东冬都度端多朵恩发法帆方飞丰风峰凤佛福甘刚高歌格根耕工公功宫谷固关光广贵国海汉航好禾合和河鹤恒红宏虹鸿华怀欢环黄辉慧吉佳嘉坚建剑江金锦晋京晶景敬静九居菊巨聚君俊凯康柯可克空孔兰蓝朗乐雷黎礼理力立丽莲良林玲灵凌龙鲁路伦罗洛马满茂梅美孟梦明铭鸣木南宁宁鹏平其奇琪启千强桥勤青清庆秋泉然仁荣瑞润若森山善上尚少深升圣盛诗石世书舒双顺思松颂素涛腾天田通同万旺威伟文武舞西希溪曦霞祥翔小心新鑫信星兴秀轩雪雅亚炎彦阳耀业一依怡艺易益毅银英盈永勇优友宇雨玉元源远月云韵泽展章昭哲振正志智中忠舟洲竹卓子紫宗';

/** Zipf-like pick over [0, n): low indexes are much more frequent. */
function zipf(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(Math.pow(n, rng()) - 1));
}

function entityName(index: number, locale: Locale): string {
  const r = prng(index * 7919 + (locale === 'zh-cn' ? 1 : 2));
  if (locale === 'en-us') {
    let name = '';
    const parts = int(r, 2, 3);
    for (let i = 0; i < parts; i++) name += pick(r, SYLLABLES);
    return name[0]!.toUpperCase() + name.slice(1) + pick(r, [' Wallet', ' Pay', ' Token', ' Bridge', ' Vault', '']);
  }
  let name = '';
  const len = int(r, 2, 3);
  for (let i = 0; i < len; i++) name += HAN_POOL[Math.floor(r() * HAN_POOL.length)];
  return name + pick(r, ['钱包', '支付', '代币', '跨链桥', '金库', '']);
}

const ENTITY_COUNT = 50_000;

function fill(template: string, rng: Rng, locale: Locale, topic: string): string {
  const zh = locale === 'zh-cn';
  return template.replace(/\{(\w+)\}/g, (_m, slot: string) => {
    switch (slot) {
      case 'topic': return topic;
      case 'action': return pick(rng, zh ? ZH_ACTIONS : EN_ACTIONS);
      case 'problem': return pick(rng, zh ? ZH_PROBLEMS : EN_PROBLEMS);
      case 'asset': return pick(rng, ASSETS);
      case 'network': return pick(rng, NETWORKS);
      case 'code': return pick(rng, CODES);
      case 'entity': return entityName(zipf(rng, ENTITY_COUNT), locale);
      case 'n': return String(int(rng, 1, 72));
      case 'amount': return (int(rng, 1, 5000) / 100).toString();
      default: return slot;
    }
  });
}

const SECTIONS: [string, string][] = [
  ['deposits', 'funding'], ['withdrawals', 'funding'], ['orders', 'trading'], ['trading-troubleshooting', 'trading'],
  ['api-keys', 'api'], ['api-errors', 'api'], ['account-protection', 'security'], ['scams-phishing', 'security'],
  ['verification-levels', 'account-verification'], ['account-access', 'account-verification'], ['contact-channels', 'getting-help'],
];

/** `count` articles, alternating zh-cn / en-us. Same count → same corpus. */
export function generateCorpus(count: number, seed = 42): SearchDocument[] {
  const rng = prng(seed);
  const docs: SearchDocument[] = [];
  for (let i = 0; i < count; i++) {
    const locale: Locale = i % 2 === 0 ? 'zh-cn' : 'en-us';
    const zh = locale === 'zh-cn';
    const topic = pick(rng, zh ? ZH_TOPICS : EN_TOPICS);
    const title = fill(pick(rng, zh ? ZH_TITLES : EN_TITLES), rng, locale, topic);
    const sentences = int(rng, 8, 24);
    const paragraphs: string[] = [];
    let paragraph: string[] = [];
    for (let s = 0; s < sentences; s++) {
      paragraph.push(fill(pick(rng, zh ? ZH_SENTENCES : EN_SENTENCES), rng, locale, rng() < 0.6 ? topic : pick(rng, zh ? ZH_TOPICS : EN_TOPICS)));
      if (paragraph.length >= int(rng, 2, 4)) {
        paragraphs.push(paragraph.join(zh ? '' : ' '));
        paragraph = [];
      }
    }
    if (paragraph.length) paragraphs.push(paragraph.join(zh ? '' : ' '));
    const labels = [topic, pick(rng, zh ? ZH_TOPICS : EN_TOPICS), pick(rng, ASSETS)];
    const [sectionId, categoryId] = pick(rng, SECTIONS);
    docs.push({ id: `gen-${String(i).padStart(6, '0')}:${locale}`, locale, title, labels, body: paragraphs.join('\n'), sectionId, categoryId });
  }
  return docs;
}

const EN_QUERIES = [
  'withdrawal stuck for hours', 'withdrawl pending', 'deposit not credited', 'my deposit hasnt arrived', 'USDT TRC20 deposit',
  'sent usdt on bep20 instead of erc20', 'EAPI:Invalid key', 'EAPI:Invalid nonce', 'EGeneral:Permission denied', 'EOrder:Insufficient funds',
  'HTTP 429', 'rate limit exceeded', 'how to enable 2fa', 'lost phone authenticator', 'reset 2fa', 'recovery phrase', 'seed phrase support',
  'anti phishing code', 'phising email', 'limit order not filled', 'market order slippage', 'stop loss', 'trading fees maker taker',
  'whitelist address', 'forgot memo', 'destination tag xrp', 'transaction id', 'block confirmations bitcoin', 'bank transfer how long',
  'verification rejected', 'kyc documents', 'proof of address', 'account locked', 'cant log in', 'password reset', 'api key permissions',
  'withdr', 'depo', 'verif', 'how do i', 'minimum withdrawal fee', 'ERC-20', 'erc 20 usdt', 'TRC-20 fee', 'staking rewards', 'sub-account transfer',
];
const ZH_QUERIES = [
  '钱提不出来', '充值没到账', '提币一直处理中', '提现审核要多久', '转错网络了怎么办', 'USDT TRC20 充值', '助记词', '私钥泄露', '谷歌验证器丢了',
  '双重验证', '实名认证失败', '身份证明材料', '限价单不成交', '市价单滑点', '止损单', '交易手续费', '提币地址白名单', '忘记填备注', '标签',
  '交易哈希在哪看', '区块确认数', '银行转账多久到账', '账户被冻结', '登录不了', '重置密码', 'API 密钥权限', 'EAPI:Invalid key 错误', '频率限制',
  '防钓鱼码', '冒充客服', '以太坊', '比特币充值', '泰达币提现', '提币手续费太高', '最低提币数量', '子账户', '质押', '杠杆',
];

/** Fixed mixed query set: base queries, plus variants with assets, networks and entity names. */
export function generateQueries(count = 500, seed = 7): { q: string; locale: Locale }[] {
  const rng = prng(seed);
  const out: { q: string; locale: Locale }[] = [];
  for (const q of EN_QUERIES) out.push({ q, locale: 'en-us' });
  for (const q of ZH_QUERIES) out.push({ q, locale: 'zh-cn' });
  while (out.length < count) {
    const zh = rng() < 0.5;
    const locale: Locale = zh ? 'zh-cn' : 'en-us';
    const base = pick(rng, zh ? ZH_QUERIES : EN_QUERIES);
    const r = rng();
    let q: string;
    if (r < 0.3) q = `${pick(rng, ASSETS)} ${base}`;
    else if (r < 0.5) q = `${base} ${pick(rng, NETWORKS)}`;
    else if (r < 0.65) q = `${entityName(zipf(rng, ENTITY_COUNT), locale)} ${pick(rng, zh ? ZH_TOPICS : EN_TOPICS)}`;
    else if (r < 0.8) q = pick(rng, CODES);
    else q = `${pick(rng, zh ? ZH_TOPICS : EN_TOPICS)}${zh ? '' : ' '}${pick(rng, zh ? ZH_PROBLEMS : EN_PROBLEMS)}`;
    out.push({ q, locale });
  }
  return out.slice(0, count);
}
