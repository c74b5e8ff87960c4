import { createHash } from 'node:crypto';

/**
 * Styles of the request portal (request form, my requests, request page), on top of the help
 * center's stylesheet. Served from /hc/assets/portal.css; colours reuse its CSS variables.
 */
export const PORTAL_CSS = `
.portal{max-width:48rem}
.portal.wide{max-width:60rem}
.types{display:grid;gap:1rem;grid-template-columns:1fr;list-style:none;padding:0;margin:1rem 0}
.types a{display:block;border:1px solid var(--line);border-radius:8px;padding:1rem;text-decoration:none;color:var(--fg);background:#fff;height:100%}
.types a:hover{border-color:var(--brand);background:var(--soft)}
.types strong{display:block;color:var(--brand);font-size:1.1rem;margin-bottom:.25rem}
.types span{color:var(--muted)}
.form{margin:1rem 0 1.5rem}
.field{margin:0 0 1.1rem}
.field>label,.field>.label{display:block;font-weight:600;margin-bottom:.25rem}
.field input:not([type=radio]):not([type=file]),.field select,.field textarea{display:block;width:100%;font:inherit;padding:.55rem .75rem;border:2px solid #6b7487;border-radius:6px;background:#fff;color:var(--fg)}
.field textarea{min-height:8rem;resize:vertical}
.field input[type=file]{display:block;font:inherit;max-width:100%}
.field.invalid input:not([type=radio]):not([type=file]),.field.invalid select,.field.invalid textarea{border-color:#b3261e}
.field .hint,.field .cond{margin:.1rem 0 .35rem;color:var(--muted);font-size:.92rem}
.js .field .cond{display:none}
.req{color:#b3261e;margin-left:.2rem}
.opt{color:var(--muted);font-weight:400;font-size:.92rem;margin-left:.35rem}
.field-error{margin:.1rem 0 .35rem;color:#b3261e;font-weight:600;font-size:.95rem}
.field-warn{margin:.1rem 0 .35rem;color:var(--warn-fg);background:var(--warn-bg);border-left:4px solid var(--warn-line);padding:.25rem .6rem;font-size:.95rem}
.alert{background:#fde8e7;color:#7a1a14;border-left:5px solid #b3261e;padding:.75rem 1rem;margin:1rem 0;border-radius:4px}
.alert p{margin:0}
.alert ul{margin:.35rem 0 0;padding-left:1.2rem}
.alert a{color:#7a1a14}
.alert:focus{outline:3px solid var(--focus);outline-offset:2px}
.notice p{margin:.25rem 0}
.notice p+p{font-weight:400}
.notice a{color:var(--ok-fg)}
.linkbox{display:block;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem;background:#fff;border:1px solid var(--line);border-radius:4px;padding:.35rem .5rem;overflow-wrap:anywhere;font-weight:400}
.links{margin:1rem 0;padding:0;list-style:none}
.links li{margin:.35rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:1rem}
button[aria-disabled=true]{opacity:.6;cursor:progress}
.suggestions{border:1px solid var(--line);border-left:5px solid var(--brand);border-radius:6px;padding:.75rem 1rem;margin:0 0 1.1rem;background:var(--soft)}
.suggestions h2{font-size:1.05rem;margin:0 0 .5rem}
.suggestions ol{list-style:none;padding:0;margin:0}
.suggestions li{padding:.5rem 0;border-top:1px solid var(--line)}
.suggestions li:first-child{border-top:0}
.suggestions p{margin:.15rem 0 .4rem;color:var(--muted);font-size:.95rem}
.suggestions form{margin:0}
.suggestions button{font-size:.92rem;padding:.3rem .75rem}
.uploaded{list-style:none;padding:0;margin:.35rem 0}
.uploaded li::before{content:"📎 "}
.badge{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.88rem;font-weight:600;border:1px solid transparent;white-space:nowrap}
.badge.s-new{background:#e8f0fe;color:#0b3d91}
.badge.s-open{background:#fff4d6;color:#5a3b00}
.badge.s-pending{background:#f3e8ff;color:#4a1d7a}
.badge.s-hold{background:#eceff3;color:#333d4d}
.badge.s-solved{background:var(--ok-bg);color:var(--ok-fg)}
.badge.s-closed{background:#eceff3;color:#333d4d}
.filters{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.5rem 0 1rem}
.filters a{display:inline-block;padding:.15rem .7rem;border:1px solid var(--line);border-radius:999px;text-decoration:none}
.filters a[aria-current]{background:var(--brand);border-color:var(--brand);color:#fff}
table.requests{width:100%;border-collapse:collapse;margin:.5rem 0}
table.requests caption{text-align:left;color:var(--muted);font-size:.92rem;padding-bottom:.35rem}
table.requests th,table.requests td{text-align:left;padding:.5rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
table.requests td.subject{overflow-wrap:anywhere}
@media (max-width:40rem){table.requests thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}table.requests tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}table.requests td{display:block;border:0;padding:.1rem 0}}
.facts{display:grid;grid-template-columns:1fr;gap:.15rem 1rem;margin:0}
.facts dt{font-weight:600;color:var(--muted)}
.facts dd{margin:0 0 .5rem;overflow-wrap:anywhere}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92rem;overflow-wrap:anywhere}
.thread{list-style:none;padding:0;margin:0}
.msg{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem;background:#fff}
.msg.agent{background:var(--soft)}
.msg header{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;margin-bottom:.35rem}
.msg .who{font-weight:700}
.msg .when{color:var(--muted);font-size:.9rem}
.msg .text{white-space:pre-wrap;overflow-wrap:anywhere}
.msg ul{margin:.5rem 0 0;padding-left:1.1rem}
.panel{border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1.25rem 0;background:#fff}
.panel h2{margin-top:0}
.panel fieldset{border:0;padding:0;margin:0 0 .75rem}
.panel legend{font-weight:600;padding:0;margin-bottom:.35rem}
.choice{display:flex;gap:.5rem;align-items:center;margin:.25rem 0}
.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;overflow-wrap:anywhere;background:var(--soft);padding:.2rem .4rem;border-radius:4px}
.downloads{display:flex;flex-wrap:wrap;gap:.75rem;margin:.5rem 0}
.button.secondary{background:#fff;color:var(--brand)}
.button.secondary:hover{background:var(--soft);color:var(--brand-dark)}
@media (min-width:40rem){.types{grid-template-columns:repeat(2,1fr)}.facts{grid-template-columns:max-content 1fr}.facts dd{margin:0}}
`
  .trim()
  .replace(/\n/g, '');

export const PORTAL_CSS_HASH = createHash('sha256').update(PORTAL_CSS).digest('hex').slice(0, 16);
export const PORTAL_CSS_ETAG = `"${PORTAL_CSS_HASH}"`;
export const PORTAL_CSS_PATH = `/hc/assets/portal.css?v=${PORTAL_CSS_HASH}`;
