import type { BrandConfig } from '../../config.js';
import type { Locale } from '../../../shared/locales.js';
import { escapeHtml } from '../helpcenter/html.js';
import { RECORD_VERSION, genesisHash, type ChainedMessage, type RecordDocument } from './record-chain.js';

export interface RecordSource {
  ticket: { id: string; number: number; subject: string; created_at: string };
  comments: Array<{ seq: number; author_role: string; author_name: string | null; body: string; attachment_ids: string; prev_hash: string; hash: string; created_at: string }>;
  attachments: Array<{ id: string; filename: string; sha256: string; size: number }>;
}

/** The customer's copy of a conversation: public messages with their chained hashes. */
export function buildRecord(source: RecordSource): RecordDocument {
  const byId = new Map(source.attachments.map((a) => [a.id, a]));
  const messages = source.comments.map((c) => {
    const message: ChainedMessage = {
      seq: c.seq,
      author: c.author_role,
      authorName: c.author_name ?? '',
      body: c.body,
      attachments: (JSON.parse(c.attachment_ids) as string[]).flatMap((id) => {
        const a = byId.get(id);
        return a ? [{ filename: a.filename, sha256: a.sha256, size: a.size }] : [];
      }),
      createdAt: c.created_at,
    };
    return { ...message, prevHash: c.prev_hash, hash: c.hash };
  });
  return {
    format: RECORD_VERSION,
    ticket: { id: source.ticket.id, number: source.ticket.number, subject: source.ticket.subject, createdAt: source.ticket.created_at },
    messages,
    finalHash: messages.at(-1)?.hash ?? genesisHash(source.ticket.id),
  };
}

const labels = {
  'en-us': {
    title: 'Conversation record',
    request: 'Request',
    requester: 'You',
    agent: 'Support',
    system: 'System',
    final: 'Final hash',
    howTo: 'Each message carries a SHA-256 hash chained to the previous one. Keep this file (or the JSON version): run "pharos record verify <file>" to check that nothing was changed, removed or reordered.',
    attachments: 'Attachments',
    hash: 'Hash',
  },
  'zh-cn': {
    title: '对话记录',
    request: '请求',
    requester: '您',
    agent: '客服',
    system: '系统',
    final: '最终哈希',
    howTo: '每条消息都带有与上一条消息相链接的 SHA-256 哈希。请妥善保存本文件（或 JSON 版本）：运行 "pharos record verify <文件>" 可以检查记录是否被修改、删除或调换顺序。',
    attachments: '附件',
    hash: '哈希',
  },
} as const;

/** Self-contained HTML (no scripts, inline CSS) that embeds the JSON record for verification. */
export function renderRecordHtml(doc: RecordDocument, locale: Locale, brand: BrandConfig): string {
  const l = labels[locale];
  const who = (role: string) => (role === 'requester' ? l.requester : role === 'agent' ? l.agent : l.system);
  const items = doc.messages
    .map(
      (m) => `<article class="msg ${escapeHtml(m.author)}">
<header><strong>${escapeHtml(who(m.author))}</strong> ${m.authorName ? `· ${escapeHtml(m.authorName)}` : ''} <time datetime="${escapeHtml(m.createdAt)}">${escapeHtml(m.createdAt.replace('T', ' ').slice(0, 19))} UTC</time></header>
<div class="body">${escapeHtml(m.body).replace(/\n/g, '<br>')}</div>
${m.attachments.length ? `<p class="att">${l.attachments}: ${m.attachments.map((a) => `${escapeHtml(a.filename)} (${a.size} B, sha256 ${escapeHtml(a.sha256)})`).join('; ')}</p>` : ''}
<p class="hash">${l.hash}: <code>${escapeHtml(m.hash)}</code></p>
</article>`,
    )
    .join('\n');
  // The JSON copy is embedded in a non-executable block so the HTML file alone can be verified.
  const json = JSON.stringify(doc).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${locale === 'zh-cn' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(`${l.title} #${doc.ticket.number} — ${brand.name}`)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.6}.msg{border:1px solid #d0d7de;border-radius:8px;padding:.75rem 1rem;margin:1rem 0}.msg.agent{background:#f6f8fa}.hash,.att{font-size:.8rem;color:#57606a;word-break:break-all}code{font-size:.8rem}</style>
</head><body>
<h1>${escapeHtml(brand.name)} — ${l.title}</h1>
<p>${l.request} #${doc.ticket.number}: <strong>${escapeHtml(doc.ticket.subject)}</strong></p>
${items}
<p><strong>${l.final}:</strong> <code id="final-hash">${escapeHtml(doc.finalHash)}</code></p>
<p>${l.howTo}</p>
<script type="application/json" id="pharos-record">${json}</script>
</body></html>
`;
}

/** Extracts the embedded JSON from an exported HTML record (or parses a JSON record). */
export function parseRecordFile(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return JSON.parse(trimmed);
  const m = /<script type="application\/json" id="pharos-record">([\s\S]*?)<\/script>/.exec(text);
  if (!m) throw new Error('no embedded record found in this file');
  return JSON.parse(m[1]!);
}
