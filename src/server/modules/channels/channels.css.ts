import { createHash } from 'node:crypto';

/**
 * Styles of the official-channels page on top of the help center's stylesheet, served from
 * /hc/assets/channels.css. Verdicts are colour-coded and also carry a text label and a symbol, so
 * colour is never the only signal; every pair meets WCAG AA contrast.
 */
export const CHANNELS_CSS = `
.channels-page .lead{font-size:1.05rem}
.checker{border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0 1.5rem;background:var(--soft)}
.checker h2{margin-top:0}
.checker form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.checker .field{flex:1 1 18rem;min-width:0}
.checker label{display:block;font-weight:600;margin-bottom:.25rem}
.checker .hint{margin:.1rem 0 .35rem;color:var(--muted);font-size:.92rem}
.checker input{display:block;width:100%;font:inherit;padding:.55rem .75rem;border:2px solid #6b7487;border-radius:6px;background:#fff;color:var(--fg)}
.verdict{border-radius:8px;border:2px solid;border-left-width:8px;padding:1rem;margin:1rem 0 0;background:#fff}
.verdict:focus{outline:3px solid var(--focus)}
.verdict .verdict-title{font-size:1.2rem;font-weight:700;margin:0 0 .5rem;display:flex;gap:.5rem;align-items:center}
.verdict .verdict-icon{display:inline-flex;align-items:center;justify-content:center;width:1.8rem;height:1.8rem;border-radius:50%;color:#fff;font-size:1.1rem;flex:none}
.verdict p{margin:.35rem 0}
.verdict code{overflow-wrap:anywhere;background:rgba(0,0,0,.06);padding:.05rem .3rem;border-radius:3px}
.verdict h3{font-size:1rem;margin:.75rem 0 .25rem}
.verdict .reasons{margin:.25rem 0 0;padding-left:1.2rem}
.verdict .reasons li{margin:.2rem 0}
.verdict-official{border-color:#1e7e34;background:#e6f4ea;color:#14532d}
.verdict-official .verdict-icon{background:#1e7e34}
.verdict-lookalike{border-color:#b3261e;background:#fde8e7;color:#7a1a14}
.verdict-lookalike .verdict-icon{background:#b3261e}
.verdict-not_official{border-color:#b26a00;background:#fff4d6;color:#5a3b00}
.verdict-not_official .verdict-icon{background:#8a5300}
.verdict-invalid{border-color:#6b7487;background:#f3f5f9;color:#1d2330}
.verdict-invalid .verdict-icon{background:#4a5468}
.verdict a{color:inherit;font-weight:600}
.reasons .level-danger{font-weight:600}
.official-list{display:grid;gap:1rem;grid-template-columns:1fr;padding:0;margin:0;list-style:none}
.official-list>li{border:1px solid var(--line);border-radius:8px;padding:1rem;background:#fff}
.official-list h3{margin:0 0 .35rem}
.official-list ul{margin:.25rem 0;padding-left:1.1rem}
.official-list p{margin:.25rem 0;color:var(--muted);font-size:.95rem}
.official-list .value{font-weight:600;overflow-wrap:anywhere}
.never{border-left:5px solid #b3261e;background:#fde8e7;color:#7a1a14;border-radius:4px;padding:.75rem 1rem;margin:1.5rem 0}
.never h2{margin-top:0}
.never ul{margin:.25rem 0 0;padding-left:1.2rem}
@media (min-width:40rem){.official-list{grid-template-columns:repeat(2,1fr)}}
`
  .trim()
  .replace(/\n/g, '');

export const CHANNELS_CSS_HASH = createHash('sha256').update(CHANNELS_CSS).digest('hex').slice(0, 16);
export const CHANNELS_CSS_ETAG = `"${CHANNELS_CSS_HASH}"`;
export const CHANNELS_CSS_PATH = `/hc/assets/channels.css?v=${CHANNELS_CSS_HASH}`;
