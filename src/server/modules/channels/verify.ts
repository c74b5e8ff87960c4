/**
 * Official-channel verifier: is this link, domain, email address or social handle really ours?
 * Everything is derived from the brand configuration (official domains, website, support email,
 * email senders, social handles, apps), so nothing here knows the demo brand. Pure functions —
 * no Fastify, no database, no i18n: reasons are codes with parameters; the presenter words them.
 *
 * Subdomain policy: a host is official when it is a configured domain (or the website's host) or
 * a subdomain of one, because only the owner of a domain can create names under it. To vouch for
 * specific hosts only, list those hosts rather than the bare domain.
 */
import { domainToUnicode } from 'node:url';
import type { BrandConfig } from '../../config.js';
import { editDistance, fold, foldCompact, skeleton, unusualCharacters, type ScriptName } from './skeleton.js';

export const MAX_INPUT_LENGTH = 500;

export type ChannelVerdict = 'official' | 'not_official' | 'lookalike' | 'invalid';
export type InputKind = 'url' | 'domain' | 'email' | 'handle' | 'unknown';
export type ChannelKind = 'website' | 'domain' | 'email' | 'sender' | 'x' | 'reddit' | 'telegram' | 'app';
export type Platform = 'x' | 'reddit' | 'telegram';

export interface OfficialChannel {
  kind: ChannelKind;
  /** What people see: a host, an address, `@handle`, `r/community`, or an app's link. */
  value: string;
  /** Where it lives (https://…, mailto:…); null when it is not a link (an email sender). */
  url: string | null;
  /** Apps only: the store or platform name from BRAND_APPS. */
  label: string | null;
}

export type ReasonCode =
  | 'official_domain'
  | 'official_subdomain'
  | 'official_email'
  | 'official_sender'
  | 'official_handle'
  | 'official_community'
  | 'official_app'
  | 'insecure_http'
  | 'unusual_port'
  | 'punycode'
  | 'unusual_characters'
  | 'invisible_characters'
  | 'homoglyph'
  | 'typo'
  | 'other_tld'
  | 'extra_words'
  | 'subdomain_trick'
  | 'path_trick'
  | 'userinfo_trick'
  | 'impersonates_name'
  | 'brand_in_local_part'
  | 'display_name'
  | 'free_email'
  | 'unlisted_address'
  | 'spoofable_sender'
  | 'ip_address'
  | 'platform_page'
  | 'no_official_account'
  | 'telegram_invite'
  | 'community_posts'
  | 'reddit_user'
  | 'app_imitation'
  | 'not_listed'
  | 'empty'
  | 'too_long'
  | 'control_characters'
  | 'unsupported_scheme'
  | 'malformed';

/** ok: proves it is ours; info/warning: worth knowing; danger: evidence of imitation. */
export type ReasonLevel = 'ok' | 'info' | 'warning' | 'danger';

export interface Reason {
  code: ReasonCode;
  level: ReasonLevel;
  params: Record<string, string | number>;
}

export interface VerifyResult {
  /** The input, trimmed. */
  input: string;
  kind: InputKind;
  verdict: ChannelVerdict;
  /** The host (Unicode), address, `@handle` or `r/community` that was checked. */
  normalized: string | null;
  /** The official channel it is (official) or imitates (lookalike). */
  channel: OfficialChannel | null;
  reasons: Reason[];
}

// ---------------------------------------------------------------------------------------------
// The brand, as the verifier sees it

interface Token {
  /** Lower-case ASCII text of the name, e.g. `lanternfish`. */
  text: string;
  skel: string;
  channel: OfficialChannel;
}

interface Handle {
  name: string;
  channel: OfficialChannel;
}

interface AppListing {
  channel: OfficialChannel;
  key: string;
}

interface ChannelModel {
  channels: OfficialChannel[];
  domains: Array<{ host: string; channel: OfficialChannel }>;
  addresses: Map<string, OfficialChannel>;
  tokens: Token[];
  handles: { x: Handle; telegram: Handle | null; reddit: Handle };
  apps: AppListing[];
  brandName: string;
}

/** Words that make a brand name generic on their own ("Exchange", "Markets"); never used as tokens. */
const GENERIC_WORDS = new Set([
  'exchange', 'exchanges', 'market', 'markets', 'global', 'crypto', 'finance', 'financial', 'capital', 'trading', 'trade', 'bank',
  'wallet', 'digital', 'labs', 'group', 'network', 'coin', 'coins', 'international', 'holdings', 'limited', 'official', 'support',
  'token', 'tokens', 'asset', 'assets', 'money', 'swap', 'the', 'and', 'pro', 'plus', 'online', 'app',
]);

/** Two-label public suffixes and hosting platforms where the next label down is a separate owner. */
const MULTI_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'com.hk', 'com.tw', 'com.sg', 'com.au', 'net.au',
  'org.au', 'co.jp', 'ne.jp', 'or.jp', 'co.kr', 'co.nz', 'com.br', 'com.mx', 'co.in', 'co.za', 'com.tr', 'com.my', 'com.ph', 'com.vn',
  'co.id', 'com.ar', 'com.ua', 'co.il', 'com.pk', 'com.ng',
  'github.io', 'gitlab.io', 'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev', 'web.app', 'firebaseapp.com', 'herokuapp.com',
  'blogspot.com', 'azurewebsites.net', 'cloudfront.net', 'appspot.com', 'glitch.me', 'wixsite.com', 'weebly.com', 'ngrok.io',
  'ngrok-free.app', 'onrender.com', 'fly.dev', 'surge.sh', 'gitbook.io', 'notion.site', 'framer.app', 'webflow.io', 'carrd.co',
]);

const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com', 'icloud.com', 'me.com',
  'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.net', 'mail.com', 'mail.ru', 'yandex.com', 'yandex.ru', 'zoho.com',
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sohu.com', 'aliyun.com', 'tutanota.com',
]);

const X_HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);
const X_RESERVED = new Set(['home', 'explore', 'search', 'i', 'intent', 'share', 'settings', 'messages', 'notifications', 'hashtag', 'login', 'signup', 'tos', 'privacy', 'compose', 'account']);
const REDDIT_HOSTS = new Set(['reddit.com', 'www.reddit.com', 'old.reddit.com', 'new.reddit.com', 'np.reddit.com', 'm.reddit.com', 'sh.reddit.com']);
const TELEGRAM_HOSTS = new Set(['t.me', 'www.t.me', 'telegram.me', 'www.telegram.me', 'telegram.dog']);
const APP_STORE_HOSTS = new Set(['apps.apple.com', 'itunes.apple.com', 'play.google.com']);
const NON_WEB_SCHEMES = new Set(['javascript', 'data', 'vbscript', 'file', 'blob', 'about', 'chrome', 'intent', 'tel', 'sms', 'ftp', 'ws', 'wss']);

const reason = (code: ReasonCode, level: ReasonLevel, params: Record<string, string | number> = {}): Reason => ({ code, level, params });

const PLATFORM_URL: Record<Platform, (name: string) => string> = {
  x: (name) => `https://x.com/${encodeURIComponent(name)}`,
  reddit: (name) => `https://www.reddit.com/r/${encodeURIComponent(name)}`,
  telegram: (name) => `https://t.me/${encodeURIComponent(name)}`,
};

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** The store listing an app link points to (`apple:123…`, `play:com.example`), or its normalized URL. */
function appKey(url: URL): string {
  const host = url.hostname.toLowerCase();
  if (host === 'apps.apple.com' || host === 'itunes.apple.com') {
    const id = /\/id(\d+)/.exec(url.pathname)?.[1];
    if (id) return `apple:${id}`;
  }
  if (host === 'play.google.com') {
    const id = url.searchParams.get('id');
    if (id) return `play:${id.toLowerCase()}`;
  }
  return `${host}${url.pathname.replace(/\/+$/, '')}`;
}

function registrable(labels: string[]): { domain: string; label: string; suffix: string; sub: string[] } {
  const n = labels.length >= 3 && MULTI_LABEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
  const cut = Math.max(0, labels.length - n);
  const own = labels.slice(cut);
  return { domain: own.join('.'), label: own[0] ?? '', suffix: own.slice(1).join('.'), sub: labels.slice(0, cut) };
}

/** Every official channel of the brand, in the order the page lists them. */
export function listOfficialChannels(brand: BrandConfig): OfficialChannel[] {
  const channels: OfficialChannel[] = [];
  const websiteHost = hostOf(brand.website);
  channels.push({ kind: 'website', value: websiteHost ?? brand.website, url: brand.website, label: null });
  for (const domain of brand.officialDomains) {
    channels.push({ kind: 'domain', value: domain.toLowerCase(), url: `https://${domain.toLowerCase()}`, label: null });
  }
  const support = brand.supportEmail.toLowerCase();
  channels.push({ kind: 'email', value: support, url: `mailto:${support}`, label: null });
  for (const sender of brand.officialEmailSenders) {
    if (sender.toLowerCase() !== support) channels.push({ kind: 'sender', value: sender.toLowerCase(), url: null, label: null });
  }
  const x = brand.social.x.replace(/^@/, '');
  channels.push({ kind: 'x', value: `@${x}`, url: PLATFORM_URL.x(x), label: null });
  const reddit = brand.social.reddit.replace(/^\/?r\//i, '');
  channels.push({ kind: 'reddit', value: `r/${reddit}`, url: PLATFORM_URL.reddit(reddit), label: null });
  if (brand.social.telegram) {
    const telegram = brand.social.telegram.replace(/^@/, '');
    channels.push({ kind: 'telegram', value: `@${telegram}`, url: PLATFORM_URL.telegram(telegram), label: null });
  }
  for (const app of brand.apps) channels.push({ kind: 'app', value: app.url, url: app.url, label: app.label });
  return channels;
}

function buildModel(brand: BrandConfig): ChannelModel {
  const channels = listOfficialChannels(brand);
  const byKind = (kind: ChannelKind) => channels.filter((c) => c.kind === kind);
  const website = byKind('website')[0]!;

  const domains: ChannelModel['domains'] = [];
  const websiteHost = hostOf(brand.website);
  if (websiteHost) domains.push({ host: websiteHost, channel: website });
  for (const channel of byKind('domain')) if (channel.value !== websiteHost) domains.push({ host: channel.value, channel });

  const addresses = new Map<string, OfficialChannel>();
  for (const channel of [...byKind('email'), ...byKind('sender')]) addresses.set(channel.value, channel);

  const tokens: Token[] = [];
  const addToken = (text: string, channel: OfficialChannel) => {
    const clean = foldCompact(text);
    if (clean.length < 3 || tokens.some((t) => t.text === clean)) return;
    tokens.push({ text: clean, skel: skeleton(clean), channel });
  };
  // Registrable (bare) domains first, so a lookalike names the domain it copies rather than a subdomain.
  const bareFirst = [...domains].sort((a, b) => Number(registrable(a.host.split('.')).domain !== a.host) - Number(registrable(b.host.split('.')).domain !== b.host));
  for (const { host, channel } of bareFirst) addToken(registrable(host.split('.')).label, channel);
  const words = fold(brand.name).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4 && !GENERIC_WORDS.has(w));
  for (const word of words) addToken(word, website);
  if (foldCompact(brand.name).length >= 5) addToken(brand.name.replace(/[^\p{L}\p{N}]+/gu, ''), website);

  const handle = (kind: ChannelKind): Handle | null => {
    const channel = byKind(kind)[0];
    return channel ? { name: channel.value.replace(/^@|^r\//, '').toLowerCase(), channel } : null;
  };

  const apps: AppListing[] = [];
  for (const channel of byKind('app')) {
    try {
      apps.push({ channel, key: appKey(new URL(channel.value)) });
    } catch {
      // config.ts only lets valid https URLs through
    }
  }
  return { channels, domains, addresses, tokens, handles: { x: handle('x')!, telegram: handle('telegram'), reddit: handle('reddit')! }, apps, brandName: brand.name };
}

const models = new WeakMap<BrandConfig, ChannelModel>();
function modelOf(brand: BrandConfig): ChannelModel {
  let model = models.get(brand);
  if (!model) {
    model = buildModel(brand);
    models.set(brand, model);
  }
  return model;
}

// ---------------------------------------------------------------------------------------------
// Name comparison

type NameMatch =
  | { kind: 'exact' }
  | { kind: 'homoglyph' }
  | { kind: 'typo'; distance: number }
  | { kind: 'extra'; words: string[]; disguised: boolean; misspelt: number };

const maxDistance = (skel: string) => (skel.length >= 8 ? 2 : skel.length >= 5 ? 1 : 0);

/** How `name` (a domain label or handle) relates to a brand token: same, disguised, misspelt, or with words added. */
function compareName(name: string, token: Pick<Token, 'text' | 'skel'>): NameMatch | null {
  const lower = name.toLowerCase();
  const folded = foldCompact(name);
  const skel = skeleton(name);
  if (lower === token.text) return { kind: 'exact' };
  if (folded === token.text || skel === token.skel) return { kind: 'homoglyph' };
  const max = maxDistance(token.skel);
  if (max > 0) {
    const distance = Math.min(editDistance(folded, token.text, max), editDistance(skel, token.skel, max));
    if (distance <= max && distance > 0) return { kind: 'typo', distance };
  }
  if (token.skel.length < 5 || !skel.includes(token.skel)) {
    // Words added with separators around a misspelt name: "lanterfish-support".
    const parts = fold(name).split(/[-_.\s]+/).filter(Boolean);
    if (parts.length < 2 || max === 0) return null;
    const distanceOf = (part: string) => Math.min(editDistance(part, token.text, max), editDistance(skeleton(part), token.skel, max));
    const hit = parts.findIndex((part) => distanceOf(part) <= max);
    if (hit < 0) return null;
    const distance = distanceOf(parts[hit]!);
    return { kind: 'extra', words: parts.filter((_, i) => i !== hit), disguised: distance === 0, misspelt: distance };
  }
  const parts = fold(name).split(/[-_.\s]+/).filter(Boolean);
  const words: string[] = [];
  for (const part of parts) {
    const partSkel = skeleton(part);
    if (partSkel === token.skel) continue;
    if (partSkel.includes(token.skel) && part.includes(token.text)) {
      words.push(...part.split(token.text).filter(Boolean));
    } else {
      words.push(part);
    }
  }
  return { kind: 'extra', words: words.length ? words : [folded.replace(token.text, '')].filter(Boolean), disguised: !folded.includes(token.text), misspelt: 0 };
}

function charsParam(chars: ReturnType<typeof unusualCharacters>): { chars: string; scripts: string } {
  const scripts = [...new Set(chars.map((c) => c.script))] as ScriptName[];
  return { chars: chars.map((c) => `${c.char} ${c.codePoint}`).join(', '), scripts: scripts.join(',') };
}

// ---------------------------------------------------------------------------------------------
// Hosts

interface Finding {
  kind: InputKind;
  normalized: string | null;
  official: OfficialChannel | null;
  imitates: OfficialChannel | null;
  reasons: Reason[];
  invalid?: boolean;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/;

function validHost(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(labels.at(-1)!);
}

/** Checks an ASCII (IDNA) host name against the official domains and the brand's names. */
function analyzeHost(model: ChannelModel, asciiHost: string, kind: InputKind): Finding {
  const host = asciiHost.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || IPV4.test(host)) {
    return { kind, normalized: host, official: null, imitates: null, reasons: [reason('ip_address', 'warning', { host })] };
  }
  if (!validHost(host)) return { kind, normalized: host, official: null, imitates: null, reasons: [reason('malformed', 'warning')], invalid: true };
  const unicode = domainToUnicode(host) || host;
  for (const d of model.domains) {
    if (host === d.host) return { kind, normalized: unicode, official: d.channel, imitates: null, reasons: [reason('official_domain', 'ok', { domain: d.host })] };
  }
  for (const d of model.domains) {
    if (host.endsWith(`.${d.host}`)) return { kind, normalized: unicode, official: d.channel, imitates: null, reasons: [reason('official_subdomain', 'ok', { host: unicode, domain: d.host })] };
  }

  const reasons: Reason[] = [];
  if (host.split('.').some((l) => l.startsWith('xn--'))) reasons.push(reason('punycode', 'warning', { ascii: host, unicode }));
  const odd = unusualCharacters(unicode);
  if (odd.length) reasons.push(reason('unusual_characters', 'warning', charsParam(odd)));

  const labels = unicode.split('.');
  const own = registrable(labels);
  let imitates: OfficialChannel | null = null;
  for (const token of model.tokens) {
    const match = compareName(own.label, token);
    if (!match) continue;
    imitates ??= token.channel;
    const target = token.channel.value;
    if (match.kind === 'exact') reasons.push(reason('other_tld', 'danger', { shown: own.domain, suffix: own.suffix, target }));
    else if (match.kind === 'homoglyph') reasons.push(reason('homoglyph', 'danger', { shown: own.domain, target }));
    else if (match.kind === 'typo') reasons.push(reason('typo', 'danger', { shown: own.domain, target, distance: match.distance }));
    else {
      if (match.disguised) reasons.push(reason('homoglyph', 'danger', { shown: own.domain, target }));
      if (match.misspelt) reasons.push(reason('typo', 'danger', { shown: own.domain, target, distance: match.misspelt }));
      reasons.push(reason('extra_words', 'danger', { shown: own.domain, words: match.words.join(', '), target }));
    }
    break;
  }

  // An official domain, or the brand's name, in front of someone else's domain.
  const dotted = `.${host}.`;
  const planted = model.domains.find((d) => dotted.includes(`.${d.host}.`));
  if (planted) {
    imitates ??= planted.channel;
    reasons.push(reason('subdomain_trick', 'danger', { shown: planted.host, real: own.domain }));
  } else {
    for (const label of own.sub) {
      const token = model.tokens.find((t) => compareName(label, t));
      if (token) {
        imitates ??= token.channel;
        reasons.push(reason('subdomain_trick', 'danger', { shown: label, real: own.domain }));
        break;
      }
    }
  }
  return { kind, normalized: unicode, official: null, imitates, reasons };
}

// ---------------------------------------------------------------------------------------------
// Handles

type HandlePlace = { platform: Platform | 'any'; type: 'account' | 'community' | 'user' };

const HANDLE = /^[\p{L}\p{N}_.-]{1,64}$/u;

function analyzeHandle(model: ChannelModel, rawName: string, place: HandlePlace, kind: InputKind): Finding {
  const name = rawName.replace(/^@/, '').normalize('NFC');
  const shown = place.type === 'community' ? `r/${name}` : place.type === 'user' ? `u/${name}` : `@${name}`;
  if (!HANDLE.test(name)) return { kind, normalized: shown, official: null, imitates: null, reasons: [reason('malformed', 'warning')], invalid: true };
  const lower = name.toLowerCase();
  const { handles } = model;
  const candidates: Handle[] =
    place.type === 'community'
      ? [handles.reddit]
      : place.type === 'user'
        ? []
        : place.platform === 'x'
          ? [handles.x]
          : place.platform === 'telegram'
            ? handles.telegram
              ? [handles.telegram]
              : []
            : [handles.x, ...(handles.telegram ? [handles.telegram] : [])];
  const exact = candidates.find((c) => c.name === lower);
  if (exact) {
    const reasons = [reason(place.type === 'community' ? 'official_community' : 'official_handle', 'ok', { handle: exact.channel.value, platform: exact.channel.kind })];
    return { kind, normalized: shown, official: exact.channel, imitates: null, reasons };
  }

  const reasons: Reason[] = [];
  const odd = unusualCharacters(name);
  if (odd.length) reasons.push(reason('unusual_characters', 'warning', charsParam(odd)));
  // Preference: a disguised copy of our handle, then our name in any form, then a misspelt handle.
  let imitates: OfficialChannel | null = null;
  let misspelt: { channel: OfficialChannel; distance: number } | null = null;
  for (const candidate of candidates) {
    const match = compareName(name, { text: candidate.name.replace(/[._-]/g, ''), skel: skeleton(candidate.name) });
    if (match?.kind === 'homoglyph') {
      imitates = candidate.channel;
      reasons.push(reason('homoglyph', 'danger', { shown, target: candidate.channel.value }));
      break;
    }
    if (match?.kind === 'typo' && !misspelt) misspelt = { channel: candidate.channel, distance: match.distance };
  }
  if (!imitates) {
    for (const token of model.tokens) {
      const match = compareName(name, token);
      if (!match || (match.kind === 'typo' && misspelt)) continue;
      imitates = candidates[0]?.channel ?? token.channel;
      const target = imitates.value;
      if (match.kind === 'extra') {
        if (match.disguised) reasons.push(reason('homoglyph', 'danger', { shown, target }));
        if (match.misspelt) reasons.push(reason('typo', 'danger', { shown, target, distance: match.misspelt }));
        reasons.push(reason('extra_words', 'danger', { shown, words: match.words.join(', '), target }));
      } else if (match.kind === 'typo') {
        reasons.push(reason('typo', 'danger', { shown, target, distance: match.distance }));
      } else if (match.kind === 'homoglyph') {
        reasons.push(reason('homoglyph', 'danger', { shown, target }));
      } else {
        reasons.push(reason('impersonates_name', 'danger', { shown, target }));
      }
      break;
    }
  }
  if (!imitates && misspelt) {
    imitates = misspelt.channel;
    reasons.push(reason('typo', 'danger', { shown, target: misspelt.channel.value, distance: misspelt.distance }));
  }
  if (place.type === 'user') reasons.push(reason('reddit_user', 'info', { community: handles.reddit.channel.value }));
  else if (!candidates.length) reasons.push(reason('no_official_account', 'info', { platform: place.platform }));
  return { kind, normalized: shown, official: null, imitates, reasons };
}

// ---------------------------------------------------------------------------------------------
// URLs

function segmentsOf(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function analyzeSocialUrl(model: ChannelModel, url: URL, host: string): Finding | null {
  const segments = segmentsOf(url);
  if (X_HOSTS.has(host)) {
    const first = segments[0];
    if (!first || X_RESERVED.has(first.toLowerCase())) return { kind: 'url', normalized: host, official: null, imitates: null, reasons: [reason('platform_page', 'info', { platform: 'x' })] };
    return analyzeHandle(model, first, { platform: 'x', type: 'account' }, 'url');
  }
  if (REDDIT_HOSTS.has(host)) {
    const [first, second] = segments;
    if ((first === 'r' || first === 'u' || first === 'user') && second) {
      const result = analyzeHandle(model, second, { platform: 'reddit', type: first === 'r' ? 'community' : 'user' }, 'url');
      if (first === 'r' && result.official && segments.length > 2) result.reasons.push(reason('community_posts', 'info'));
      return result;
    }
    return { kind: 'url', normalized: host, official: null, imitates: null, reasons: [reason('platform_page', 'info', { platform: 'reddit' })] };
  }
  if (TELEGRAM_HOSTS.has(host)) {
    const name = segments[0] === 's' ? segments[1] : segments[0];
    if (!name) return { kind: 'url', normalized: host, official: null, imitates: null, reasons: [reason('platform_page', 'info', { platform: 'telegram' })] };
    if (name.startsWith('+') || name === 'joinchat') {
      const reasons = [reason('telegram_invite', 'warning')];
      if (!model.handles.telegram) reasons.push(reason('no_official_account', 'info', { platform: 'telegram' }));
      return { kind: 'url', normalized: `${host}/${name}`, official: null, imitates: null, reasons };
    }
    return analyzeHandle(model, name, { platform: 'telegram', type: 'account' }, 'url');
  }
  if (APP_STORE_HOSTS.has(host)) {
    const key = appKey(url);
    const listed = model.apps.find((a) => a.key === key);
    if (listed) return { kind: 'url', normalized: url.href, official: listed.channel, imitates: null, reasons: [reason('official_app', 'ok', { label: listed.channel.label ?? '', url: listed.channel.value })] };
    const names = [...segments, url.searchParams.get('id') ?? ''].filter(Boolean);
    for (const token of model.tokens) {
      if (token.skel.length < 4) continue;
      if (names.some((n) => skeleton(n).includes(token.skel))) {
        const imitates = model.apps[0]?.channel ?? token.channel;
        return { kind: 'url', normalized: url.href, official: null, imitates, reasons: [reason('app_imitation', 'danger', { target: model.brandName })] };
      }
    }
    return { kind: 'url', normalized: url.href, official: null, imitates: null, reasons: [reason('platform_page', 'info', { platform: host })] };
  }
  return null;
}

function analyzeUrl(model: ChannelModel, text: string, hasScheme: boolean): Finding {
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return { kind: 'url', normalized: null, official: null, imitates: null, reasons: [reason('malformed', 'warning')], invalid: true };
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') {
    return { kind: 'url', normalized: null, official: null, imitates: null, reasons: [reason('unsupported_scheme', 'warning', { scheme })], invalid: true };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const bare = !hasScheme && !/[/?#:]/.test(text);
  const kind: InputKind = bare ? 'domain' : 'url';

  const social = url.username || url.password ? null : analyzeSocialUrl(model, url, host);
  const result = social ?? analyzeHost(model, host, kind);
  if (result.invalid) return result;

  if (url.username || url.password) {
    let shown = url.username;
    try {
      shown = decodeURIComponent(url.username);
    } catch {
      // keep it encoded
    }
    if (result.official) {
      result.reasons.push(reason('userinfo_trick', 'warning', { shown, real: result.normalized ?? host }));
    } else {
      const mentionsUs = model.domains.some((d) => shown.toLowerCase().includes(d.host)) || model.tokens.some((t) => skeleton(shown).includes(t.skel));
      result.reasons.push(reason('userinfo_trick', mentionsUs ? 'danger' : 'warning', { shown, real: result.normalized ?? host }));
      if (mentionsUs) result.imitates ??= (model.domains.find((d) => shown.toLowerCase().includes(d.host)) ?? model.domains[0]!).channel;
    }
  }
  if (!result.official && !social) {
    let rest = `${url.pathname}${url.search}${url.hash}`.toLowerCase();
    try {
      rest = decodeURIComponent(rest);
    } catch {
      // keep it encoded
    }
    const planted = model.domains.find((d) => rest.includes(d.host));
    if (planted) {
      result.reasons.push(reason('path_trick', 'danger', { shown: planted.host, real: result.normalized ?? host }));
      result.imitates ??= planted.channel;
    }
  }
  if (!bare && scheme === 'http') result.reasons.push(reason('insecure_http', result.official ? 'info' : 'warning'));
  if (url.port && result.official) result.reasons.push(reason('unusual_port', 'warning', { port: url.port }));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Email addresses

function analyzeEmail(model: ChannelModel, address: string, displayName: string | null): Finding {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domainText = address.slice(at + 1);
  if (!local || local.length > 64 || /[\s<>()[\]\\,;:"@]/.test(local) || !domainText) {
    return { kind: 'email', normalized: address, official: null, imitates: null, reasons: [reason('malformed', 'warning')], invalid: true };
  }
  let asciiDomain: string;
  try {
    asciiDomain = new URL(`https://${domainText}`).hostname;
  } catch {
    return { kind: 'email', normalized: address, official: null, imitates: null, reasons: [reason('malformed', 'warning')], invalid: true };
  }
  const host = analyzeHost(model, asciiDomain, 'email');
  if (host.invalid) return { ...host, kind: 'email' };
  const normalized = `${local.toLowerCase()}@${host.normalized ?? asciiDomain}`;
  const listed = model.addresses.get(`${local.toLowerCase()}@${asciiDomain.toLowerCase()}`);
  const spoofable = reason('spoofable_sender', 'info');
  if (listed) {
    const code = listed.kind === 'email' ? 'official_email' : 'official_sender';
    return { kind: 'email', normalized, official: listed, imitates: null, reasons: [reason(code, 'ok', { address: listed.value }), spoofable] };
  }
  const reasons: Reason[] = [];
  let imitates = host.imitates;
  if (host.official) {
    reasons.push(reason('unlisted_address', 'warning', { domain: host.normalized ?? asciiDomain }));
  } else {
    reasons.push(...host.reasons.filter((r) => r.level !== 'ok'));
    const domain = asciiDomain.toLowerCase();
    if (FREE_MAIL.has(domain)) reasons.push(reason('free_email', 'warning', { domain }));
    const token = model.tokens.find((t) => t.skel.length >= 4 && skeleton(local).includes(t.skel));
    if (token) {
      imitates ??= token.channel;
      reasons.push(reason('brand_in_local_part', 'danger', { shown: local }));
    }
  }
  if (displayName && !host.official) {
    const nameToken = model.tokens.find((t) => t.skel.length >= 4 && skeleton(displayName).includes(t.skel));
    if (nameToken) {
      imitates ??= nameToken.channel;
      reasons.push(reason('display_name', 'danger', { name: displayName }));
    }
  }
  reasons.push(spoofable);
  return { kind: 'email', normalized, official: null, imitates, reasons };
}

// ---------------------------------------------------------------------------------------------
// Entry point

const INVISIBLE = /[\p{Cf}\u2800\u3164\u115F\u1160]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const CONTROL = /\p{Cc}/u;

function finish(input: string, part: Finding): VerifyResult {
  if (part.invalid) return { input, kind: part.kind, verdict: 'invalid', normalized: null, channel: null, reasons: part.reasons };
  if (part.official) return { input, kind: part.kind, verdict: 'official', normalized: part.normalized, channel: part.official, reasons: part.reasons };
  const lookalike = part.reasons.some((r) => r.level === 'danger');
  return {
    input,
    kind: part.kind,
    verdict: lookalike ? 'lookalike' : 'not_official',
    normalized: part.normalized,
    channel: lookalike ? part.imitates : null,
    reasons: [...part.reasons, reason('not_listed', lookalike ? 'danger' : 'warning')],
  };
}

const invalid = (input: string, code: ReasonCode, params: Record<string, string | number> = {}): VerifyResult => ({
  input,
  kind: 'unknown',
  verdict: 'invalid',
  normalized: null,
  channel: null,
  reasons: [reason(code, 'warning', params)],
});

/**
 * Checks a URL, bare domain, email address (optionally `Name <address>`), or social handle
 * (`@name`, `x.com/name`, `twitter.com/name`, `reddit.com/r/name`, `r/name`, `u/name`, `t.me/name`)
 * against the brand's official channels.
 */
export function verifyChannel(rawInput: string, brand: BrandConfig): VerifyResult {
  const model = modelOf(brand);
  // trim() strips the same set as /\s/ (U+3000 and U+FEFF included) in linear time; a /\s+$/ regex is
  // quadratic on long inner runs of spaces, and the page passes ?q= through unbounded.
  const trimmed = rawInput.trim();
  if (!trimmed) return invalid(trimmed, 'empty');
  if ([...trimmed].length > MAX_INPUT_LENGTH) return invalid(trimmed.slice(0, 80), 'too_long', { max: MAX_INPUT_LENGTH });
  if (CONTROL.test(trimmed)) return invalid(trimmed, 'control_characters');
  const notes: Reason[] = [];
  let text = trimmed;
  if (INVISIBLE.test(text)) {
    notes.push(reason('invisible_characters', 'danger'));
    text = text.replace(INVISIBLE_ALL, '');
  }
  if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1).trim();
  const withNotes = (part: Finding): VerifyResult => {
    // Invisible characters are a disguise only when what they hide is not plainly ours.
    if (part.official) return finish(trimmed, { ...part, reasons: [...part.reasons, ...notes.map((n) => ({ ...n, level: 'warning' as const }))] });
    return finish(trimmed, { ...part, reasons: [...notes, ...part.reasons] });
  };

  const named = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text);
  if (named) return withNotes(analyzeEmail(model, named[2]!, named[1]!.replace(/^["']|["']$/g, '').trim() || null));
  if (/^mailto:/i.test(text)) {
    const address = text.slice(7).split('?')[0] ?? '';
    try {
      return withNotes(analyzeEmail(model, decodeURIComponent(address), null));
    } catch {
      return invalid(trimmed, 'malformed');
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme && text.slice(scheme.length + 1).startsWith('//')) return withNotes(analyzeUrl(model, text, true));
  if (scheme && NON_WEB_SCHEMES.has(scheme)) return invalid(trimmed, 'unsupported_scheme', { scheme });
  if (/\s/.test(text)) return invalid(trimmed, 'malformed');

  const at = text.indexOf('@');
  if (at > 0 && !text.slice(0, at).includes('/')) return withNotes(analyzeEmail(model, text, null));
  if (text.startsWith('@')) return withNotes(analyzeHandle(model, text.slice(1), { platform: 'any', type: 'account' }, 'handle'));
  const reddit = /^\/?(r|u|user)\/([^/?#]+)\/?$/i.exec(text);
  if (reddit) return withNotes(analyzeHandle(model, reddit[2]!, { platform: 'reddit', type: reddit[1]!.toLowerCase() === 'r' ? 'community' : 'user' }, 'handle'));
  if (!/[./:]/.test(text)) {
    if (!HANDLE.test(text)) return invalid(trimmed, 'malformed');
    return withNotes(analyzeHandle(model, text, { platform: 'any', type: 'account' }, 'handle'));
  }
  return withNotes(analyzeUrl(model, text, false));
}
