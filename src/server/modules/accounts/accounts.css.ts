import { createHash } from 'node:crypto';

/**
 * Form styles for the account pages, on top of the help center's stylesheet (which has none for
 * forms). Served from /hc/assets/accounts.css; colours reuse the help center's CSS variables.
 */
export const ACCOUNTS_CSS = `
.account-pages{max-width:34rem}
.account-pages.wide{max-width:48rem}
.form{margin:1rem 0 1.5rem}
.field{margin:0 0 1rem}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.field input{display:block;width:100%;font:inherit;padding:.55rem .75rem;border:2px solid #6b7487;border-radius:6px;background:#fff;color:var(--fg)}
.field.invalid input{border-color:#b3261e}
.field .hint{margin:.1rem 0 .35rem;color:var(--muted);font-size:.92rem}
.field-error{margin:.1rem 0 .35rem;color:#b3261e;font-weight:600;font-size:.95rem}
.alert{background:#fde8e7;color:#7a1a14;border-left:5px solid #b3261e;padding:.75rem 1rem;margin:1rem 0;border-radius:4px}
.alert p{margin:0}
.alert ul{margin:.35rem 0 0;padding-left:1.2rem}
.alert a{color:#7a1a14}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:1rem}
.links{margin:1rem 0;padding:0;list-style:none}
.links li{margin:.35rem 0}
.panel{border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0;background:#fff}
.panel h2{margin-top:0}
.panel dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}
.panel dt{font-weight:600}
.panel dd{margin:0;overflow-wrap:anywhere}
.badge{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.9rem;background:var(--soft);border:1px solid var(--line)}
.badge.ok{background:var(--ok-bg);color:var(--ok-fg);border-color:transparent}
.badge.warn{background:var(--warn-bg);color:var(--warn-fg);border-color:transparent}
.qr{display:block;width:220px;height:220px;margin:.75rem 0;border:1px solid var(--line);border-radius:6px;background:#fff}
.secret{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:1.05rem;letter-spacing:.05em;background:var(--soft);padding:.4rem .6rem;border-radius:4px;display:inline-block;overflow-wrap:anywhere}
form.inline{display:inline}
`
  .trim()
  .replace(/\n/g, '');

export const ACCOUNTS_CSS_HASH = createHash('sha256').update(ACCOUNTS_CSS).digest('hex').slice(0, 16);
export const ACCOUNTS_CSS_ETAG = `"${ACCOUNTS_CSS_HASH}"`;
export const ACCOUNTS_CSS_PATH = `/hc/assets/accounts.css?v=${ACCOUNTS_CSS_HASH}`;
