import { useRef, useState } from 'react';
import type { Locale } from '../../../shared/locales.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, type Macro, type TicketPriority, type TicketStatus } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useDirectory, useSession } from '../../app/session.js';
import { useToast } from '../../app/toast.js';
import { ErrorNotice, Field, Loading, LocalizedInput, PageHeader } from '../../components/common.js';
import { useI18n } from '../../i18n/context.js';
import { insertPlaceholder, MACRO_PLACEHOLDERS, previewPlaceholders, type MacroPlaceholder } from '../../lib/macro.js';

type Draft = Omit<Macro, 'id'>;
const blank = (): Draft => ({ title: { 'en-us': '', 'zh-cn': '' }, body: { 'en-us': '', 'zh-cn': '' }, group_id: null, actions: {} });

export function MacrosAdmin() {
  const { t, locale } = useI18n();
  const { ep } = useSession();
  const list = useAsync(() => ep.macros.list(), [ep]);
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const current = list.data?.find((m) => m.id === selected);
  return (
    <section className="admin-page">
      <PageHeader
        title={t('macros.title')}
        intro={t('macros.intro')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setSelected('new')}>
            {t('macros.new')}
          </button>
        }
      />
      <ErrorNotice error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      <div className="master-detail">
        <nav className="master" aria-label={t('macros.title')}>
          <ul className="pick-list">
            {(list.data ?? []).map((m) => (
              <li key={m.id}>
                <button type="button" aria-current={selected === m.id ? 'true' : undefined} onClick={() => setSelected(m.id)}>
                  {m.title[locale] || m.title['en-us']}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="detail">
          {selected === 'new' ? (
            <MacroEditor
              key="new"
              initial={blank()}
              onSaved={(m) => {
                list.reload();
                setSelected(m.id);
              }}
            />
          ) : current ? (
            <MacroEditor
              key={current.id}
              id={current.id}
              initial={{ title: current.title, body: current.body, group_id: current.group_id ?? null, actions: current.actions ?? {} }}
              onSaved={() => list.reload()}
              onDeleted={() => {
                setSelected(null);
                list.reload();
              }}
            />
          ) : (
            <p className="muted">{t('macros.select')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function MacroEditor({ id, initial, onSaved, onDeleted }: { id?: string; initial: Draft; onSaved: (m: Macro) => void; onDeleted?: () => void }) {
  const { t, tx } = useI18n();
  const { ep, user } = useSession();
  const dir = useDirectory();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(initial);
  const lastBody = useRef<{ locale: Locale; el: HTMLTextAreaElement } | null>(null);
  const save = useAction(async () => {
    const result = id ? await ep.macros.update(id, draft) : await ep.macros.create(draft);
    toast(t('macros.saved'));
    onSaved(result.macro);
  });
  const remove = useAction(async () => {
    if (!id || !window.confirm(t('app.confirmDelete', { name: draft.title['en-us'] }))) return;
    await ep.macros.remove(id);
    onDeleted?.();
  });

  const insert = (name: MacroPlaceholder) => {
    const target = lastBody.current;
    const loc: Locale = target?.locale ?? 'en-us';
    const el = target?.el;
    const value = draft.body[loc];
    const { value: next, cursor } = insertPlaceholder(value, el?.selectionStart ?? value.length, el?.selectionEnd ?? value.length, name);
    setDraft({ ...draft, body: { ...draft.body, [loc]: next } });
    window.setTimeout(() => {
      el?.focus();
      el?.setSelectionRange(cursor, cursor);
    }, 0);
  };

  const sample = { 'requester.name': t('macros.sampleRequester'), 'requester.email': 'wang.fang@example.org', 'ticket.id': '10042', 'ticket.subject': t('macros.sampleSubject'), 'agent.name': user.name || t('macros.sampleAgent') };

  return (
    <form
      className="editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <LocalizedInput label={t('macros.title')} value={draft.title} onChange={(title) => setDraft({ ...draft, title })} />
      <div className="placeholder-bar" role="group" aria-label={t('macros.placeholders')}>
        <span className="muted small">{t('macros.placeholders')}:</span>
        {MACRO_PLACEHOLDERS.map((p) => (
          <button key={p} type="button" className="btn btn-tiny" onClick={() => insert(p)} aria-label={t('macros.insert', { name: p })}>
            {`{{${p}}}`}
          </button>
        ))}
      </div>
      <div className="localized-pair">
        {(['en-us', 'zh-cn'] as const).map((loc) => {
          const preview = previewPlaceholders(draft.body[loc], sample);
          return (
            <div key={loc} className="macro-body-col">
              <Field label={loc === 'en-us' ? t('macros.bodyEn') : t('macros.bodyZh')}>
                {(p) => (
                  <textarea
                    {...p}
                    lang={loc === 'zh-cn' ? 'zh-CN' : 'en'}
                    rows={8}
                    required
                    value={draft.body[loc]}
                    onFocus={(e) => (lastBody.current = { locale: loc, el: e.currentTarget })}
                    onChange={(e) => setDraft({ ...draft, body: { ...draft.body, [loc]: e.target.value } })}
                  />
                )}
              </Field>
              <h3 className="panel-subtitle">{t('macros.preview')}</h3>
              <div className="macro-preview" lang={loc === 'zh-cn' ? 'zh-CN' : 'en'}>
                {preview.text}
              </div>
              {preview.unknown.length ? <p className="notice notice-warning small">{t('macros.unknownPlaceholders', { names: preview.unknown.join(', ') })}</p> : null}
            </div>
          );
        })}
      </div>
      <div className="grid-3">
        <Field label={t('macros.group')}>
          {(p) => (
            <select {...p} value={draft.group_id ?? ''} onChange={(e) => setDraft({ ...draft, group_id: e.target.value || null })}>
              <option value="">{t('macros.allGroups')}</option>
              {dir.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {dir.groupName(g.id)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('macros.setStatus')}>
          {(p) => (
            <select
              {...p}
              value={draft.actions.status ?? ''}
              onChange={(e) => {
                const { status: _drop, ...rest } = draft.actions;
                setDraft({ ...draft, actions: e.target.value ? { ...rest, status: e.target.value as TicketStatus } : rest });
              }}
            >
              <option value="">{t('macros.noChange')}</option>
              {TICKET_STATUSES.filter((s) => s !== 'new' && s !== 'closed').map((s) => (
                <option key={s} value={s}>
                  {tx(`status.${s}`, s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('macros.setPriority')}>
          {(p) => (
            <select
              {...p}
              value={draft.actions.priority ?? ''}
              onChange={(e) => {
                const { priority: _drop, ...rest } = draft.actions;
                setDraft({ ...draft, actions: e.target.value ? { ...rest, priority: e.target.value as TicketPriority } : rest });
              }}
            >
              <option value="">{t('macros.noChange')}</option>
              {TICKET_PRIORITIES.map((pr) => (
                <option key={pr} value={pr}>
                  {tx(`priority.${pr}`, pr)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorNotice error={save.error ?? remove.error} />
      <div className="form-actions">
        {id ? (
          <button type="button" className="btn btn-danger" onClick={() => void remove.run()} disabled={remove.busy}>
            {t('app.delete')}
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={save.busy}>
          {save.busy ? t('app.saving') : id ? t('app.save') : t('app.create')}
        </button>
      </div>
    </form>
  );
}
