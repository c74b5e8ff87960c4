import { createHash } from 'node:crypto';

/**
 * Styles of the troubleshooter pages, on top of the help center's stylesheet (its CSS variables
 * and buttons). Served from /hc/assets/troubleshooters.css with a content hash in the link.
 */
export const TROUBLESHOOTER_CSS = `
.ts{max-width:48rem}
.ts-list{list-style:none;padding:0;margin:1rem 0;display:grid;gap:1rem;grid-template-columns:1fr}
.ts-list a{display:block;border:1px solid var(--line);border-radius:8px;padding:1rem;text-decoration:none;color:var(--fg);background:#fff;height:100%}
.ts-list a:hover{border-color:var(--brand);background:var(--soft)}
.ts-list strong{display:block;color:var(--brand);font-size:1.1rem;margin-bottom:.25rem}
.ts-list span{display:block;color:var(--muted)}
.ts-list .steps{font-size:.9rem;margin-top:.4rem}
.ts-progress{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem;margin:.25rem 0 1rem;color:var(--muted)}
.ts-progress progress{flex:0 1 12rem;height:.6rem;accent-color:var(--brand)}
.ts-answers{margin:0 0 1rem;padding:.75rem 1rem;border:1px solid var(--line);border-radius:8px;background:var(--soft)}
.ts-answers h2{font-size:1rem;margin:0 0 .5rem}
.ts-answers ol{margin:0;padding-left:1.25rem}
.ts-answers li{margin:.35rem 0}
.ts-answers .q{color:var(--muted)}
.ts-answers .a{font-weight:600;overflow-wrap:anywhere}
.ts-answers .change{font-size:.9rem;margin-left:.5rem}
.ts-check{border:1px solid var(--line);border-left:5px solid var(--brand);padding:.5rem .75rem;margin:.5rem 0;background:#fff;border-radius:4px;overflow-wrap:anywhere}
.ts-check.pass{border-left-color:#1e7b3a}
.ts-check.fail{border-left-color:#b3261e}
.ts-check p{margin:.2rem 0}
.ts-check .status{font-weight:700}
.ts-check.pass .status{color:#14532d}
.ts-check.fail .status{color:#7a1a14}
.ts-check ul{margin:.3rem 0 0;padding-left:1.1rem}
.ts-step{border:1px solid var(--line);border-radius:8px;padding:1rem;background:#fff;margin:0 0 1rem}
.ts-step h2{margin-top:0}
.ts-step fieldset{border:0;margin:0;padding:0;min-width:0}
.ts-step legend{padding:0;font-size:1.25rem;font-weight:700;line-height:1.3;margin-bottom:.5rem}
.ts-text{margin:.25rem 0 .75rem;color:var(--muted)}
.ts-choices{list-style:none;padding:0;margin:.5rem 0 1rem}
.ts-choices li{margin:.4rem 0}
.ts-choices label{display:flex;gap:.6rem;align-items:flex-start;padding:.6rem .75rem;border:1px solid var(--line);border-radius:6px;cursor:pointer}
.ts-choices label:hover{border-color:var(--brand);background:var(--soft)}
.ts-choices input{margin-top:.3rem;flex:none;width:1.1rem;height:1.1rem}
.ts-choices .help{display:block;color:var(--muted);font-size:.92rem}
.ts-field{margin:0 0 1rem}
.ts-field>label{display:block;font-weight:600;margin-bottom:.25rem}
.ts-field .opt{color:var(--muted);font-weight:400;font-size:.92rem;margin-left:.35rem}
.ts-field .hint{margin:.1rem 0 .35rem;color:var(--muted);font-size:.92rem}
.ts-field input,.ts-field select,.ts-field textarea{display:block;width:100%;font:inherit;padding:.55rem .75rem;border:2px solid #6b7487;border-radius:6px;background:#fff;color:var(--fg)}
.ts-field textarea{min-height:6rem;resize:vertical}
.ts-field .mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.95rem}
.ts-field.invalid input,.ts-field.invalid select,.ts-field.invalid textarea{border-color:#b3261e}
.ts-field .error{color:#b3261e;font-weight:600;margin:.1rem 0 .35rem}
.ts-alert{background:#fde8e7;color:#7a1a14;border-left:5px solid #b3261e;padding:.75rem 1rem;margin:0 0 1rem;border-radius:4px}
.ts-alert p{margin:.2rem 0}
.ts-alert ul{margin:.3rem 0 0;padding-left:1.2rem}
.ts-nav{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
.ts-end .button{margin:.5rem 0}
.ts-preview{margin:1rem 0;padding:.75rem 1rem;border:1px solid var(--line);border-radius:8px;background:var(--soft)}
.ts-preview dl{display:grid;grid-template-columns:1fr;gap:.15rem .75rem;margin:.5rem 0}
.ts-preview dt{font-weight:600}
.ts-preview dd{margin:0 0 .4rem;overflow-wrap:anywhere}
.ts-preview pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;margin:.25rem 0 0}
.ts-note{color:var(--muted);font-size:.92rem}
@media (min-width:40rem){.ts-list{grid-template-columns:repeat(2,1fr)}.ts-preview dl{grid-template-columns:max-content 1fr}.ts-preview dd{margin:0}}
`
  .trim()
  .replace(/\n/g, '');

export const TROUBLESHOOTER_CSS_HASH = createHash('sha256').update(TROUBLESHOOTER_CSS).digest('hex').slice(0, 16);
export const TROUBLESHOOTER_CSS_ETAG = `"${TROUBLESHOOTER_CSS_HASH}"`;
export const TROUBLESHOOTER_CSS_PATH = `/hc/assets/troubleshooters.css?v=${TROUBLESHOOTER_CSS_HASH}`;
