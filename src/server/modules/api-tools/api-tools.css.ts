import { createHash } from 'node:crypto';

/**
 * Extra styles for the API tools pages, on top of the help center's hc.css (same colours and
 * focus style). Served from /hc/assets/api-tools.css with a content-hash URL.
 */
export const API_TOOLS_CSS = `
.tools-nav ul{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.5rem 0 1rem}
.tools-nav a{display:inline-block;padding:.2rem .75rem;border:1px solid var(--line);border-radius:999px;text-decoration:none}
.tools-nav a[aria-current]{background:var(--brand);border-color:var(--brand);color:#fff}
form.tool{display:grid;gap:.35rem;margin:1rem 0;max-width:48rem}
form.tool fieldset{border:0;padding:0;margin:0;display:grid;gap:.35rem;min-width:0}
form.tool label{font-weight:600;margin-top:.5rem}
form.tool .hint{margin:0;color:var(--muted);font-size:.95rem}
form.tool textarea,form.tool input,form.tool select{font:inherit;width:100%;padding:.5rem .65rem;border:2px solid #6b7487;border-radius:6px;background:#fff;color:var(--fg)}
form.tool textarea,form.tool input.mono,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","Noto Sans Mono CJK SC",monospace}
form.tool textarea{min-height:7rem;resize:vertical}
form.tool input[type=number]{max-width:10rem}
form.tool select{max-width:20rem}
form.tool .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.75rem}
form.tool fieldset:disabled{opacity:.6}
textarea:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.problem{background:#fde8e8;color:#7a1010;border-left:5px solid #b42318;padding:.6rem 1rem;border-radius:4px;font-weight:600}
.errors{background:#fde8e8;color:#7a1010;border-left:5px solid #b42318;padding:.6rem 1rem;border-radius:4px}
.errors ul{margin:.25rem 0 0;padding-left:1.2rem}
.decoded{margin:1rem 0}
.decoded h3{margin:0 0 .4rem;overflow-wrap:anywhere}
.decoded h4{margin:.9rem 0 .25rem;font-size:1rem}
.decoded p,.decoded li{color:var(--fg)}
.decoded ul,.decoded ol{padding-left:1.3rem;margin:.25rem 0}
.decoded ul.badges,.badges{display:flex;flex-wrap:wrap;gap:.35rem;margin:.25rem 0 .5rem;padding:0;list-style:none}
.badge{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:999px;padding:.05rem .6rem;font-size:.85rem;color:var(--muted)}
.badge.fallback{background:var(--warn-bg);border-color:var(--warn-line);color:var(--warn-fg);font-weight:600}
.note{background:var(--soft);border-left:4px solid var(--line);padding:.4rem .75rem;margin:.5rem 0}
.codes{columns:1;padding-left:1.1rem}
.codes li{break-inside:avoid;padding:.1rem 0}
.table-wrap{overflow-x:auto;margin:.75rem 0}
table.data{border-collapse:collapse;width:100%;font-size:.95rem}
table.data caption{text-align:left;font-weight:600;padding:.25rem 0}
table.data th,table.data td{border:1px solid var(--line);padding:.35rem .55rem;text-align:left;vertical-align:top}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums}
table.data tr.rejected td{background:#fde8e8}
.ok{color:var(--ok-fg);font-weight:600}
.bad{color:#7a1010;font-weight:600}
output.signature{display:block;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:.6rem .75rem;border-radius:6px;overflow-wrap:anywhere;margin:.25rem 0 .75rem}
.js .nojs-only{display:none}
@media (min-width:48rem){.codes{columns:2;column-gap:2rem}}
`
  .trim()
  .replace(/\n/g, '');

export const API_TOOLS_CSS_HASH = createHash('sha256').update(API_TOOLS_CSS).digest('hex').slice(0, 16);
export const API_TOOLS_CSS_ETAG = `"${API_TOOLS_CSS_HASH}"`;
export const API_TOOLS_CSS_PATH = `/hc/assets/api-tools.css?v=${API_TOOLS_CSS_HASH}`;
