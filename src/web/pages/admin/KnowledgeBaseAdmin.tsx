import { useEffect, useMemo, useState } from 'react';
import { LOCALES, type Locale } from '../../../shared/locales.js';
import { ApiError } from '../../api/errors.js';
import type { KbArticle, KbRevision } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { useToast } from '../../app/toast.js';
import { Dialog, ErrorNotice, Field, Loading, PageHeader, Time } from '../../components/common.js';
import { MarkdownPreview } from '../../components/MarkdownPreview.js';
import { useI18n } from '../../i18n/context.js';
import { sameOriginPath } from '../../lib/format.js';
import { KbStructure } from './KbStructure.js';

interface Translation {
  title: string;
  body: string;
  draft: boolean;
  labels: string;
  exists: boolean;
  revision?: number;
  html_url?: string;
}

const emptyTranslation = (): Translation => ({ title: '', body: '', draft: true, labels: '', exists: false });
const toTranslation = (a: KbArticle): Translation => ({ title: a.title, body: a.body_markdown ?? '', draft: a.draft, labels: a.label_names.join(', '), exists: true, ...(a.revision !== undefined ? { revision: a.revision } : {}), html_url: a.html_url });
const labelList = (labels: string) => labels.split(',').map((l) => l.trim()).filter(Boolean);

export function KnowledgeBaseAdmin() {
  const { t, locale } = useI18n();
  const { ep } = useSession();
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const [tab, setTab] = useState<'articles' | 'structure'>('articles');
  const lists = useAsync(async () => {
    const lists = await Promise.all(LOCALES.map(async (l) => [l, await ep.kb.articles(l).catch(() => [] as KbArticle[])] as const));
    return Object.fromEntries(lists) as Record<Locale, KbArticle[]>;
  }, [ep]);

  // One entry per article id, with the locales it exists in.
  const articles = useMemo(() => {
    const byId = new Map<string, { id: string; titles: Partial<Record<Locale, string>>; drafts: Partial<Record<Locale, boolean>>; updated: string }>();
    if (!lists.data) return [];
    for (const l of LOCALES) {
      for (const a of lists.data[l]) {
        const entry = byId.get(a.id) ?? { id: a.id, titles: {}, drafts: {}, updated: a.updated_at };
        entry.titles[a.locale as Locale] = a.title;
        entry.drafts[a.locale as Locale] = a.draft;
        if (a.updated_at > entry.updated) entry.updated = a.updated_at;
        byId.set(a.id, entry);
      }
    }
    const q = filter.trim().toLowerCase();
    return [...byId.values()].filter((a) => !q || Object.values(a.titles).some((title) => title?.toLowerCase().includes(q))).sort((a, b) => b.updated.localeCompare(a.updated));
  }, [lists.data, filter]);

  return (
    <section className="admin-page">
      <PageHeader
        title={t('kb.title')}
        intro={t('kb.intro')}
        actions={
          tab === 'articles' ? (
            <button type="button" className="btn btn-primary" onClick={() => setSelected('new')}>
              {t('kb.new')}
            </button>
          ) : undefined
        }
      />
      <div className="segmented kb-tabs" role="tablist" aria-label={t('kb.tabs')}>
        {(['articles', 'structure'] as const).map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`kb-tab-${key}`}
            aria-selected={tab === key}
            aria-controls={`kb-panel-${key}`}
            className={`segment ${tab === key ? 'segment-on' : ''}`}
            onClick={() => setTab(key)}
            data-tab={key}
          >
            {key === 'articles' ? t('kb.tabArticles') : t('kb.tabStructure')}
          </button>
        ))}
      </div>
      {tab === 'structure' ? (
        <div role="tabpanel" id="kb-panel-structure" aria-labelledby="kb-tab-structure">
          <KbStructure onChanged={lists.reload} />
        </div>
      ) : null}
      <ErrorNotice error={lists.error} onRetry={lists.reload} />
      <div className="master-detail kb" role="tabpanel" id="kb-panel-articles" aria-labelledby="kb-tab-articles" hidden={tab !== 'articles'}>
        <nav className="master" aria-label={t('kb.articles')}>
          <label htmlFor="kb-filter" className="visually-hidden">
            {t('kb.filter')}
          </label>
          <input id="kb-filter" type="search" placeholder={t('kb.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
          {lists.loading && !lists.data ? <Loading /> : null}
          <ul className="pick-list">
            {articles.map((a) => (
              <li key={a.id}>
                <button type="button" aria-current={selected === a.id ? 'true' : undefined} onClick={() => setSelected(a.id)}>
                  <span>{a.titles[locale] ?? a.titles['en-us'] ?? a.titles['zh-cn']}</span>
                  <span className="small">
                    {LOCALES.map((l) =>
                      a.titles[l] !== undefined ? (
                        <span key={l} className={`badge ${a.drafts[l] ? 'badge-warn' : 'badge-ok'}`}>
                          {l === 'zh-cn' ? '中' : 'EN'} {a.drafts[l] ? t('kb.draft') : ''}
                        </span>
                      ) : null,
                    )}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="detail">
          {selected === 'new' ? (
            <NewArticle
              onCreated={(id) => {
                lists.reload();
                setSelected(id);
              }}
            />
          ) : selected ? (
            <ArticleEditor
              key={selected}
              id={selected}
              onSaved={lists.reload}
              onDeleted={() => {
                setSelected(null);
                lists.reload();
              }}
            />
          ) : (
            <p className="muted">{t('kb.select')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function NewArticle({ onCreated }: { onCreated: (id: string) => void }) {
  const { t, locale } = useI18n();
  const { ep } = useSession();
  const sections = useAsync(() => ep.kb.sections(locale), [ep, locale]);
  const [section, setSection] = useState('');
  const [lang, setLang] = useState<Locale>(locale);
  const [draft, setDraft] = useState<Translation>(emptyTranslation());
  const create = useAction(async () => {
    const result = await ep.kb.create(lang, section, { title: draft.title, body: draft.body, draft: draft.draft, label_names: labelList(draft.labels) });
    onCreated(result.article.id);
  });
  return (
    <form
      className="editor"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run();
      }}
    >
      <h2>{t('kb.new')}</h2>
      <div className="grid-2">
        <Field label={t('kb.section')}>
          {(p) => (
            <select {...p} required value={section} onChange={(e) => setSection(e.target.value)}>
              <option value="">—</option>
              {(sections.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('app.language')}>
          {(p) => (
            <select {...p} value={lang} onChange={(e) => setLang(e.target.value as Locale)}>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {t(`locales.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <TranslationEditor locale={lang} value={draft} onChange={setDraft} />
      <ErrorNotice error={create.error ?? sections.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.busy || !section}>
          {create.busy ? t('app.saving') : t('app.create')}
        </button>
      </div>
    </form>
  );
}

function TranslationEditor({ locale, value, onChange }: { locale: Locale; value: Translation; onChange: (t: Translation) => void }) {
  const { t } = useI18n();
  const lang = locale === 'zh-cn' ? 'zh-CN' : 'en';
  return (
    <div className="translation-editor">
      <Field label={t('kb.titleField')}>{(p) => <input {...p} lang={lang} required value={value.title} onChange={(e) => onChange({ ...value, title: e.target.value })} />}</Field>
      <Field label={t('kb.labels')}>{(p) => <input {...p} lang={lang} value={value.labels} onChange={(e) => onChange({ ...value, labels: e.target.value })} />}</Field>
      <label className="check">
        <input type="checkbox" checked={value.draft} onChange={(e) => onChange({ ...value, draft: e.target.checked })} /> {t('kb.draft')}
      </label>
      <Field label={t('kb.body')}>{(p) => <textarea {...p} lang={lang} className="md-source" rows={16} required value={value.body} onChange={(e) => onChange({ ...value, body: e.target.value })} />}</Field>
      <h4 className="panel-subtitle">{t('kb.preview')}</h4>
      <div className="md-preview" aria-live="off">
        <MarkdownPreview source={value.body} lang={lang} />
      </div>
    </div>
  );
}

/** Both translations side by side, each saved on its own (a missing one is created by saving it). */
function ArticleEditor({ id, onSaved, onDeleted }: { id: string; onSaved: () => void; onDeleted: () => void }) {
  const { t, locale } = useI18n();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { ep } = useSession();
  const toast = useToast();
  const loaded = useAsync(async () => {
    const pairs = await Promise.all(
      LOCALES.map(async (l) => {
        try {
          return [l, toTranslation(await ep.kb.article(l, id))] as const;
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) return [l, emptyTranslation()] as const;
          throw err;
        }
      }),
    );
    return Object.fromEntries(pairs) as Record<Locale, Translation>;
  }, [id, ep]);
  const [drafts, setDrafts] = useState<Record<Locale, Translation> | null>(null);
  useEffect(() => {
    if (loaded.data) setDrafts(loaded.data);
  }, [loaded.data]);
  const revisions = useAsync(() => ep.kb.revisions(id), [id, ep]);

  const save = useAction(async (l: Locale) => {
    if (!drafts) return;
    const d = drafts[l];
    const result = await ep.kb.update(l, id, { title: d.title, body: d.body, draft: d.draft, label_names: labelList(d.labels) });
    setDrafts({ ...drafts, [l]: toTranslation(result.article) });
    toast(t('kb.saved', { locale: t(`locales.${l}`) }));
    revisions.reload();
    onSaved();
  });

  const restore = (rev: KbRevision) => {
    if (!drafts) return;
    const l = rev.locale as Locale;
    setDrafts({ ...drafts, [l]: { ...drafts[l], title: rev.title, body: rev.body_markdown } });
  };

  const title = drafts ? drafts[locale].title || drafts['en-us'].title || drafts['zh-cn'].title : '';
  const remove = useAction(async () => {
    await ep.kb.remove(id);
    setConfirmDelete(false);
    toast(t('kb.deleted', { name: title }));
    onDeleted();
  });

  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!drafts) return <Loading label={t('kb.loadingArticle')} />;
  const order: Locale[] = ['en-us', 'zh-cn'];
  return (
    <div className="editor">
      <div className="editor-toolbar">
        <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirmDelete(true)} data-action="delete-article">
          {t('kb.deleteArticle')}
        </button>
      </div>
      <Dialog open={confirmDelete} title={t('kb.deleteArticleTitle', { name: title })} onClose={() => setConfirmDelete(false)}>
        <p>{t('kb.deleteArticleHelp')}</p>
        <ErrorNotice error={remove.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setConfirmDelete(false)} data-autofocus>
            {t('app.cancel')}
          </button>
          <button type="button" className="btn btn-danger" disabled={remove.busy} onClick={() => void remove.run()} data-action="confirm-delete-article">
            {t('app.delete')}
          </button>
        </div>
      </Dialog>
      <div className="side-by-side">
        {order.map((l) => (
          <section key={l} className="translation" aria-labelledby={`tr-${l}`}>
            <header className="translation-head">
              <h2 id={`tr-${l}`}>{t(`locales.${l}`)}</h2>
              {drafts[l].exists ? <span className={`badge ${drafts[l].draft ? 'badge-warn' : 'badge-ok'}`}>{drafts[l].draft ? t('kb.draft') : t('kb.published')}</span> : null}
              {drafts[l].html_url && !drafts[l].draft ? (
                <a className="small" href={sameOriginPath(drafts[l].html_url!)} target="_blank" rel="noopener noreferrer">
                  {t('kb.view')} ↗
                </a>
              ) : null}
            </header>
            {!drafts[l].exists ? <p className="notice notice-info small">{t('kb.missingTranslation', { locale: t(`locales.${l}`) })}</p> : null}
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void save.run(l);
              }}
            >
              <TranslationEditor locale={l} value={drafts[l]} onChange={(v) => setDrafts({ ...drafts, [l]: v })} />
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={save.busy}>
                  {save.busy ? t('app.saving') : drafts[l].draft ? t('kb.saveDraft') : t('kb.publish')}
                </button>
              </div>
            </form>
          </section>
        ))}
      </div>
      <ErrorNotice error={save.error} />
      <section className="panel" aria-labelledby="revisions-title">
        <h2 id="revisions-title" className="panel-title">
          {t('kb.revisions')}
        </h2>
        <ErrorNotice error={revisions.error} onRetry={revisions.reload} />
        {revisions.data && revisions.data.length === 0 ? <p className="muted">{t('kb.noRevisions')}</p> : null}
        <ol className="revisions">
          {(revisions.data ?? [])
            .slice()
            .sort((a, b) => b.created_at.localeCompare(a.created_at))
            .map((rev) => (
              <li key={rev.id}>
                <span className="badge">{rev.locale === 'zh-cn' ? '中' : 'EN'}</span> <strong>{t('kb.revision', { n: rev.revision })}</strong> {rev.title}{' '}
                <span className="muted small">
                  {t('kb.by', { author: rev.author })} · <Time iso={rev.created_at} /> · {rev.draft ? t('kb.draft') : t('kb.published')}
                </span>{' '}
                <button type="button" className="btn btn-tiny" onClick={() => restore(rev)}>
                  {t('kb.restore')}
                </button>
              </li>
            ))}
        </ol>
      </section>
    </div>
  );
}
