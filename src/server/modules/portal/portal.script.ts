import { createHash } from 'node:crypto';

/**
 * The request portal's only script, served from /hc/assets/request-form.js (CSP `script-src 'self'`).
 * It only enhances pages that work without it:
 * - request form: shows/hides conditional fields (the rules of src/shared/request-forms.ts, repeated
 *   here because this file is served as-is), the memo field for networks that use one, live
 *   validation through POST /api/v2/requests/validate (debounced), suggested articles while the
 *   subject/description are typed, and "this solved my problem" through the deflections API;
 *   status notices that concern the chosen asset/network (GET /api/v2/status/notices), with
 *   "this answers my question" through the notice deflections API;
 * - every page: uploads chosen files at once through POST /api/v2/uploads (the form then sends only
 *   the upload token), focuses the error summary, and keeps a form from being sent twice.
 * Plain ES2019 without dependencies; it never builds markup from strings (no innerHTML), so it runs
 * under Trusted Types. Kept as a string so that `tsc` builds carry it into dist/.
 */
export const REQUEST_FORM_JS = String.raw`(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');
  var data = {};
  var dataEl = doc.getElementById('portal-data');
  if (dataEl) { try { data = JSON.parse(dataEl.textContent || '{}'); } catch (e) { data = {}; } }
  var S = data.strings || {};
  var locale = data.locale || doc.documentElement.lang || 'en-us';

  function el(tag, attrs, children) {
    var node = doc.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k) && attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? doc.createTextNode(c) : c); });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function debounce(fn, ms) {
    var timer = null;
    return function () { if (timer) clearTimeout(timer); timer = setTimeout(fn, ms); };
  }
  function csrfOf(form) {
    var input = form && form.querySelector('input[name="_csrf"]');
    return input ? input.value : '';
  }
  function jsonHeaders(csrf) {
    var h = { 'content-type': 'application/json', accept: 'application/json' };
    if (csrf) h['x-csrf-token'] = csrf;
    return h;
  }
  function addToken(id, token, list) {
    var node = doc.getElementById(id);
    if (!node) return;
    var ids = (node.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    var has = ids.indexOf(token) >= 0;
    if (list && !has) ids.push(token);
    if (!list && has) ids.splice(ids.indexOf(token), 1);
    if (ids.length) node.setAttribute('aria-describedby', ids.join(' ')); else node.removeAttribute('aria-describedby');
  }

  /** Shows (or clears) the error under a control: text, aria-invalid, aria-describedby. */
  function setError(id, message) {
    var box = doc.getElementById(id + '-error');
    var control = doc.getElementById(id);
    if (!box || !control) return;
    box.textContent = message || '';
    box.hidden = !message;
    var wrapper = box.closest('.field');
    if (wrapper) wrapper.classList.toggle('invalid', !!message);
    if (message) control.setAttribute('aria-invalid', 'true'); else control.removeAttribute('aria-invalid');
    addToken(id, id + '-error', !!message);
  }
  function setWarnings(id, messages) {
    var box = doc.getElementById(id + '-warn');
    if (!box) return;
    clear(box);
    messages.forEach(function (msg) { box.appendChild(el('p', null, [msg])); });
    box.hidden = messages.length === 0;
    addToken(id, id + '-warn', messages.length > 0);
  }

  // ------------------------------------------------------------------------------------------
  // Conditional fields: the same rules as src/shared/request-forms.ts

  function holds(c, values) {
    var value = String(values[c.field] || '').trim();
    if (c.filled !== undefined && c.filled !== null) return c.filled ? value !== '' : value === '';
    if (c.equals) return c.equals.indexOf(value) >= 0;
    return true;
  }
  function isVisible(f, values) { return (f.visibleWhen || []).every(function (c) { return holds(c, values); }); }
  function isRequired(f, values) {
    if (!isVisible(f, values)) return false;
    if (typeof f.required === 'boolean') return f.required;
    return f.required.every(function (c) { return holds(c, values); });
  }

  var form = doc.getElementById('request-form');
  var fields = Array.isArray(data.fields) ? data.fields : [];

  function controlIdOf(field) {
    for (var i = 0; i < fields.length; i++) if (fields[i].key === field) return 'fx-' + field;
    if (field === 'uploads') return 'f-attachments';
    return 'f-' + field;
  }
  function controlOf(key) { return form ? form.elements.namedItem('field_' + key) : null; }
  function rawValues() {
    var values = {};
    fields.forEach(function (f) {
      var c = controlOf(f.key);
      values[f.key] = c && typeof c.value === 'string' ? c.value : '';
    });
    return values;
  }
  function memoPolicy() {
    var network = form ? form.querySelector('select[data-network]') : null;
    if (!network || !network.value) return 'none';
    var option = network.options[network.selectedIndex];
    return option ? option.getAttribute('data-memo') || 'none' : 'none';
  }

  function applyVisibility() {
    var values = rawValues();
    var memo = memoPolicy();
    fields.forEach(function (f) {
      var wrapper = doc.getElementById('w-' + f.key);
      var control = controlOf(f.key);
      if (!wrapper || !control) return;
      var visible = isVisible(f, values) && (f.type !== 'memo' || memo !== 'none');
      wrapper.hidden = !visible;
      // Hidden fields are not sent (the server ignores them anyway).
      control.disabled = !visible;
      var required = visible && (isRequired(f, values) || (f.type === 'memo' && memo === 'required'));
      control.required = required;
      var marker = wrapper.querySelector('.req');
      if (marker) marker.hidden = !required;
    });
  }

  // ------------------------------------------------------------------------------------------
  // Live validation

  var blurred = {};
  var validateSeq = 0;
  var LENGTH_CODES = { subject_too_short: 1, description_too_short: 1 };

  function collect() {
    var values = rawValues();
    var out = {};
    fields.forEach(function (f) {
      var c = controlOf(f.key);
      if (c && !c.disabled && values[f.key] !== '') out[f.key] = values[f.key];
    });
    return {
      request_type: data.type,
      subject: form.elements.namedItem('subject').value,
      description: form.elements.namedItem('description').value,
      fields: out,
      locale: locale,
      partial: true,
    };
  }

  function validateNow() {
    var seq = ++validateSeq;
    var body = collect();
    fetch('/api/v2/requests/validate', { method: 'POST', credentials: 'same-origin', headers: jsonHeaders(csrfOf(form)), body: JSON.stringify(body) })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (result) {
        if (!result || seq !== validateSeq) return;
        var errors = {};
        (result.errors || []).forEach(function (e) {
          // "Too short" waits until the user leaves the field; everything else shows while typing.
          if (LENGTH_CODES[e.code] && !blurred[e.field]) return;
          if (!errors[e.field]) errors[e.field] = e.message;
        });
        var warnings = {};
        (result.warnings || []).forEach(function (w) { (warnings[w.field] = warnings[w.field] || []).push(w.message); });
        var keys = ['subject', 'description'].concat(fields.map(function (f) { return f.key; }));
        keys.forEach(function (key) {
          var id = controlIdOf(key);
          var control = doc.getElementById(id);
          if (control && control.disabled) { setError(id, ''); setWarnings(id, []); return; }
          setError(id, errors[key] || '');
          setWarnings(id, warnings[key] || []);
        });
      })
      .catch(function () { /* offline: the server checks again on submit */ });
  }
  var validateSoon = debounce(validateNow, 300);

  // ------------------------------------------------------------------------------------------
  // Suggested articles and deflection

  var suggestSeq = 0;
  var lastQuery = '';
  function queryText() {
    var subject = form.elements.namedItem('subject').value;
    var description = form.elements.namedItem('description').value;
    return (subject + ' ' + description).replace(/\s+/g, ' ').trim().slice(0, 500);
  }

  /** Search snippets are escaped text with <mark> highlights: rebuilt as nodes, never parsed as HTML. */
  function snippetNodes(snippet) {
    var out = [];
    var decode = function (s) {
      return s.replace(/&(amp|lt|gt|quot|#39|#96);/g, function (_, name) {
        return { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '\u0060' }[name];
      });
    };
    String(snippet || '').split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (part) {
      var m = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
      var text = decode((m ? m[1] : part).replace(/<[^>]*>/g, ''));
      if (!text) return;
      out.push(m ? el('mark', null, [text]) : doc.createTextNode(text));
    });
    return out;
  }

  function showThanks(container, title, link) {
    var note = el('div', { class: 'notice', role: 'status', tabindex: '-1', id: 'deflected' }, [
      el('p', null, [S.thanksTitle || '']),
      el('p', null, [S.thanksText || '']),
    ]);
    if (link) note.appendChild(el('p', null, [el('a', { href: link }, [title])]));
    var again = el('button', { type: 'button', class: 'secondary' }, [S.stillNeedHelp || '']);
    note.appendChild(el('p', null, [again]));
    container.parentNode.insertBefore(note, container);
    var hidden = [];
    [doc.getElementById('suggestions'), doc.getElementById('status-notices'), form].forEach(function (node) { if (node && !node.hidden) { node.hidden = true; hidden.push(node); } });
    again.addEventListener('click', function () {
      hidden.forEach(function (node) { node.hidden = false; });
      note.parentNode.removeChild(note);
      var subject = doc.getElementById('f-subject');
      if (subject) subject.focus();
    });
    note.focus();
  }

  function deflect(articleId, slug, title, query, onError) {
    fetch('/api/v2/requests/deflections', {
      method: 'POST',
      credentials: 'same-origin',
      headers: jsonHeaders(csrfOf(form)),
      body: JSON.stringify({ article_id: articleId, query: query, request_type: data.type }),
    })
      .then(function (res) {
        if (res.status !== 201) throw new Error('deflection failed');
        showThanks(doc.getElementById('suggestions') || form, title, slug ? (data.articleBase || '') + encodeURIComponent(slug) : null);
      })
      .catch(onError);
  }

  function renderSuggestions(results, query) {
    var panel = doc.getElementById('live-suggestions');
    if (!panel) return;
    var list = panel.querySelector('ol');
    clear(list);
    results.slice(0, 3).forEach(function (r) {
      var title = r.title || r.name || '';
      var link = el('a', { href: (data.articleBase || '') + encodeURIComponent(r.slug), target: '_blank', rel: 'noopener' }, [title, el('span', { class: 'vh' }, [' ' + (S.newTab || '')])]);
      var button = el('button', { type: 'button', class: 'secondary', 'data-article-id': r.id }, [S.solved || '']);
      button.addEventListener('click', function () {
        button.setAttribute('aria-disabled', 'true');
        deflect(r.id, r.slug, title, query, function () { button.removeAttribute('aria-disabled'); });
      });
      list.appendChild(el('li', null, [link, el('p', null, snippetNodes(r.snippet)), button]));
    });
    panel.hidden = results.length === 0;
  }

  function suggestNow() {
    var query = queryText();
    if (query.length < 3 || query === lastQuery) return;
    lastQuery = query;
    var seq = ++suggestSeq;
    var url = '/api/v2/requests/suggestions?query=' + encodeURIComponent(query) + '&request_type=' + encodeURIComponent(data.type || '') + '&locale=' + encodeURIComponent(locale);
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (result) { if (result && seq === suggestSeq) renderSuggestions(result.results || [], query); })
      .catch(function () { /* suggestions are optional */ });
  }
  var suggestSoon = debounce(suggestNow, 500);

  // ------------------------------------------------------------------------------------------
  // Status notices: active incidents/maintenance that concern this type, asset and network.

  var noticePanel = doc.getElementById('status-notices');
  var noticeSeq = 0;
  function valueOfKind(kind) {
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].type !== kind) continue;
      var c = controlOf(fields[i].key);
      return c && !c.disabled && typeof c.value === 'string' ? c.value.trim() : '';
    }
    return '';
  }
  function noticeKey() { return [valueOfKind('asset'), valueOfKind('network')].join('|'); }
  var lastNoticeKey = noticeKey();
  function noticeLink(id) { return '/hc/' + encodeURIComponent(locale) + '/status#notice-' + encodeURIComponent(id); }

  function deflectNotice(id, title, onError) {
    fetch('/api/v2/status/notices/' + encodeURIComponent(id) + '/deflections', {
      method: 'POST',
      credentials: 'same-origin',
      headers: jsonHeaders(csrfOf(form)),
      body: JSON.stringify({ request_type: data.type, query: form ? queryText() : '' }),
    })
      .then(function (res) {
        if (res.status !== 201) throw new Error('deflection failed');
        showThanks(noticePanel, title, noticeLink(id));
      })
      .catch(onError);
  }

  function renderNotices(list) {
    var ol = noticePanel.querySelector('ol');
    clear(ol);
    list.forEach(function (n) {
      var tag = el('span', { class: 'tag k-' + (n.kind === 'maintenance' ? 'maintenance' : 'incident') }, [(n.kind === 'maintenance' ? S.noticeMaintenance : S.noticeIncident) || '']);
      var paragraphs = String(n.body_text || '').split(/\n+/).filter(Boolean).map(function (p) { return el('p', null, [p]); });
      var button = el('button', { type: 'button', class: 'secondary', 'data-notice-id': n.id }, [S.noticeAnswers || '']);
      button.addEventListener('click', function () {
        button.setAttribute('aria-disabled', 'true');
        deflectNotice(n.id, n.title || '', function () { button.removeAttribute('aria-disabled'); });
      });
      ol.appendChild(el('li', { 'data-notice': n.id, 'data-title': n.title || '' }, [
        el('h3', null, [tag, n.title || '']),
        el('div', { class: 'body' }, paragraphs),
        el('p', null, [el('a', { href: noticeLink(n.id) }, [S.noticeDetails || ''])]),
        el('p', null, [button]),
      ]));
    });
    noticePanel.hidden = list.length === 0;
  }

  function refreshNotices() {
    if (!noticePanel) return;
    var key = noticeKey();
    if (key === lastNoticeKey) return;
    lastNoticeKey = key;
    var seq = ++noticeSeq;
    var asset = valueOfKind('asset');
    var network = valueOfKind('network');
    var url = '/api/v2/status/notices?state=active&type=' + encodeURIComponent(data.type || '') + (asset ? '&asset=' + encodeURIComponent(asset) : '') + (network ? '&network=' + encodeURIComponent(network) : '') + '&locale=' + encodeURIComponent(locale);
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (result) { if (result && seq === noticeSeq) renderNotices(result.notices || []); })
      .catch(function () { /* the server-rendered list stays */ });
  }

  // Server-rendered notice forms: same endpoint as the live list, the plain post when it fails.
  Array.prototype.forEach.call(doc.querySelectorAll('form.notice-deflect'), function (small) {
    small.addEventListener('submit', function (event) {
      event.preventDefault();
      var item = small.closest('li');
      if (!item) { small.submit(); return; }
      deflectNotice(item.getAttribute('data-notice') || '', item.getAttribute('data-title') || '', function () { small.submit(); });
    });
  });

  if (form && data.type) {
    applyVisibility();
    form.addEventListener('input', function (event) {
      var target = event.target;
      if (target.type === 'file') return;
      applyVisibility();
      validateSoon();
      if (target.name === 'subject' || target.name === 'description') suggestSoon();
    });
    form.addEventListener('change', function (event) {
      if (event.target.type === 'file') return;
      applyVisibility();
      validateSoon();
      refreshNotices();
    });
    form.addEventListener('focusout', function (event) {
      var name = event.target.name;
      if ((name === 'subject' || name === 'description') && event.target.value) { blurred[name] = true; validateSoon(); }
    });
    // Values kept after a failed submit are judged at once.
    if (queryText()) { validateSoon(); suggestSoon(); }
  }

  // Server-rendered suggestion forms ("Check for answers first"): same endpoint as the live panel.
  Array.prototype.forEach.call(doc.querySelectorAll('form.deflect'), function (small) {
    small.addEventListener('submit', function (event) {
      event.preventDefault();
      var get = function (name) { var i = small.elements.namedItem(name); return i ? i.value : ''; };
      var item = small.closest('li');
      var link = item ? item.querySelector('a') : null;
      deflect(get('article_id'), get('article_slug'), link ? link.firstChild.textContent : '', get('query'), function () { small.submit(); });
    });
  });

  // ------------------------------------------------------------------------------------------
  // Attachments: uploaded as soon as they are chosen; the form then carries only the token.

  Array.prototype.forEach.call(doc.querySelectorAll('input[type=file][data-upload]'), function (input) {
    var owner = input.form;
    var id = input.getAttribute('data-upload');
    var tokenInput = owner ? owner.querySelector('input[type=hidden][name=uploads]') : null;
    var list = doc.getElementById(id + '-list');
    if (!owner || !tokenInput || !list || !window.FormData) return;
    input.addEventListener('change', function () {
      if (!input.files || !input.files.length) return;
      var body = new FormData();
      Array.prototype.forEach.call(input.files, function (file) { body.append('file', file, file.name); });
      var url = '/api/v2/uploads?locale=' + encodeURIComponent(locale) + (tokenInput.value ? '&token=' + encodeURIComponent(tokenInput.value) : '');
      var status = el('li', { class: 'meta', role: 'status' }, [S.uploading || '']);
      list.appendChild(status);
      owner.setAttribute('data-uploading', '1');
      setError(id, '');
      var headers = { accept: 'application/json' };
      var csrf = csrfOf(owner);
      if (csrf) headers['x-csrf-token'] = csrf;
      fetch(url, { method: 'POST', credentials: 'same-origin', headers: headers, body: body })
        .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json }; }, function () { return { ok: false, json: {} }; }); })
        .then(function (result) {
          if (!result.ok || !result.json.upload) throw new Error(result.json.message || S.uploadFailed || 'upload failed');
          tokenInput.value = result.json.upload.token;
          clear(list);
          result.json.upload.attachments.forEach(function (a) { list.appendChild(el('li', null, [a.file_name])); });
          input.value = '';
        })
        .catch(function (error) {
          if (status.parentNode) status.parentNode.removeChild(status);
          setError(id, (error && error.message) || S.uploadFailed || '');
          input.value = '';
        })
        .then(function () {
          if (status.parentNode) status.parentNode.removeChild(status);
          owner.removeAttribute('data-uploading');
        });
    });
  });

  // ------------------------------------------------------------------------------------------
  // One submit per form (the server's form token covers the rest); the error summary gets focus.

  Array.prototype.forEach.call(doc.querySelectorAll('form[data-once]'), function (f) {
    f.addEventListener('submit', function (event) {
      if (f.getAttribute('data-uploading')) {
        event.preventDefault();
        var input = f.querySelector('input[type=file][data-upload]');
        if (input) setError(input.getAttribute('data-upload'), S.waitUpload || '');
        return;
      }
      if (f.getAttribute('data-sent')) { event.preventDefault(); return; }
      f.setAttribute('data-sent', '1');
      Array.prototype.forEach.call(f.querySelectorAll('button[type=submit]'), function (b) { b.setAttribute('aria-disabled', 'true'); });
    });
  });
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(doc.querySelectorAll('form[data-sent]'), function (f) {
      f.removeAttribute('data-sent');
      Array.prototype.forEach.call(f.querySelectorAll('button[aria-disabled]'), function (b) { b.removeAttribute('aria-disabled'); });
    });
  });
  var summary = doc.getElementById('error-summary');
  if (summary) summary.focus();
})();
`;

export const REQUEST_FORM_JS_HASH = createHash('sha256').update(REQUEST_FORM_JS).digest('hex').slice(0, 16);
export const REQUEST_FORM_JS_ETAG = `"${REQUEST_FORM_JS_HASH}"`;
export const REQUEST_FORM_JS_PATH = `/hc/assets/request-form.js?v=${REQUEST_FORM_JS_HASH}`;
