import type { GlossaryEntry } from './types.js';

/**
 * Bilingual glossary for query expansion. Each entry lists equivalent forms (translations and
 * same-language synonyms, including colloquial and misspelled variants); `expand` lists one-way
 * additions. A query containing a form is expanded with the entry's other forms at a weight below
 * the user's own words (0.4 unless stated). Forms are matched after the same normalisation as the
 * index (case folding, stemming; Han forms as substrings, single Han characters as whole words).
 */
export const DEFAULT_GLOSSARY: GlossaryEntry[] = [
  // ── Deposits & withdrawals ───────────────────────────────────────────────
  { terms: ['提币', '提现', '提款', '出金', '转出', 'withdraw', 'withdrawal', 'cash out'] },
  { terms: ['充值', '充币', '入金', '存入', '转入', 'deposit', 'top up', 'fund account'] },
  { terms: ['到账', '入账', '上账', 'credited', 'arrived', 'received'] },
  {
    terms: ['没到账', '未到账', '不到账', '没有到账', '没收到', '还没到', '没到', '未收到', '不见了',
      'not credited', 'not arrived', 'not received', 'not showing', 'hasnt arrived', 'havent received',
      'missing', 'never arrived', 'not show up'],
    expand: ['未到账', 'not arrived'],
    weight: 0.5,
  },
  {
    terms: ['卡住', '处理中', '一直在处理', '待处理', '延迟', '很慢', '太慢', '迟迟', 'stuck', 'pending',
      'processing', 'delayed', 'slow', 'taking long', 'taking forever', 'takes forever', 'forever', 'still waiting', 'for hours',
      'for days', 'waiting'],
    weight: 0.5,
  },
  {
    terms: ['提不出来', '提不了', '取不出来', '提不出', '无法提币', '无法提现', '不能提币', '不能提现', '提币失败', '提现失败',
      'cant withdraw', 'cannot withdraw', 'unable to withdraw', 'withdrawal failed'],
    expand: ['提币', '提现', 'withdrawal'],
    weight: 0.5,
  },
  {
    terms: ['转错网络', '选错网络', '转错链', '选错链', '错误网络', '网络选错', '链选错', '充错链', '充错网络',
      'wrong network', 'wrong chain', 'wrong blockchain', 'incorrect network'],
    weight: 0.5,
  },
  {
    terms: ['转错地址', '地址填错', '填错地址', '错误地址', '发错地址', '地址错误', 'wrong address', 'incorrect address',
      'wrong recipient'],
    weight: 0.5,
  },
  { terms: ['备注', '标签', 'memo', 'tag', 'destination tag', 'comment', 'payment id'] },
  { terms: ['交易哈希', '哈希', '哈希值', '交易ID', '交易编号', 'txid', 'tx hash', 'transaction hash', 'transaction id', 'hash'] },
  { terms: ['区块浏览器', '区块链浏览器', '浏览器', 'block explorer', 'explorer', 'etherscan', 'tronscan', 'bscscan'] },
  { terms: ['确认数', '区块确认', '确认', 'confirmations', 'block confirmations', 'confirming'] },
  { terms: ['网络', '链', '公链', '主网', 'network', 'chain', 'blockchain', 'mainnet'] },
  { terms: ['手续费', '费用', '矿工费', '网络费', '燃料费', 'gas', 'fee', 'fees', 'gas fee', 'network fee', 'commission'] },
  { terms: ['最低', '最小', '最少', '起提', 'minimum', 'min'] },
  { terms: ['限额', '额度', '上限', '每日限额', 'limit', 'daily limit', 'cap'] },
  { terms: ['白名单', '地址簿', '地址白名单', 'whitelist', 'allowlist', 'address book', 'trusted addresses'] },
  { terms: ['被拒绝', '拒绝', '驳回', '被拒', '不通过', '没通过', '失败', 'rejected', 'declined', 'denied', 'failed'] },
  { terms: ['取消', '撤销', '被取消', 'cancel', 'cancelled', 'canceled', 'revoke'] },
  { terms: ['法币', '银行转账', '银行卡', '电汇', '汇款', 'fiat', 'bank transfer', 'wire transfer', 'wire', 'sepa', 'bank'] },
  { terms: ['参考码', '附言', '转账备注', 'reference code', 'reference', 'payment reference'] },
  { terms: ['户名', '账户名', '姓名不一致', 'account name', 'name mismatch', 'name doesnt match'] },
  { terms: ['网络拥堵', '拥堵', '堵塞', 'congestion', 'congested', 'network busy'] },
  { terms: ['维护', '暂停', '暂停充提', 'maintenance', 'suspended', 'paused', 'halted'] },
  { terms: ['转账', '发送', '转币', 'send', 'sent', 'transfer'] },
  { terms: ['地址', '钱包地址', 'address', 'wallet address'] },
  { terms: ['钱包', 'wallet'] },
  { terms: ['钱', '资金', '资产', '余额', '币', 'money', 'funds', 'balance', 'assets', 'coins'] },
  { terms: ['多久', '多长时间', '要多久', '几天', '时间', 'how long', 'time', 'how many days', 'eta'] },
  { terms: ['对方没收到', '收款方', '收款人', '对方', 'recipient', 'receiver', 'other side'] },
  { terms: ['代币', '合约地址', 'token', 'tokens', 'contract address'] },

  // ── Assets and networks ─────────────────────────────────────────────────
  { terms: ['泰达币', 'usdt', 'tether'] },
  { terms: ['比特币', 'btc', 'bitcoin'] },
  { terms: ['以太坊', '以太币', 'eth', 'ether', 'ethereum', 'erc20', 'erc-20'] },
  { terms: ['波场', 'tron', 'trx', 'trc20', 'trc-20'] },
  { terms: ['币安智能链', 'bsc', 'bnb chain', 'bnb smart chain', 'bep20', 'bep-20'] },
  { terms: ['瑞波币', 'xrp', 'ripple'] },
  { terms: ['恒星币', 'xlm', 'stellar'] },
  { terms: ['加密货币', '数字货币', '虚拟货币', '数字资产', 'crypto', 'cryptocurrency', 'digital assets'] },

  // ── Account access ──────────────────────────────────────────────────────
  { terms: ['账户', '账号', '帐户', '帐号', 'account'] },
  { terms: ['登录', '登陆', '登入', 'log in', 'login', 'sign in', 'signin', 'logon'] },
  {
    terms: ['登不上', '登录不了', '无法登录', '登不进去', '进不去', '登录失败', 'cant log in', 'cant login', 'cannot log in',
      'cannot login', 'unable to log in', 'unable to sign in', 'cant sign in', 'login failed'],
    expand: ['无法登录', 'cant log in'],
    weight: 0.5,
  },
  { terms: ['密码', 'password', 'passcode'] },
  { terms: ['忘记密码', '密码忘了', '重置密码', '找回密码', 'forgot password', 'reset password', 'forgotten password'] },
  { terms: ['修改密码', '改了密码', '更改密码', '改密码', 'change password', 'changed password', 'changed my password', 'password change'] },
  { terms: ['冻结', '锁定', '禁用', '封号', '被封', '账户被封', 'frozen', 'freeze', 'locked', 'lock', 'disabled', 'suspended', 'banned'] },
  { terms: ['解冻', '解锁', '解封', '恢复账户', 'unfreeze', 'unlock', 'reactivate', 'enable account'] },
  {
    terms: ['被盗', '盗号', '被黑', '黑客', '被入侵', '异常登录', '陌生登录', 'hacked', 'compromised', 'stolen', 'unauthorized',
      'unauthorised', 'hijacked', 'breached'],
    weight: 0.5,
  },
  { terms: ['登录提醒', '登录通知', '异常提醒', 'login alert', 'login notification', 'new device alert'] },
  { terms: ['手机号', '短信', '短信验证码', 'sms', 'text message', 'phone number'] },
  { terms: ['换卡', 'sim卡', '补卡', 'sim swap', 'sim swapping', 'sim hijack'] },
  { terms: ['邮箱', '邮件', '电子邮件', 'email', 'e-mail', 'mail', 'inbox'] },

  // ── Security ────────────────────────────────────────────────────────────
  {
    terms: ['双重验证', '二次验证', '两步验证', '双因素认证', '双因子', '谷歌验证', '2fa', 'two-factor', 'two factor',
      'two factor authentication', '2-step', 'two step', 'mfa'],
    weight: 0.5,
  },
  { terms: ['谷歌验证器', '身份验证器', '验证器', 'google authenticator', 'authenticator', 'authy', 'authenticator app'] },
  { terms: ['验证码', '动态码', '动态验证码', 'code', 'codes', 'otp', 'verification code', 'one-time code'] },
  { terms: ['手机丢了', '手机丢失', '换手机', '换了手机', '新手机', '手机被偷', 'lost phone', 'new phone', 'lost device', 'phone stolen', 'changed phone'] },
  { terms: ['设置密钥', '备份密钥', '恢复码', '备用码', 'setup key', 'backup key', 'backup codes', 'recovery codes'] },
  { terms: ['防钓鱼码', '防钓鱼短语', '防钓鱼', 'anti-phishing code', 'anti-phishing phrase', 'anti phishing'] },
  { terms: ['钓鱼', '钓鱼网站', '钓鱼邮件', '假网站', '仿冒网站', '假冒网站', 'phishing', 'phising', 'fake website', 'lookalike domain', 'spoofed'] },
  { terms: ['诈骗', '骗局', '骗子', '被骗', '欺诈', 'scam', 'scams', 'scammer', 'fraud', 'scammed'], weight: 0.5 },
  {
    terms: ['冒充', '假冒', '假客服', '冒充客服', '冒名', '山寨账号', 'impersonator', 'impersonation', 'fake support', 'fake account',
      'pretending to be', 'claiming to be'],
    weight: 0.5,
  },
  {
    terms: ['助记词', '种子短语', '恢复短语', '种子词', '私钥短语', 'recovery phrase', 'seed phrase', 'mnemonic', 'secret phrase',
      'seed words', '12 words'],
    weight: 0.5,
  },
  { terms: ['私钥', 'private key'] },
  { terms: ['密钥', '钥匙', 'key', 'keys', 'secret key'] },
  { terms: ['远程控制', '屏幕共享', '远程协助', '共享屏幕', 'anydesk', 'teamviewer', 'remote access', 'screen share', 'screen sharing'] },
  { terms: ['送币', '赠送', '空投', '翻倍', '返利活动', 'giveaway', 'airdrop', 'double your', 'free crypto'] },
  { terms: ['投资', '理财', '高收益', '保本', '稳赚', 'investment', 'guaranteed returns', 'high yield', 'profit'] },
  { terms: ['追回', '找回', '挽回', '恢复', 'recover', 'recovery', 'get back', 'retrieve', 'refund'] },
  { terms: ['杀猪盘', '婚恋诈骗', 'pig butchering', 'romance scam'] },
  { terms: ['社交媒体', '推特', '电报', '官方账号', 'social media', 'twitter', 'telegram', 'whatsapp', 'official account', 'discord'] },
  { terms: ['私信', '私聊', 'dm', 'dmed', 'direct message', 'private message'] },
  { terms: ['安全', '保护', '安全设置', 'security', 'secure', 'protect', 'safety'] },

  // ── Verification (KYC) ─────────────────────────────────────────────────
  {
    terms: ['实名认证', '身份认证', '身份验证', '实名', '认证', 'kyc', 'verification', 'identity verification', 'verify identity',
      'verify', 'verified'],
    weight: 0.5,
  },
  { terms: ['审核', '审核中', '审核时间', '人工审核', 'review', 'under review', 'reviewing'] },
  { terms: ['证件', '身份证', '护照', '驾照', '驾驶证', 'id', 'id card', 'document', 'documents', 'passport', 'drivers license', 'identity card'] },
  { terms: ['自拍', '人脸', '人脸识别', '活体', '活体检测', 'selfie', 'face', 'liveness', 'face verification'] },
  { terms: ['地址证明', '住址证明', '水电费账单', '银行对账单', 'proof of address', 'utility bill', 'bank statement', 'proof of residence'] },
  { terms: ['等级', '级别', '认证等级', 'level', 'tier', 'verification level'] },

  // ── Trading ─────────────────────────────────────────────────────────────
  { terms: ['限价单', '限价委托', '限价', 'limit order'] },
  { terms: ['市价单', '市价委托', '市价', 'market order'] },
  { terms: ['止损单', '止损', 'stop loss', 'stop-loss', 'stop order'] },
  { terms: ['止盈单', '止盈', 'take profit', 'take-profit'] },
  { terms: ['未成交', '不成交', '没成交', '成交不了', '没有成交', 'not filled', 'unfilled', 'not executed', 'didnt fill'], weight: 0.5 },
  { terms: ['部分成交', '只成交一部分', 'partially filled', 'partial fill', 'partly filled'] },
  { terms: ['撤单', '取消订单', '订单被取消', '订单取消', 'cancel order', 'order cancelled', 'cancelled order'] },
  { terms: ['滑点', '价格冲击', '成交价不一样', 'slippage', 'price impact', 'worse price'] },
  { terms: ['挂单', 'maker', 'maker fee'] },
  { terms: ['吃单', 'taker', 'taker fee'] },
  { terms: ['交易手续费', '交易费', '交易费率', 'trading fee', 'trading fees', 'fee schedule'] },
  {
    terms: ['余额不足', '资金不足', '钱不够', '可用余额不足', 'insufficient funds', 'insufficient balance', 'not enough balance',
      'not enough funds', 'EOrder:Insufficient funds'],
    weight: 0.5,
  },
  { terms: ['下单', '买入', '卖出', '委托', '订单', 'place order', 'order', 'orders', 'buy', 'sell'] },
  { terms: ['交易', '买卖', '现货', 'trade', 'trading', 'spot'] },

  // ── API ─────────────────────────────────────────────────────────────────
  { terms: ['接口', 'api', 'rest api', 'websocket'] },
  { terms: ['api密钥', 'api key', 'api keys', 'apikey'] },
  { terms: ['签名', '签名错误', 'signature', 'invalid signature', 'hmac'] },
  { terms: ['随机数', 'nonce', 'invalid nonce'] },
  { terms: ['频率限制', '限频', '请求过多', '请求太频繁', 'rate limit', 'rate limited', 'too many requests', 'http 429', 'throttled'], weight: 0.5 },
  { terms: ['权限', '权限不足', '没有权限', '无权限', 'permission', 'permissions', 'permission denied', 'not allowed', 'EGeneral:Permission denied'], weight: 0.5 },
  { terms: ['服务不可用', '系统繁忙', '服务器错误', '宕机', '挂了', 'unavailable', 'service unavailable', 'busy', 'outage', 'down', 'server error', 'http 503'] },
  { terms: ['无效密钥', '密钥无效', 'invalid key', 'invalid api key', 'EAPI:Invalid key'] },

  // ── Getting help ────────────────────────────────────────────────────────
  { terms: ['客服', '人工客服', '客户服务', '支持团队', 'support', 'customer service', 'customer support', 'agent', 'help desk'] },
  { terms: ['在线客服', '聊天', '实时聊天', '在线聊天', 'live chat', 'chat', 'chat support'] },
  { terms: ['工单', '请求', '提交请求', '提交工单', '请求编号', 'ticket', 'request', 'submit a request', 'support request', 'case'] },
  { terms: ['联系', '联系方式', '联系客服', 'contact', 'reach', 'contact support'] },
  { terms: ['搜索', '查找', '搜不到', 'search', 'find', 'look up'] },
  { terms: ['开启', '设置', '绑定', '启用', '打开', 'enable', 'set up', 'setup', 'turn on', 'activate'] },
  { terms: ['关闭', '解绑', '停用', 'disable', 'turn off', 'remove'] },
  { terms: ['重置', 'reset'] },
  { terms: ['创建', '生成', '新建', 'create', 'generate', 'new'] },
];
