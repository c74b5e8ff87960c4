import { kindLabel, resolveLocale } from './placeholders.js';
import { scanText } from './scan.js';
import type { OutboundCheck, OutboundOptions, OutboundReason, OutboundReasonCode, RedactionLocale } from './types.js';

type AskCode = Exclude<OutboundReasonCode, 'contains_secret'>;

const MESSAGES: Record<RedactionLocale, Record<OutboundReasonCode, string>> = {
  'en-us': {
    asks_recovery_phrase: 'This reply asks the customer for their recovery phrase. Support must never request it.',
    asks_private_key: 'This reply asks the customer for a private key or wallet file. Support must never request it.',
    asks_api_secret: 'This reply asks the customer for an API secret. Support must never request it.',
    asks_password: 'This reply asks the customer for a password. Support must never request it.',
    asks_otp: 'This reply asks the customer for a 2FA or verification code. Support must never request it.',
    asks_remote_access: 'This reply asks the customer to install or allow remote-access software. Support must never do this.',
    contains_secret: 'This reply contains what looks like a secret ({kinds}). Remove it before sending.',
  },
  'zh-cn': {
    asks_recovery_phrase: '该回复向客户索要助记词。客服绝不能索要助记词。',
    asks_private_key: '该回复向客户索要私钥或钱包文件。客服绝不能索要私钥。',
    asks_api_secret: '该回复向客户索要 API 密钥（Secret）。客服绝不能索要 API 密钥。',
    asks_password: '该回复向客户索要密码。客服绝不能索要密码。',
    asks_otp: '该回复向客户索要双重验证码或短信验证码。客服绝不能索要验证码。',
    asks_remote_access: '该回复要求客户安装或允许远程控制软件。客服绝不能这样做。',
    contains_secret: '该回复本身包含疑似敏感信息（{kinds}），请删除后再发送。',
  },
};

// What is being asked for. Order matters: API secrets are checked before private keys so that
// "API private key" is reported as an API secret.
const OBJECTS: [AskCode, RegExp][] = [
  [
    'asks_api_secret',
    /\bapi[\s-]*(?:key[\s-]*)?secret(?:[\s-]*key)?\b|\bsecret[\s-]*key\b|\bapi[\s-]*private[\s-]*key\b|\bclient[\s-]*secret\b|api\s*(?:密钥|秘钥|私钥|密鑰)(?!\s*(?:的)?\s*(?:权限|名称|标签|备注|ID|id|设置|白名单))|Secret\s*Key/gi,
  ],
  [
    'asks_recovery_phrase',
    /\b(?:recovery|seed|secret|backup|mnemonic|wallet)[\s-]*(?:recovery[\s-]*)?(?:phrase|words?|sentence)s?\b|\bmnemonic\b|\bseed\b|\b(?:12|24|twelve|twenty[\s-]*four)[\s-]*words?\b|助记词|助記詞|恢复短语|恢復短語|恢复词|种子词|备份短语/gi,
  ],
  ['asks_private_key', /\bprivate[\s-]*keys?\b|\bpriv[\s-]*keys?\b|\bprivkey\b|\bkeystore(?:[\s-]*file)?\b|\bwallet\.dat\b|\bxprv\b|私钥|私鑰|钱包文件|keystore/gi],
  [
    'asks_otp',
    /\b(?:2fa|two[\s-]*factor|mfa|otp|totp)(?:[\s-]*(?:code|token|pin))?\b|\b(?:authenticator|verification|sms|security|login|auth|google|email|6[\s-]*digit|six[\s-]*digit)[\s-]*(?:code|passcode|pin)s?\b|\bone[\s-]*time[\s-]*(?:code|passcode|password|pin)s?\b|\bcodes?\s+(?:from|in|on|shown\s+(?:in|on))\s+(?:your\s+|the\s+)?(?:google\s+)?(?:authenticator|2fa|app|phone)\b|谷歌验证码|谷歌驗證碼|验证码|驗證碼|动态码|動態碼|动态口令|二次验证码|身份验证器|谷歌验证器|2FA\s*码/gi,
  ],
  [
    'asks_password',
    /\b(?:password|passcode|passwd|pwd)s?\b(?![\s-]*(?:reset|change|manager|requirements?|rules?|policy|strength|link|e-?mail|page|settings|recovery|hint))|登录密码|资金密码|交易密码|支付密码|密码|密碼|口令/gi,
  ],
];

const REMOTE_TOOLS =
  /\b(?:any\s*desk|team\s*viewer|rust\s*desk|ultra\s*viewer|quick\s*support|splashtop|supremo|screen\s*connect|logmein|chrome\s+remote\s+desktop|remote[\s-]*(?:desktop|access|control|support|assistance)(?:\s+(?:app|tool|software))?|screen[\s-]*sharing\s+(?:app|software|tool))\b|向日葵|todesk|远程协助|远程控制|远程桌面|远程操作|远程软件|远程/gi;
const REMOTE_VERBS =
  /\b(?:install|download|run|open|use|set\s*up|setup|launch|get|accept|allow|grant|start|connect)\b|下载|安装|打开|使用|装一?下?|开启|接受|允许|运行/i;

// Verbs by which a reply asks the customer to hand something over (they precede the object).
const ASK_VERBS_EN =
  /\b(?:send(?:ing)?(?=\s+(?:me|us|over|in|your|the|it|this|them|those|all)\b)|share|provide|give(?=\s+(?:me|us|your|the)\b)|tell(?=\s+(?:me|us)\b)|show(?=\s+(?:me|us)\b)|reveal|disclose|confirm|paste|submit|forward|dm|message(?=\s+(?:me|us)\b)|e-?mail(?=\s+(?:me|us)\b)|upload|read(?=\s+(?:me|us|out|back)\b)|reply\s+with|respond\s+with|what(?:'s|’s|\s+is|\s+are|\s+was)|(?:we|i)\s+(?:need|require|must\s+have|will\s+need)|need\s+you\s+to\s+(?:send|share|provide|give|tell|confirm)|ask(?:ing)?\s+for|request(?:ing)?|let\s+(?:me|us)\s+(?:know|have|see)|(?:can|could|may)\s+(?:i|we)\s+(?:have|get|see)|hand\s+over)\b/gi;
// Verbs that are only a request when the message says where: "type it here", "enter it in this chat".
const WEAK_VERBS_EN = /\b(?:enter(?:ing)?|typ(?:e|ing)|input(?:ting)?|verify(?:ing)?)\b/gi;
const CHAT_DIRECTED = /\b(?:here|below|in\s+(?:this|the)\s+chat|in\s+(?:your|the)\s+reply|to\s+(?:me|us)|with\s+(?:me|us)|in\s+this\s+(?:form|ticket|conversation))\b/i;
const ASK_VERBS_ZH =
  /提供|告诉|告訴|告知|透露|发给|發給|发送给(?:我|客服)|发我|发过来|发一下|给我|給我|报给|报一下|念给|读给|回复|私信|上传|分享|截图|拍照|索要|索取|要求您|需要您|需要你|输入到这里|填写在这里|填到这里|填在这里/g;
// Chinese forms where the verb follows the object: "把私钥发给我", "验证码是多少".
const AFTER_OBJECT_ZH = /^\s*(?:是多少|是什么|是啥|多少|发一下|发给|发过来|发来|告诉|报一下|报给|给我|给客服|截图|拍照|念一下|输入到这里|填在这里|发到|私信)/;
// Own subject "we will send / I'll send": the company informs, it does not ask.
const WE_SEND = /\b(?:we|i|system|it)\s*(?:'ll|’ll|\s+will|\s+would|\s+can|\s+may|\s+shall|\s+are\s+going\s+to|\s+just|\s+have|'ve|’ve)?\s*(?:re)?$/i;

const NEGATION_EN =
  /\b(?:never|not|don't|dont|don’t|do\s+not|doesn't|doesn’t|does\s+not|won't|won’t|will\s+not|wouldn't|shouldn't|should\s+not|must\s+not|mustn't|no\s+one|nobody|no\s+staff|no\s+legitimate|avoid|refuse|beware|without)\b|n[’']t\b/i;
const CONDITIONAL_EN = /\b(?:if|anyone|anybody|someone|somebody|whoever|scams?|scammers?|fraud\w*|phishing|impersonat\w*|fake)\b/i;
const NEGATION_ZH = /绝不|決不|绝对不|絕對不|不会|不會|请勿|請勿|切勿|不要|千万不要|千萬不要|别|別|永远不|永遠不|从不|從不|从来不|不得|禁止|严禁|不可|谨防|警惕|不应|不應|无需|無需|不需要|勿/;
const CONDITIONAL_ZH = /如果|若有|任何人|有人|诈骗|詐騙|骗子|騙子|钓鱼|釣魚|冒充|假冒|陌生人/;

interface Span {
  start: number;
  end: number;
}

function clauseStart(sentence: string, pos: number): number {
  for (let k = pos - 1; k >= 0; k--) {
    const c = sentence.charAt(k);
    if (c === ',' || c === '，' || c === '、' || c === ':' || c === '：') return k + 1;
  }
  return 0;
}

function clauseEnd(sentence: string, pos: number): number {
  for (let k = pos; k < sentence.length; k++) {
    const c = sentence.charAt(k);
    if (c === ',' || c === '，') return k;
  }
  return sentence.length;
}

function neutralized(scope: string): boolean {
  return NEGATION_EN.test(scope) || CONDITIONAL_EN.test(scope) || NEGATION_ZH.test(scope) || CONDITIONAL_ZH.test(scope);
}

/**
 * The last request verb that ends before `pos` (within 60 characters), or undefined. `anyEntry`
 * makes "enter/type/verify" count everywhere: nobody should be told to type a recovery phrase or
 * private key anywhere, while "enter the 2FA code on the withdrawal page" is a normal instruction.
 */
function askVerbBefore(sentence: string, pos: number, anyEntry: boolean): Span | undefined {
  const windowStart = Math.max(0, pos - 60);
  const head = sentence.slice(0, pos);
  let found: Span | undefined;
  for (const re of [ASK_VERBS_EN, ASK_VERBS_ZH]) {
    re.lastIndex = 0;
    for (let m = re.exec(head); m; m = re.exec(head)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (span.end < windowStart) continue;
      if (re === ASK_VERBS_EN && /^send/i.test(m[0]) && WE_SEND.test(head.slice(Math.max(0, m.index - 24), m.index))) continue;
      if (!found || span.start > found.start) found = span;
    }
  }
  if (found) {
    // "confirm that your password was changed" informs; it does not ask.
    const between = sentence.slice(found.end, pos);
    if (/\b(?:that|whether|how|where|when|you\s+have|you've|you’ve)\b/i.test(between)) return undefined;
    return found;
  }
  if (anyEntry || CHAT_DIRECTED.test(sentence)) {
    WEAK_VERBS_EN.lastIndex = 0;
    for (let m = WEAK_VERBS_EN.exec(head); m; m = WEAK_VERBS_EN.exec(head)) {
      if (m.index + m[0].length >= windowStart) found = { start: m.index, end: m.index + m[0].length };
    }
  }
  return found;
}

function zhAskAround(sentence: string, object: Span): Span | undefined {
  const after = sentence.slice(object.end, object.end + 12);
  if (AFTER_OBJECT_ZH.test(after)) {
    const ba = sentence.lastIndexOf('把', object.start);
    const start = ba >= 0 && object.start - ba <= 12 ? ba : object.start;
    return { start, end: object.end };
  }
  return undefined;
}

function splitSentences(text: string): string[] {
  return text.split(/[.!?;。！？；\n\r]+/).filter((s) => s.trim().length > 0);
}

function askedCodes(text: string): AskCode[] {
  const codes: AskCode[] = [];
  for (const sentence of splitSentences(text)) {
    const taken: Span[] = [];
    for (const [code, re] of OBJECTS) {
      re.lastIndex = 0;
      for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
        const object = { start: m.index, end: m.index + m[0].length };
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        // a span already explained by an earlier, more specific object ("API private key")
        if (taken.some((t) => object.start < t.end && t.start < object.end)) continue;
        taken.push(object);
        if (code === 'asks_password' && /one[\s-]*time[\s-]*$/i.test(sentence.slice(0, object.start))) continue;
        const anyEntry = code === 'asks_recovery_phrase' || code === 'asks_private_key' || code === 'asks_api_secret';
        const verb = askVerbBefore(sentence, object.start, anyEntry) ?? zhAskAround(sentence, object);
        if (!verb) continue;
        const scopeStart = clauseStart(sentence, Math.min(verb.start, object.start));
        const scopeEnd = clauseEnd(sentence, Math.max(verb.end, object.end));
        if (neutralized(sentence.slice(scopeStart, scopeEnd))) continue;
        if (!codes.includes(code)) codes.push(code);
      }
    }
    REMOTE_TOOLS.lastIndex = 0;
    for (let m = REMOTE_TOOLS.exec(sentence); m; m = REMOTE_TOOLS.exec(sentence)) {
      const scopeStart = clauseStart(sentence, m.index);
      const scopeEnd = clauseEnd(sentence, m.index + m[0].length);
      const scope = sentence.slice(scopeStart, scopeEnd);
      if (!REMOTE_VERBS.test(scope) || neutralized(scope)) continue;
      if (!codes.includes('asks_remote_access')) codes.push('asks_remote_access');
    }
  }
  return codes;
}

/**
 * Guard for agent replies: refuses text that asks the customer for a secret or for remote access,
 * and text that itself contains a secret. Warnings that tell customers never to share secrets pass.
 */
export function checkOutbound(text: string, options: OutboundOptions = {}): OutboundCheck {
  const locale = resolveLocale(options.locale);
  const messages = MESSAGES[locale];
  const reasons: OutboundReason[] = askedCodes(text).map((code) => ({ code, message: messages[code] }));
  const { findings } = scanText(text, { locale });
  if (findings.length > 0) {
    const labels: string[] = [];
    for (const f of findings) {
      const label = kindLabel(f.kind, locale);
      if (!labels.includes(label)) labels.push(label);
    }
    const kinds = labels.join(locale === 'zh-cn' ? '、' : ', ');
    reasons.push({ code: 'contains_secret', message: messages.contains_secret.replace('{kinds}', kinds) });
  }
  return { allowed: reasons.length === 0, reasons };
}
