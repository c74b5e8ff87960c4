import { domainToASCII, domainToUnicode } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, type BrandConfig } from '../../src/server/config.js';
import { editDistance, skeleton } from '../../src/server/modules/channels/skeleton.js';
import { listOfficialChannels, MAX_INPUT_LENGTH, verifyChannel, type VerifyResult } from '../../src/server/modules/channels/verify.js';

const lanternfish = loadConfig({}).brand;
const kestrel = loadConfig({
  BRAND_NAME: 'Kestrel Markets',
  BRAND_WEBSITE: 'https://kestrel.test',
  BRAND_SUPPORT_EMAIL: 'help@kestrel.test',
  BRAND_OFFICIAL_DOMAINS: 'kestrel.test,app.kestrel.test,kestrelmarkets.io',
  BRAND_OFFICIAL_EMAIL_SENDERS: 'help@kestrel.test,alerts@mail.kestrel.test',
  BRAND_SOCIAL_X: '@kestrelmkts',
  BRAND_SOCIAL_REDDIT: 'r/KestrelMarkets',
  BRAND_SOCIAL_TELEGRAM: '@kestrel_official',
  BRAND_APPS: 'Google Play=https://play.google.com/store/apps/details?id=test.kestrel.app',
}).brand;

const codes = (r: VerifyResult) => r.reasons.map((x) => x.code);

/** The brand's own pieces, read from its configuration (so the same tests run for any brand). */
function partsOf(brand: BrandConfig) {
  const apex = brand.officialDomains[0]!;
  const [label, ...rest] = apex.split('.');
  const suffix = rest.join('.');
  const handle = brand.social.x.slice(1);
  return { apex, label: label!, suffix, handle, reddit: brand.social.reddit.slice(2) };
}

/** Replaces the first character of `label` found in `table` by its substitute. */
function swapFirst(label: string, table: Record<string, string>): string {
  for (let i = 0; i < label.length; i++) {
    const sub = table[label[i]!];
    if (sub) return label.slice(0, i) + sub + label.slice(i + 1);
  }
  throw new Error(`no substitutable character in ${label}`);
}

const CYRILLIC = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х' };
const ACCENTED = { i: 'í', e: 'é', a: 'á', o: 'ó', u: 'ú' };
const DIGITS = { i: '1', l: '1', o: '0', e: '3' };

describe('skeleton and edit distance', () => {
  it('gives look-alikes the same skeleton', () => {
    const base = skeleton('lanternfish');
    for (const variant of ['lаnternfish', 'lanternfísh', 'lanternf1sh', 'LANTERNFISH', 'lantemfish', 'ｌａｎｔｅｒｎｆｉｓｈ', 'lantern-fish', 'lanternfıѕh']) {
      expect(skeleton(variant), variant).toBe(base);
    }
    expect(skeleton('vvallet')).toBe(skeleton('wallet'));
    expect(skeleton('lanternfish')).not.toBe(skeleton('lanternfly'));
  });

  it('counts insertions, deletions, substitutions and swaps, stopping above the limit', () => {
    expect(editDistance('lanternfish', 'lanternfish', 2)).toBe(0);
    expect(editDistance('lanterfish', 'lanternfish', 2)).toBe(1);
    expect(editDistance('lnaternfish', 'lanternfish', 2)).toBe(1);
    expect(editDistance('lanternfsh', 'lantrenfish', 2)).toBe(2);
    expect(editDistance('example', 'lanternfish', 2)).toBe(3);
  });
});

describe.each([
  ['Lanternfish (default)', lanternfish],
  ['Kestrel (custom brand)', kestrel],
])('verifier for %s', (_name, brand) => {
  const p = partsOf(brand);
  const verify = (value: string) => verifyChannel(value, brand);

  it('lists every configured channel', () => {
    const channels = listOfficialChannels(brand);
    const values = channels.map((c) => c.value);
    for (const domain of brand.officialDomains) expect(values).toContain(domain);
    expect(values).toContain(brand.supportEmail);
    expect(values).toContain(brand.social.x);
    expect(values).toContain(brand.social.reddit);
    for (const sender of brand.officialEmailSenders) expect(values).toContain(sender);
    for (const app of brand.apps) expect(channels.find((c) => c.kind === 'app' && c.url === app.url)?.label).toBe(app.label);
    expect(channels.some((c) => c.kind === 'telegram')).toBe(Boolean(brand.social.telegram));
  });

  it('recognizes official domains, URLs and subdomains of configured domains', () => {
    for (const domain of brand.officialDomains) {
      const r = verify(domain);
      expect(r.verdict, domain).toBe('official');
      expect(r.kind).toBe('domain');
      expect(codes(r)).toEqual(['official_domain']);
    }
    const website = verify(`${brand.website}/en/login?next=%2F`);
    expect(website.verdict).toBe('official');
    expect(website.kind).toBe('url');
    const sub = verify(`https://status.${p.apex}/incidents`);
    expect(sub.verdict).toBe('official');
    expect(sub.reasons[0]).toMatchObject({ code: 'official_subdomain', params: { domain: p.apex } });
    expect(verify(p.apex.toUpperCase()).verdict).toBe('official');
    expect(verify(`${p.apex}.`).verdict).toBe('official');
    // Pasted with ideographic spaces, a BOM or line breaks around it: trimmed, still ours.
    const padded = verify(`\u3000\uFEFF ${p.apex}\n\u3000`);
    expect(padded).toMatchObject({ input: p.apex, verdict: 'official' });
  });

  it('notes http and unusual ports on official addresses', () => {
    const http = verify(`http://${p.apex}/`);
    expect(http.verdict).toBe('official');
    expect(codes(http)).toContain('insecure_http');
    expect(codes(verify(`https://${p.apex}:8443/`))).toContain('unusual_port');
    expect(codes(verify(`https://${p.apex}/`))).not.toContain('insecure_http');
  });

  it('recognizes the support email and the configured senders, and nothing else on our domain', () => {
    const support = verify(brand.supportEmail.toUpperCase());
    expect(support.verdict).toBe('official');
    expect(support.channel?.kind).toBe('email');
    expect(codes(support)).toContain('spoofable_sender');
    for (const sender of brand.officialEmailSenders) expect(verify(sender).verdict, sender).toBe('official');
    const named = verify(`"Support" <${brand.officialEmailSenders.at(-1)}>`);
    expect(named.verdict).toBe('official');
    const unlisted = verify(`ceo@${p.apex}`);
    expect(unlisted.verdict).toBe('not_official');
    expect(codes(unlisted)).toContain('unlisted_address');
    expect(verify(`mailto:${brand.supportEmail}?subject=hi`).verdict).toBe('official');
  });

  it('recognizes social handles case-insensitively in every common form', () => {
    const upper = `@${p.handle.toUpperCase()}`;
    for (const form of [brand.social.x, upper, `x.com/${p.handle}`, `https://twitter.com/${p.handle}/status/123`, `https://mobile.twitter.com/${p.handle.toUpperCase()}`]) {
      const r = verify(form);
      expect(r.verdict, form).toBe('official');
      expect(r.channel?.kind).toBe('x');
    }
    for (const form of [brand.social.reddit, `reddit.com/r/${p.reddit.toLowerCase()}`, `https://www.reddit.com/r/${p.reddit}/`]) {
      const r = verify(form);
      expect(r.verdict, form).toBe('official');
      expect(r.channel?.kind).toBe('reddit');
    }
    const post = verify(`https://old.reddit.com/r/${p.reddit}/comments/abc/some_post/`);
    expect(post.verdict).toBe('official');
    expect(codes(post)).toContain('community_posts');
    expect(verify('https://x.com/').verdict).toBe('not_official');
    expect(codes(verify('https://x.com/explore'))).toContain('platform_page');
  });

  it('flags a punycode domain that decodes to a Cyrillic look-alike', () => {
    const unicode = `${swapFirst(p.label, CYRILLIC)}.${p.suffix}`;
    const ascii = domainToASCII(unicode);
    expect(ascii).toMatch(/^xn--/);
    const r = verify(ascii);
    expect(r.verdict).toBe('lookalike');
    expect(r.normalized).toBe(domainToUnicode(ascii));
    expect(codes(r)).toEqual(expect.arrayContaining(['punycode', 'unusual_characters', 'homoglyph']));
    expect(r.reasons.find((x) => x.code === 'unusual_characters')?.params.scripts).toBe('Cyrillic');
    expect(r.channel?.value).toBe(p.apex);
    // Typed in Unicode, the browser would go to the same punycode host.
    expect(verify(`https://${unicode}/login`).verdict).toBe('lookalike');
  });

  it('flags accented letters and digits used as letters', () => {
    const accented = verify(`${swapFirst(p.label, ACCENTED)}.${p.suffix}`);
    expect(accented.verdict).toBe('lookalike');
    expect(codes(accented)).toContain('homoglyph');
    const digit = verify(`${swapFirst(p.label, DIGITS)}.${p.suffix}`);
    expect(digit.verdict).toBe('lookalike');
    expect(codes(digit)).toContain('homoglyph');
  });

  it('flags extra words, other endings, misspellings and hyphenation', () => {
    for (const [value, code] of [
      [`${p.label}-support.${p.suffix}`, 'extra_words'],
      [`secure-${p.label}.com`, 'extra_words'],
      [`${p.label}login.net`, 'extra_words'],
      [`${p.label}-exchange.com`, 'extra_words'],
      [`${p.label}.com`, 'other_tld'],
      [`${p.label}.co`, 'other_tld'],
      [`${p.label}.github.io`, 'other_tld'],
      [`${p.label.slice(0, 2)}${p.label.slice(3)}.${p.suffix}`, 'typo'],
      [`${p.label}${p.label.at(-1)}.com`, 'typo'],
    ] as const) {
      const r = verify(value);
      expect(r.verdict, value).toBe('lookalike');
      expect(codes(r), value).toContain(code);
    }
    const extra = verify(`${p.label}-support.${p.suffix}`);
    expect(extra.reasons.find((x) => x.code === 'extra_words')?.params.words).toBe('support');
    const both = verify(`${p.label.slice(0, 2)}${p.label.slice(3)}-login.com`);
    expect(both.verdict).toBe('lookalike');
    expect(codes(both)).toEqual(expect.arrayContaining(['typo', 'extra_words']));
    expect(both.reasons.find((x) => x.code === 'typo')?.params.distance).toBe(1);
  });

  it('flags subdomain, path and user-info tricks', () => {
    const sub = verify(`${p.apex}.attacker.io`);
    expect(sub.verdict).toBe('lookalike');
    expect(sub.reasons.find((x) => x.code === 'subdomain_trick')?.params).toEqual({ shown: p.apex, real: 'attacker.io' });
    const brandSub = verify(`https://${p.label}.wallet-sync.net/`);
    expect(brandSub.verdict).toBe('lookalike');
    expect(codes(brandSub)).toContain('subdomain_trick');
    const path = verify(`https://evil.com/${p.apex}/login`);
    expect(path.verdict).toBe('lookalike');
    expect(codes(path)).toContain('path_trick');
    const userinfo = verify(`https://${p.apex}@attacker.io`);
    expect(userinfo.verdict).toBe('lookalike');
    expect(userinfo.normalized).toBe('attacker.io');
    expect(userinfo.reasons.find((x) => x.code === 'userinfo_trick')?.params).toEqual({ shown: p.apex, real: 'attacker.io' });
  });

  it('flags look-alike handles, emails and apps', () => {
    const help = verify(`@${p.label}_help`);
    expect(help.verdict).toBe('lookalike');
    expect(help.channel?.value).toBe(brand.social.x);
    const accented = verify(`@${swapFirst(p.label, ACCENTED)}`);
    expect(accented.verdict).toBe('lookalike');
    expect(codes(accented)).toContain('homoglyph');
    const underscores = verify(`@${p.handle}_`);
    expect(underscores.verdict).toBe('lookalike');
    const fakeReddit = verify(`reddit.com/r/${p.reddit}support`);
    expect(fakeReddit.verdict).toBe('lookalike');
    expect(fakeReddit.channel?.kind).toBe('reddit');
    expect(verify(`u/${p.label}`).verdict).toBe('lookalike');
    const freeMail = verify(`${p.label}.support@gmail.com`);
    expect(freeMail.verdict).toBe('lookalike');
    expect(codes(freeMail)).toEqual(expect.arrayContaining(['free_email', 'brand_in_local_part']));
    const display = verify(`"${brand.name} Support" <help@mailer.example.net>`);
    expect(display.verdict).toBe('lookalike');
    expect(codes(display)).toContain('display_name');
    expect(verify(`support@${p.label}-help.com`).verdict).toBe('lookalike');
    const app = verify(`https://play.google.com/store/apps/details?id=com.${p.label}.wallet`);
    expect(app.verdict).toBe('lookalike');
    expect(codes(app)).toContain('app_imitation');
    for (const listed of brand.apps) expect(verify(listed.url).verdict).toBe('official');
  });

  it('calls unrelated channels not official, without crying lookalike', () => {
    for (const value of ['example.org', 'https://www.wikipedia.org/wiki/Fish', 'someone@gmail.com', '@satoshi', 'r/cryptocurrency', 'https://x.com/nasa', '1.2.3.4', 'medium.com/@bob/review']) {
      const r = verify(value);
      expect(r.verdict, value).toBe('not_official');
      expect(r.channel).toBeNull();
      expect(r.reasons.some((x) => x.level === 'danger'), value).toBe(false);
      expect(codes(r)).toContain('not_listed');
    }
    expect(codes(verify('1.2.3.4'))).toContain('ip_address');
  });

  it('answers invalid for garbage', () => {
    for (const value of ['', '   ', '!!!', 'a b c', 'http://', 'https://exa mple.com', 'javascript:alert(1)', 'data:text/html,hi', 'ftp://lanternfish.example', '..', 'foo..bar', 'line\nbreak', `${'a'.repeat(MAX_INPUT_LENGTH)}.com`]) {
      const r = verify(value);
      expect(r.verdict, JSON.stringify(value)).toBe('invalid');
      expect(r.channel).toBeNull();
    }
    expect(codes(verify(''))).toEqual(['empty']);
    expect(verify(`${'a'.repeat(MAX_INPUT_LENGTH)}.com`).reasons[0]).toMatchObject({ code: 'too_long', params: { max: MAX_INPUT_LENGTH } });
    expect(codes(verify('javascript:alert(1)'))).toEqual(['unsupported_scheme']);
    // The page passes ?q= through unbounded: a long run of inner spaces is just too long.
    expect(codes(verify(`a${' '.repeat(20_000)}b`))).toEqual(['too_long']);
  });
});

describe('brand specifics', () => {
  it('follows the configuration, not the demo brand', () => {
    expect(verifyChannel('lanternfish.example', kestrel).verdict).toBe('not_official');
    expect(verifyChannel('kestrel.test', lanternfish).verdict).toBe('not_official');
    expect(verifyChannel('@kestrel_official', kestrel).channel?.kind).toBe('telegram');
    expect(verifyChannel('t.me/kestrel_official', kestrel).verdict).toBe('official');
    expect(verifyChannel('t.me/kestrel_support', kestrel).channel?.kind).toBe('telegram');
  });

  it('says a brand without Telegram has no official account there', () => {
    expect(lanternfish.social.telegram).toBeUndefined();
    const r = verifyChannel('https://t.me/lanternfish_support', lanternfish);
    expect(r.verdict).toBe('lookalike');
    expect(codes(r)).toContain('no_official_account');
    const invite = verifyChannel('https://t.me/+AbCdEf123', lanternfish);
    expect(invite.verdict).toBe('not_official');
    expect(codes(invite)).toEqual(expect.arrayContaining(['telegram_invite', 'no_official_account']));
  });

  it('handles the exact lookalikes from the issue for the demo brand', () => {
    const cases: Array<[string, string]> = [
      [domainToASCII('lаnternfish.example'), 'homoglyph'],
      ['lanternfísh.example', 'homoglyph'],
      ['lanternf1sh.example', 'homoglyph'],
      ['lanternfish-support.example', 'extra_words'],
      ['lanternfish.com', 'other_tld'],
      ['lanternfish.example.attacker.io', 'subdomain_trick'],
      ['https://lanternfish.example@attacker.io', 'userinfo_trick'],
      ['@lanternfish_help', 'extra_words'],
      ['@lanternfísh', 'homoglyph'],
    ];
    for (const [value, code] of cases) {
      const r = verifyChannel(value, lanternfish);
      expect(r.verdict, value).toBe('lookalike');
      expect(codes(r), value).toContain(code);
    }
  });

  it('does not let invisible characters disguise a lookalike', () => {
    const r = verifyChannel('lantern\u200bfish-support.example', lanternfish);
    expect(r.verdict).toBe('lookalike');
    expect(codes(r)).toContain('invisible_characters');
  });
});
