import { createHash } from 'node:crypto';

/**
 * The API-Sign self-check, an ES module served from /hc/assets/api-sign.js. It computes
 * base64(HMAC-SHA512(key = base64decode(secret), path bytes + SHA-256(nonce + body))) with
 * WebCrypto, inside the tab: it never calls fetch/XHR/WebSocket/beacons, never builds URLs from
 * the inputs and never writes markup from strings (textContent only, so it runs under Trusted
 * Types). The page's CSP also forbids connections and form submissions.
 *
 * The algorithm is exported (apiSign, decodeBase64, bodyNonce, inputWarnings) so tests can run the
 * very same file outside a browser; the page is wired up only when `document` exists.
 * Kept as a string so that `tsc` builds carry it into dist/.
 */
export const API_SIGN_JS = String.raw`// API-Sign self-check (Pharos). Runs entirely in this browser tab.
const encoder = new TextEncoder();

/** Standard or URL-safe base64 → bytes; null when it isn't base64. Whitespace is ignored. */
export function decodeBase64(text) {
  let s = String(text).replace(/\s+/g, '');
  const urlSafe = /[-_]/.test(s);
  if (urlSafe) s = s.replace(/-/g, '+').replace(/_/g, '/');
  if (!s || !/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) return null;
  while (s.length % 4) s += '=';
  let binary;
  try { binary = atob(s); } catch (e) { return null; }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes, urlSafe };
}

export function encodeBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The API-Sign value for one request; the body is hashed exactly as given (form or JSON). */
export async function apiSign(input, subtle = globalThis.crypto && globalThis.crypto.subtle) {
  if (!subtle) throw new Error('no-webcrypto');
  const digest = new Uint8Array(await subtle.digest('SHA-256', encoder.encode(String(input.nonce) + String(input.body))));
  const path = encoder.encode(String(input.path));
  const message = new Uint8Array(path.length + digest.length);
  message.set(path, 0);
  message.set(digest, path.length);
  const key = await subtle.importKey('raw', input.secretBytes, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
  const signature = new Uint8Array(await subtle.sign('HMAC', key, message));
  return { signature: encodeBase64(signature), digestHex: hex(digest) };
}

/** The nonce inside a form-encoded or JSON body, or null. */
export function bodyNonce(body) {
  const text = String(body).trim();
  if (text.startsWith('{')) {
    try {
      const doc = JSON.parse(text);
      return doc && typeof doc === 'object' && doc.nonce !== undefined && doc.nonce !== null ? String(doc.nonce) : null;
    } catch (e) { return null; }
  }
  try { return new URLSearchParams(text).get('nonce'); } catch (e) { return null; }
}

/** Warnings about inputs that commonly explain a mismatch: [{ code, params }]. */
export function inputWarnings(raw) {
  const out = [];
  const path = String(raw.path).trim();
  if (raw.path !== path || raw.nonce !== String(raw.nonce).trim() || raw.secret !== String(raw.secret).trim()) out.push({ code: 'trimmed' });
  if (/^[a-z]+:\/\//i.test(path)) out.push({ code: 'pathHost' });
  else if (path && path[0] !== '/') out.push({ code: 'pathSlash' });
  if (path.includes('?')) out.push({ code: 'pathQuery' });
  if (raw.body !== String(raw.body).trim()) out.push({ code: 'bodySpace' });
  const inBody = bodyNonce(raw.body);
  const field = String(raw.nonce).trim();
  if (inBody === null) out.push({ code: 'nonceMissing' });
  else if (field && inBody !== field) out.push({ code: 'nonceMismatch', params: { field, body: inBody } });
  return out;
}

function format(template, params) {
  return String(template).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key) => (params && key in params ? String(params[key]) : whole));
}

function wire(doc) {
  const byId = (id) => doc.getElementById(id);
  const form = byId('api-sign-form');
  if (!form) return;
  let data = {};
  try { data = JSON.parse((byId('api-sign-data') || {}).textContent || '{}'); } catch (e) { data = {}; }
  const S = data.strings || {};
  const fields = { path: byId('sign-path'), nonce: byId('sign-nonce'), body: byId('sign-body'), secret: byId('sign-secret'), expected: byId('sign-expected') };
  const out = {
    section: byId('sign-result'), value: byId('sign-value'), digest: byId('sign-digest'), compare: byId('sign-compare'),
    warnings: byId('sign-warnings'), error: byId('sign-error'), hints: byId('sign-hints'),
  };
  const fieldset = form.querySelector('fieldset');
  if (fieldset) fieldset.disabled = false;
  doc.documentElement.classList.add('js');

  const clearList = (node) => { while (node && node.firstChild) node.removeChild(node.firstChild); };
  const reset = () => {
    out.section.hidden = true;
    out.value.textContent = '';
    out.digest.textContent = '';
    out.compare.textContent = '';
    out.compare.className = '';
    clearList(out.warnings);
    out.warnings.hidden = true;
    out.hints.hidden = true;
    out.error.textContent = '';
    out.error.hidden = true;
  };
  const fail = (message) => {
    reset();
    out.error.textContent = message;
    out.error.hidden = false;
  };
  if (!(globalThis.crypto && globalThis.crypto.subtle)) fail((S.errors || {}).noCrypto || 'WebCrypto unavailable');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const raw = { path: fields.path.value, nonce: fields.nonce.value, body: fields.body.value, secret: fields.secret.value };
    const path = raw.path.trim();
    let nonce = raw.nonce.trim();
    if (!path) return fail(S.errors.pathMissing);
    if (!raw.secret.trim()) return fail(S.errors.secretMissing);
    const secret = decodeBase64(raw.secret);
    if (!secret) return fail(S.errors.secretInvalid);
    if (!nonce) {
      const fromBody = bodyNonce(raw.body);
      if (fromBody !== null) { nonce = fromBody; fields.nonce.value = fromBody; raw.nonce = fromBody; }
    }
    let result;
    try {
      result = await apiSign({ path, nonce, body: raw.body, secretBytes: secret.bytes });
    } catch (e) {
      return fail(String(e && e.message) === 'no-webcrypto' ? S.errors.noCrypto : S.errors.failed);
    }
    reset();
    out.value.textContent = result.signature;
    out.digest.textContent = result.digestHex;
    const warnings = inputWarnings(raw);
    if (secret.urlSafe) warnings.push({ code: 'base64url' });
    for (const w of warnings) {
      const li = doc.createElement('li');
      li.textContent = format((S.warnings || {})[w.code] || w.code, w.params);
      out.warnings.appendChild(li);
    }
    out.warnings.hidden = warnings.length === 0;
    const expected = fields.expected.value.replace(/^\s*API-Sign\s*:/i, '').trim();
    if (expected) {
      const same = expected === result.signature;
      out.compare.textContent = same ? S.match : S.mismatch;
      out.compare.className = same ? 'notice' : 'problem';
      out.hints.hidden = same;
    }
    out.section.hidden = false;
    out.value.focus();
  });

  byId('sign-example').addEventListener('click', () => {
    const ex = data.example || {};
    fields.path.value = ex.path || '';
    fields.nonce.value = ex.nonce || '';
    fields.body.value = ex.body || '';
    fields.secret.value = ex.secret || '';
    fields.expected.value = ex.signature || '';
    reset();
  });
  byId('sign-clear').addEventListener('click', () => {
    for (const key of Object.keys(fields)) fields[key].value = '';
    reset();
    fields.path.focus();
  });
  // Leaving the page forgets the secret (the page is never cached, this covers the back button too).
  globalThis.addEventListener('pagehide', () => { fields.secret.value = ''; });
}

if (typeof document !== 'undefined') wire(document);
`;

export const API_SIGN_JS_HASH = createHash('sha256').update(API_SIGN_JS).digest('hex').slice(0, 16);
export const API_SIGN_JS_ETAG = `"${API_SIGN_JS_HASH}"`;
export const API_SIGN_JS_PATH = `/hc/assets/api-sign.js?v=${API_SIGN_JS_HASH}`;
