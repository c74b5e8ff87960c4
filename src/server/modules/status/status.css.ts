import { createHash } from 'node:crypto';

/**
 * Styles of the status banner, the status page and the request-form notice, on top of the help
 * center's stylesheet (its CSS variables). Served from /hc/assets/status.css; linked only by pages
 * that show notices. Colours keep WCAG AA contrast on their backgrounds.
 */
export const STATUS_CSS = `
.status-banner{border-bottom:1px solid var(--line);background:#e8f0fd;color:#0a2f66}
.status-banner.sev-high{background:#fde8e7;color:#7a1a14}
.status-banner.sev-mid{background:var(--warn-bg);color:var(--warn-fg)}
.status-banner .wrap{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem 1rem;padding-top:.5rem;padding-bottom:.5rem}
.status-banner h2{font-size:1rem;margin:0}
.status-banner ul{list-style:none;margin:0;padding:0;flex:1 1 20rem}
.status-banner li{margin:.1rem 0}
.status-banner a{color:inherit;font-weight:600}
.status-banner .when{font-size:.92rem}
.tag{display:inline-block;font-size:.8rem;font-weight:700;border-radius:999px;padding:0 .55rem;margin-right:.35rem;border:1px solid currentColor;line-height:1.5;vertical-align:.05em}
.tag.k-incident{color:#7a1a14}
.tag.k-maintenance{color:#0a2f66}
.tag.st-resolved{color:#14532d}
.tag.st-scheduled{color:#4a5468}
.system-status{border-radius:8px;padding:.75rem 1rem;margin:1rem 0;font-weight:700;background:var(--ok-bg);color:var(--ok-fg)}
.system-status.s-maintenance,.system-status.s-cancel_only{background:#fde8e7;color:#7a1a14}
.system-status.s-post_only{background:var(--warn-bg);color:var(--warn-fg)}
.system-status p{margin:0}
.system-status .meta{font-weight:400;color:inherit}
.notice-card{border:1px solid var(--line);border-left:5px solid var(--brand);border-radius:8px;padding:1rem;margin:0 0 1rem;background:#fff}
.notice-card.sev-high{border-left-color:#b3261e}
.notice-card.sev-mid{border-left-color:var(--warn-line)}
.notice-card.st-resolved{border-left-color:#2e7d32}
.notice-card h3{margin:.25rem 0 .5rem;font-size:1.1rem}
.notice-card dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:.5rem 0;font-size:.95rem}
.notice-card dt{color:var(--muted)}
.notice-card dd{margin:0}
.timeline{list-style:none;margin:.5rem 0 0;padding:0 0 0 .9rem;border-left:2px solid var(--line)}
.timeline li{margin:0 0 .6rem}
.timeline .meta{display:block;font-size:.88rem}
.timeline p{margin:.15rem 0}
.status-notices{border:1px solid var(--warn-line);border-left:5px solid var(--warn-line);border-radius:6px;padding:.75rem 1rem;margin:0 0 1.1rem;background:var(--warn-bg);color:var(--warn-fg)}
.status-notices h2{font-size:1.05rem;margin:0 0 .5rem}
.status-notices ol{list-style:none;margin:0;padding:0}
.status-notices li{padding:.5rem 0;border-top:1px solid var(--warn-line)}
.status-notices li:first-child{border-top:0}
.status-notices h3{font-size:1rem;margin:0 0 .25rem}
.status-notices .body p{margin:.2rem 0}
.status-notices a{color:inherit}
.status-notices form{margin:.4rem 0 0}
.status-notices button{font-size:.92rem;padding:.3rem .75rem}
.feed-link{font-size:.95rem}
`
  .trim()
  .replace(/\n/g, '');

export const STATUS_CSS_HASH = createHash('sha256').update(STATUS_CSS).digest('hex').slice(0, 16);
export const STATUS_CSS_ETAG = `"${STATUS_CSS_HASH}"`;
export const STATUS_CSS_PATH = `/hc/assets/status.css?v=${STATUS_CSS_HASH}`;
