import { useState } from 'react';
import type { Locale } from '../../../shared/locales.js';
import { NOTICE_IMPACTS, NOTICE_KINDS, type Localized, type NoticeImpact, type NoticeKind, type StatusNotice, type StatusNoticeInput } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { useToast } from '../../app/toast.js';
import { emptyLocalized, ErrorNotice, Field, Loading, LocalizedInput, PageHeader, Time } from '../../components/common.js';
import { MarkdownPreview } from '../../components/MarkdownPreview.js';
import { useI18n } from '../../i18n/context.js';
import { formatDateTime } from '../../lib/format.js';
import { fromLocalInput, splitList, toLocalInput } from './statusNotices.api.js';
import { useStatusNoticeText } from './statusNotices.messages.js';

interface Draft {
  kind: NoticeKind;
  impact: NoticeImpact;
  title: Localized;
  body: Localized;
  request_types: string[];
  assets: string;
  networks: string;
  /** datetime-local values in the browser's time zone. */
  starts: string;
  ends: string;
}

const blank = (): Draft => ({ kind: 'incident', impact: 'degraded', title: emptyLocalized(), body: emptyLocalized(), request_types: [], assets: '', networks: '', starts: '', ends: '' });

const draftOf = (n: StatusNotice): Draft => ({
  kind: n.kind,
  impact: n.impact,
  title: n.title,
  body: n.body,
  request_types: n.request_types,
  assets: n.assets.join(', '),
  networks: n.networks.join(', '),
  starts: toLocalInput(n.starts_at),
  ends: toLocalInput(n.ends_at),
});

function inputOf(d: Draft): StatusNoticeInput {
  const starts = fromLocalInput(d.starts);
  const ends = d.kind === 'maintenance' ? fromLocalInput(d.ends) : '';
  return {
    kind: d.kind,
    impact: d.impact,
    title: d.title,
    body: d.body,
    request_types: d.request_types,
    assets: splitList(d.assets),
    networks: splitList(d.networks),
    ...(starts ? { starts_at: starts } : {}),
    ends_at: ends || null,
  };
}

const stateBadge: Record<StatusNotice['state'], string> = { active: 'badge badge-warn', scheduled: 'badge', resolved: 'badge badge-ok' };

/** Admin page: publish incidents and maintenance, post updates, resolve (API: /api/v2/status_notices). */
export function StatusNoticesAdmin() {
  const s = useStatusNoticeText();
  const { locale } = useI18n();
  const { ep } = useSession();
  const list = useAsync((signal) => ep.statusNotices.list(signal), [ep]);
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const current = list.data?.status_notices.find((n) => n.id === selected);

  return (
    <section className="admin-page">
      <PageHeader
        title={s('title')}
        intro={s('intro')}
        actions={
          <>
            <a className="btn btn-ghost" href={`/hc/${locale}/status`} target="_blank" rel="noopener">
              {s('viewPublic')}
            </a>
            <button type="button" className="btn btn-primary" onClick={() => setSelected('new')}>
              {s('new')}
            </button>
          </>
        }
      />
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      <div className="master-detail">
        <nav className="master" aria-label={s('title')}>
          {list.data && !list.data.status_notices.length ? <p className="muted">{s('empty')}</p> : null}
          <ul className="pick-list">
            {(list.data?.status_notices ?? []).map((n) => (
              <li key={n.id}>
                <button type="button" aria-current={selected === n.id ? 'true' : undefined} onClick={() => setSelected(n.id)} data-notice={n.id}>
                  <span className={stateBadge[n.state]}>{s(`states.${n.state}`)}</span> {n.title[locale] || n.title['en-us']}
                  <br />
                  <span className="muted small">
                    {s(`kinds.${n.kind}`)} · <Time iso={n.starts_at} />
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="detail">
          {selected === 'new' ? (
            <NoticeEditor
              key="new"
              initial={blank()}
              onSaved={(n) => {
                list.reload();
                setSelected(n.id);
              }}
            />
          ) : current ? (
            <>
              <NoticeEditor key={`${current.id}:${current.updated_at}`} notice={current} initial={draftOf(current)} onSaved={() => list.reload()} onDeleted={() => { setSelected(null); list.reload(); }} />
              <NoticeTimeline key={`timeline:${current.id}`} notice={current} onChanged={() => list.reload()} />
            </>
          ) : (
            <p className="muted">{s('select')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function NoticeEditor({ notice, initial, onSaved, onDeleted }: { notice?: StatusNotice; initial: Draft; onSaved: (n: StatusNotice) => void; onDeleted?: () => void }) {
  const s = useStatusNoticeText();
  const { t, locale } = useI18n();
  const { ep } = useSession();
  const notices = ep.statusNotices;
  const types = useAsync(() => ep.requestTypes.list(), [ep]);
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(initial);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const save = useAction(async () => {
    const result = notice ? await notices.update(notice.id, inputOf(draft)) : await notices.create(inputOf(draft));
    toast(notice ? s('saved') : s('created'));
    onSaved(result.status_notice);
  });
  const remove = useAction(async () => {
    if (!notice || !window.confirm(s('confirmDelete', { title: notice.title[locale] || notice.title['en-us'] }))) return;
    await notices.remove(notice.id);
    toast(s('deleted'));
    onDeleted?.();
  });

  return (
    <form
      className="editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      {notice ? (
        <p>
          <span className={stateBadge[notice.state]}>{s(`states.${notice.state}`)}</span>{' '}
          {notice.resolved_at ? <span className="muted small">{s('resolvedAt', { time: formatDateTime(notice.resolved_at, locale) })}</span> : null}
          {notice.deflections ? <span className="muted small"> · {s('deflections', { count: notice.deflections })}</span> : null}
        </p>
      ) : null}
      <div className="grid-3">
        <Field label={s('kind')}>
          {(p) => (
            <select {...p} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as NoticeKind })}>
              {NOTICE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {s(`kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={s('impact')}>
          {(p) => (
            <select {...p} value={draft.impact} onChange={(e) => setDraft({ ...draft, impact: e.target.value as NoticeImpact })}>
              {NOTICE_IMPACTS.map((i) => (
                <option key={i} value={i}>
                  {s(`impacts.${i}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <LocalizedInput label={s('headline')} value={draft.title} onChange={(title) => setDraft({ ...draft, title })} />
      <fieldset className="localized">
        <legend>{s('body')}</legend>
        <div className="localized-pair">
          {(['en-us', 'zh-cn'] as const).map((loc: Locale) => (
            <div key={loc}>
              <Field label={t(`locales.${loc}`)}>
                {(p) => <textarea {...p} lang={loc === 'zh-cn' ? 'zh-CN' : 'en'} rows={7} required value={draft.body[loc]} onChange={(e) => setDraft({ ...draft, body: { ...draft.body, [loc]: e.target.value } })} />}
              </Field>
              {draft.body[loc] ? <MarkdownPreview source={draft.body[loc]} lang={loc === 'zh-cn' ? 'zh-CN' : 'en'} /> : null}
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="localized">
        <legend>{s('scope')}</legend>
        <p className="hint">{s('scopeHint')}</p>
        <fieldset className="group-checks">
          <legend>{s('requestTypes')}</legend>
          {(types.data ?? []).map((rt) => (
            <label key={rt.key} className="check">
              <input
                type="checkbox"
                checked={draft.request_types.includes(rt.key)}
                onChange={(e) => setDraft({ ...draft, request_types: e.target.checked ? [...draft.request_types, rt.key] : draft.request_types.filter((k) => k !== rt.key) })}
              />{' '}
              {rt.name}
            </label>
          ))}
        </fieldset>
        <div className="grid-3">
          <Field label={s('assets')} hint={s('assetsHint')}>
            {(p) => <input {...p} type="text" value={draft.assets} onChange={(e) => setDraft({ ...draft, assets: e.target.value })} autoComplete="off" />}
          </Field>
          <Field label={s('networks')} hint={s('networksHint')}>
            {(p) => <input {...p} type="text" value={draft.networks} onChange={(e) => setDraft({ ...draft, networks: e.target.value })} autoComplete="off" />}
          </Field>
        </div>
      </fieldset>
      <div className="grid-3">
        <Field label={s('startsAt')} hint={s('startsHint')}>
          {(p) => <input {...p} type="datetime-local" value={draft.starts} onChange={(e) => setDraft({ ...draft, starts: e.target.value })} />}
        </Field>
        {draft.kind === 'maintenance' ? (
          <Field label={s('endsAt')} hint={s('endsHint')}>
            {(p) => <input {...p} type="datetime-local" required value={draft.ends} onChange={(e) => setDraft({ ...draft, ends: e.target.value })} />}
          </Field>
        ) : null}
      </div>
      <p className="muted small">{s('timesLocal', { zone })}</p>
      <ErrorNotice error={save.error ?? remove.error} />
      <div className="form-actions">
        {notice ? (
          <button type="button" className="btn btn-danger" onClick={() => void remove.run()} disabled={remove.busy}>
            {s('delete')}
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={save.busy}>
          {save.busy ? s('saving') : notice ? s('save') : s('create')}
        </button>
      </div>
    </form>
  );
}

/** The update timeline with "post update" and "resolve" (each needs both languages). */
function NoticeTimeline({ notice, onChanged }: { notice: StatusNotice; onChanged: () => void }) {
  const s = useStatusNoticeText();
  const { locale } = useI18n();
  const notices = useSession().ep.statusNotices;
  const toast = useToast();
  const [text, setText] = useState<Localized>(emptyLocalized());
  const [closing, setClosing] = useState<Localized>(emptyLocalized());

  const post = useAction(async () => {
    await notices.postUpdate(notice.id, text);
    setText(emptyLocalized());
    toast(s('posted'));
    onChanged();
  });
  const resolve = useAction(async () => {
    if (!window.confirm(s('confirmResolve', { title: notice.title[locale] || notice.title['en-us'] }))) return;
    const given = closing['en-us'].trim() || closing['zh-cn'].trim();
    await notices.resolve(notice.id, given ? closing : null);
    setClosing(emptyLocalized());
    toast(s('resolved'));
    onChanged();
  });

  return (
    <section className="panel" aria-labelledby={`timeline-${notice.id}`}>
      <h2 className="panel-title" id={`timeline-${notice.id}`}>
        {s('timeline')}
      </h2>
      {notice.updates.length ? (
        <ol className="revisions">
          {notice.updates.map((u) => (
            <li key={u.id}>
              <strong>{s(`updateKind.${u.kind}`)}</strong> · <Time iso={u.created_at} />
              <p lang={locale === 'zh-cn' ? 'zh-CN' : 'en'}>{u.body[locale] || u.body['en-us']}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{s('noUpdates')}</p>
      )}
      <form
        className="editor"
        onSubmit={(e) => {
          e.preventDefault();
          void post.run();
        }}
      >
        <LocalizedInput label={s('updateText')} value={text} onChange={setText} multiline rows={3} />
        <ErrorNotice error={post.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={post.busy}>
            {s('postUpdate')}
          </button>
        </div>
      </form>
      {!notice.resolved_at ? (
        <form
          className="editor"
          onSubmit={(e) => {
            e.preventDefault();
            void resolve.run();
          }}
        >
          <LocalizedInput label={s('resolveText')} value={closing} onChange={setClosing} multiline rows={2} required={false} />
          <ErrorNotice error={resolve.error} />
          <div className="form-actions">
            <button type="submit" className="btn" disabled={resolve.busy}>
              {s('resolve')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
