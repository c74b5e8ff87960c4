import { createHash } from 'node:crypto';

/**
 * The help center's only stylesheet, served from /hc/assets/hc.css with a long cache lifetime
 * (the link carries a content hash) and an ETag. Mobile first; system font stacks with CJK
 * fallbacks; colours meet WCAG AA contrast on their backgrounds.
 */
export const HELP_CENTER_CSS = `
:root{--fg:#1d2330;--muted:#4a5468;--bg:#fff;--soft:#f3f5f9;--line:#d5dbe6;--brand:#0b4fa8;--brand-dark:#083a7a;--focus:#ffbf47;--warn-bg:#fff4d6;--warn-fg:#5a3b00;--warn-line:#d89b00;--ok-bg:#e6f4ea;--ok-fg:#14532d}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:var(--fg);background:var(--bg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Noto Sans CJK SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",sans-serif}
:lang(zh) body,body:lang(zh){font-family:"PingFang SC","Noto Sans CJK SC","Hiragino Sans GB","Microsoft YaHei",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.75}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","Noto Sans Mono CJK SC",monospace;font-size:.9em}
pre{overflow-x:auto;background:var(--soft);padding:.75rem;border-radius:6px}
a{color:var(--brand);text-underline-offset:.15em}
a:hover{color:var(--brand-dark)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,main:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--fg)}
img{max-width:100%;height:auto}
h1,h2,h3{line-height:1.3;margin:1.2em 0 .5em}
h1{font-size:1.6rem;margin-top:.4em}
h2{font-size:1.25rem}
h3{font-size:1.05rem}
ul.plain{list-style:none;padding:0;margin:0}
.vh{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:.5rem;top:-3rem;z-index:10;background:var(--fg);color:#fff;padding:.5rem 1rem;border-radius:4px}
.skip:focus{top:.5rem;color:#fff}
.wrap{max-width:68rem;margin:0 auto;padding:0 1rem}
.top{background:var(--brand-dark);color:#fff}
.top .bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding-top:.6rem;padding-bottom:.6rem}
.top a{color:#fff}
.top a:hover{color:#dbe7ff}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none;margin-right:auto}
.top nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
.hero{background:var(--soft);color:var(--fg);border-bottom:1px solid var(--line);padding:1.5rem 0}
.hero.slim{padding:.5rem 0}
.hero.slim form.search{margin:0}
.hero h1{margin:0 0 .75rem}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;margin:.5rem 0}
form.search input[type=search]{flex:1 1 14rem;min-width:0;font:inherit;padding:.55rem .75rem;border:2px solid #6b7487;border-radius:6px;background:#fff;color:var(--fg)}
form.search select{font:inherit;padding:.5rem;border:2px solid #6b7487;border-radius:6px;background:#fff;color:var(--fg)}
button,.button{font:inherit;cursor:pointer;padding:.55rem 1rem;border-radius:6px;border:2px solid var(--brand);background:var(--brand);color:#fff;text-decoration:none;display:inline-block}
button:hover,.button:hover{background:var(--brand-dark);border-color:var(--brand-dark);color:#fff}
button.secondary{background:#fff;color:var(--brand)}
button.secondary:hover{background:var(--soft);color:var(--brand-dark)}
.warning{background:var(--warn-bg);color:var(--warn-fg);border-left:5px solid var(--warn-line);padding:.75rem 1rem;margin:1rem 0;border-radius:4px}
.warning .title{display:block}
.warning p{margin:.25rem 0 0}
.notice{background:var(--ok-bg);color:var(--ok-fg);padding:.6rem 1rem;border-radius:4px;font-weight:600}
main{display:block;padding:.5rem 0 2rem}
main:focus{outline:none}
.crumbs ol{list-style:none;padding:0;margin:1rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem;font-size:.95rem;color:var(--muted)}
.crumbs li+li::before{content:"›";margin-right:.35rem;color:var(--muted)}
.grid{display:grid;gap:1rem;grid-template-columns:1fr;padding:0;list-style:none;margin:0}
.card{border:1px solid var(--line);border-radius:8px;padding:1rem;background:#fff}
.card h2,.card h3{margin-top:0}
.card p{margin:.25rem 0;color:var(--muted)}
.card ul{margin:.5rem 0 0;padding-left:1.1rem}
.list li{padding:.45rem 0;border-bottom:1px solid var(--line)}
.list li:last-child{border-bottom:0}
.meta{color:var(--muted);font-size:.95rem}
.labels{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.5rem 0}
.labels a{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:999px;padding:.1rem .7rem;font-size:.9rem;text-decoration:none}
.body{overflow-wrap:anywhere}
.body table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}
.body th,.body td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left}
.body blockquote{margin:1rem 0;padding:.25rem 1rem;border-left:4px solid var(--line);color:var(--muted)}
.ta-center{text-align:center!important}.ta-right{text-align:right!important}.ta-left{text-align:left!important}
.feedback{border-top:1px solid var(--line);margin-top:2rem;padding-top:1rem}
.feedback fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.feedback legend{font-weight:600;margin-bottom:.5rem;padding:0}
.result{padding:.75rem 0;border-bottom:1px solid var(--line)}
.result h2{font-size:1.1rem;margin:0 0 .25rem}
.result p{margin:0;color:var(--muted)}
mark{background:#ffe58f;color:inherit;padding:0 .1em;border-radius:2px}
.facets ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.4rem}
.facets a{display:inline-block;padding:.15rem .6rem;border:1px solid var(--line);border-radius:999px;text-decoration:none}
.facets a[aria-current]{background:var(--brand);border-color:var(--brand);color:#fff}
.pager{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1.5rem 0}
.contact .grid{grid-template-columns:1fr}
footer.foot{border-top:1px solid var(--line);background:var(--soft);color:var(--muted);font-size:.9rem;padding:1rem 0 2rem;margin-top:2rem}
footer.foot ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0}
@media (min-width:40rem){h1{font-size:2rem}.grid{grid-template-columns:repeat(2,1fr)}.contact .grid{grid-template-columns:repeat(2,1fr)}.hero{padding:2.5rem 0}.hero.slim{padding:.6rem 0}}
@media (min-width:64rem){.grid.three{grid-template-columns:repeat(3,1fr)}.layout{display:grid;grid-template-columns:minmax(0,1fr) 18rem;gap:2.5rem}}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important;transition:none!important}}
@media print{.top nav,.hero form,.feedback,.skip,footer.foot{display:none}}
`
  .trim()
  .replace(/\n/g, '');

export const HELP_CENTER_CSS_HASH = createHash('sha256').update(HELP_CENTER_CSS).digest('hex').slice(0, 16);
export const HELP_CENTER_CSS_ETAG = `"${HELP_CENTER_CSS_HASH}"`;
export const HELP_CENTER_CSS_PATH = `/hc/assets/hc.css?v=${HELP_CENTER_CSS_HASH}`;
