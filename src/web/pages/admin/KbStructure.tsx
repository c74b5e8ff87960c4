import { useState, type FormEvent } from 'react';
import type { Locale } from '../../../shared/locales.js';
import type { KbNamesInput } from '../../api/endpoints.js';
import type { KbName, KbStructureCategory, KbStructureSection, Localized } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { useToast } from '../../app/toast.js';
import { Dialog, emptyLocalized, ErrorNotice, Field, Loading, LocalizedInput } from '../../components/common.js';
import { useI18n } from '../../i18n/context.js';
import { sameOriginPath } from '../../lib/format.js';

const NAME_LOCALES: Locale[] = ['en-us', 'zh-cn'];

const namesOf = (translations: KbName[]): Localized => ({ 'en-us': translations.find((n) => n.locale === 'en-us')?.title ?? '', 'zh-cn': translations.find((n) => n.locale === 'zh-cn')?.title ?? '' });
const toInput = (names: Localized): KbNamesInput => NAME_LOCALES.map((locale) => ({ locale, title: names[locale].trim() }));

/** The name in the console's language, else the other one, else the key. */
function useDisplayName() {
  const { locale } = useI18n();
  return (row: { key: string; translations: KbName[] }) => row.translations.find((n) => n.locale === locale)?.title || row.translations[0]?.title || row.key;
}

/**
 * Categories and their sections: create, rename (English and Chinese side by side), reorder with
 * Move up / Move down, and delete — a category or section that still holds articles is deleted only
 * with a target that receives its contents (the server refuses otherwise).
 */
export function KbStructure({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const { ep } = useSession();
  const toast = useToast();
  const structure = useAsync((signal) => ep.kb.structure(signal), [ep]);
  const changed = () => {
    structure.reload();
    onChanged();
  };
  const move = useAction(async (run: () => Promise<unknown>) => {
    await run();
    toast(t('kb.moved'));
    changed();
  });

  const categories = structure.data ?? [];
  return (
    <div className="kb-structure">
      <p className="muted">{t('kb.structureIntro')}</p>
      <NewCategory
        onCreated={(name) => {
          toast(t('kb.created', { name }));
          changed();
        }}
      />
      <ErrorNotice error={structure.error} onRetry={structure.reload} />
      <ErrorNotice error={move.error} />
      {structure.loading && !structure.data ? <Loading /> : null}
      {structure.data && !categories.length ? <p className="muted">{t('kb.noCategories')}</p> : null}
      <ol className="structure-list">
        {categories.map((category, index) => (
          <li key={category.id} className="structure-category" data-category-key={category.key}>
            <StructureRow
              kind="category"
              row={category}
              first={index === 0}
              last={index === categories.length - 1}
              busy={move.busy}
              onMove={(delta) => void move.run(() => ep.kb.updateCategory(category.id, { position: index + delta }))}
              onChanged={changed}
              targets={categories.filter((c) => c.id !== category.id)}
            />
            <ol className="structure-sections">
              {category.sections.map((section, sIndex) => (
                <li key={section.id} className="structure-section" data-section-key={section.key}>
                  <StructureRow
                    kind="section"
                    row={section}
                    first={sIndex === 0}
                    last={sIndex === category.sections.length - 1}
                    busy={move.busy}
                    onMove={(delta) => void move.run(() => ep.kb.updateSection(section.id, { position: sIndex + delta }))}
                    onChanged={changed}
                    targets={categories.flatMap((c) => c.sections).filter((s) => s.id !== section.id)}
                  />
                </li>
              ))}
              {!category.sections.length ? <li className="muted small">{t('kb.noSections')}</li> : null}
            </ol>
            <NewSection
              category={category}
              onCreated={(name) => {
                toast(t('kb.created', { name }));
                changed();
              }}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}

function NewCategory({ onCreated }: { onCreated: (name: string) => void }) {
  const { t, locale } = useI18n();
  const { ep } = useSession();
  const [names, setNames] = useState<Localized>(emptyLocalized());
  const create = useAction(async () => {
    await ep.kb.createCategory(toInput(names));
    const shown = names[locale].trim();
    setNames(emptyLocalized());
    onCreated(shown);
  });
  return (
    <form
      className="panel structure-new"
      data-new-category
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void create.run();
      }}
    >
      <LocalizedInput label={t('kb.newCategory')} value={names} onChange={setNames} />
      <ErrorNotice error={create.error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.busy} data-action="create-category">
          {create.busy ? t('app.saving') : t('app.create')}
        </button>
      </div>
    </form>
  );
}

function NewSection({ category, onCreated }: { category: KbStructureCategory; onCreated: (name: string) => void }) {
  const { t, locale } = useI18n();
  const { ep } = useSession();
  const display = useDisplayName();
  const [open, setOpen] = useState(false);
  const [names, setNames] = useState<Localized>(emptyLocalized());
  const create = useAction(async () => {
    await ep.kb.createSection(category.id, toInput(names));
    const shown = names[locale].trim();
    setNames(emptyLocalized());
    setOpen(false);
    onCreated(shown);
  });
  if (!open) {
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)} data-action="new-section">
        + {t('kb.addSection')}
      </button>
    );
  }
  return (
    <form
      className="structure-new structure-new-section"
      data-new-section
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void create.run();
      }}
    >
      <LocalizedInput label={t('kb.newSection', { category: display(category) })} value={names} onChange={setNames} />
      <ErrorNotice error={create.error} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('app.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={create.busy} data-action="create-section">
          {create.busy ? t('app.saving') : t('kb.addSection')}
        </button>
      </div>
    </form>
  );
}

/** One category or section: both names, its article count, and its actions. */
function StructureRow({
  kind,
  row,
  first,
  last,
  busy,
  onMove,
  onChanged,
  targets,
}: {
  kind: 'category' | 'section';
  row: KbStructureCategory | KbStructureSection;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (delta: -1 | 1) => void;
  onChanged: () => void;
  targets: Array<KbStructureCategory | KbStructureSection>;
}) {
  const { t } = useI18n();
  const display = useDisplayName();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const name = display(row);
  const href = row.translations.find((n) => n.html_url)?.html_url;
  return (
    <div className={`structure-row structure-row-${kind}`}>
      <div className="structure-names">
        {NAME_LOCALES.map((l) => (
          <span key={l} lang={l === 'zh-cn' ? 'zh-CN' : 'en'} className={l === 'en-us' ? 'structure-name' : 'structure-name-alt'}>
            {row.translations.find((n) => n.locale === l)?.title ?? '—'}
          </span>
        ))}
        <span className="badge">{t('kb.articleCount', { n: row.article_count })}</span>
        {href ? (
          <a className="small" href={sameOriginPath(href)} target="_blank" rel="noopener noreferrer">
            {t('kb.view')} ↗
          </a>
        ) : null}
      </div>
      <div className="structure-actions">
        <button type="button" className="btn btn-tiny" disabled={first || busy} onClick={() => onMove(-1)} aria-label={t('kb.moveUpNamed', { name })} data-action="move-up">
          ↑
        </button>
        <button type="button" className="btn btn-tiny" disabled={last || busy} onClick={() => onMove(1)} aria-label={t('kb.moveDownNamed', { name })} data-action="move-down">
          ↓
        </button>
        <button type="button" className="btn btn-tiny" onClick={() => setRenaming(true)} data-action="rename">
          {t('kb.rename')}
        </button>
        <button type="button" className="btn btn-tiny btn-danger" onClick={() => setDeleting(true)} aria-label={t('kb.deleteNamed', { name })} data-action="delete">
          {t('app.delete')}
        </button>
      </div>
      {renaming ? (
        <RenameDialog
          kind={kind}
          row={row}
          onClose={() => setRenaming(false)}
          onSaved={() => {
            setRenaming(false);
            onChanged();
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteDialog
          kind={kind}
          row={row}
          targets={targets}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

function RenameDialog({ kind, row, onClose, onSaved }: { kind: 'category' | 'section'; row: KbStructureCategory | KbStructureSection; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { ep } = useSession();
  const toast = useToast();
  const display = useDisplayName();
  const [names, setNames] = useState<Localized>(namesOf(row.translations));
  const save = useAction(async () => {
    if (kind === 'category') await ep.kb.updateCategory(row.id, { translations: toInput(names) });
    else await ep.kb.updateSection(row.id, { translations: toInput(names) });
    toast(t('kb.renamed'));
    onSaved();
  });
  return (
    <Dialog open title={t('kb.renameTitle', { name: display(row) })} onClose={onClose}>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <LocalizedInput label={kind === 'category' ? t('kb.categoryName') : t('kb.sectionName')} value={names} onChange={setNames} />
        <ErrorNotice error={save.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-action="save-names">
            {save.busy ? t('app.saving') : t('app.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({
  kind,
  row,
  targets,
  onClose,
  onDeleted,
}: {
  kind: 'category' | 'section';
  row: KbStructureCategory | KbStructureSection;
  targets: Array<KbStructureCategory | KbStructureSection>;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useI18n();
  const { ep } = useSession();
  const toast = useToast();
  const display = useDisplayName();
  const [target, setTarget] = useState('');
  const name = display(row);
  const count = row.article_count;
  const needsTarget = count > 0;
  const remove = useAction(async () => {
    const moveTo = needsTarget ? target : undefined;
    if (kind === 'category') await ep.kb.deleteCategory(row.id, moveTo);
    else await ep.kb.deleteSection(row.id, moveTo);
    toast(t('kb.deleted', { name }));
    onDeleted();
  });
  return (
    <Dialog open title={kind === 'category' ? t('kb.deleteCategoryTitle', { name }) : t('kb.deleteSectionTitle', { name })} onClose={onClose}>
      <form
        data-delete-dialog
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void remove.run();
        }}
      >
        {!needsTarget ? <p>{kind === 'category' ? t('kb.deleteCategoryEmpty') : t('kb.deleteSectionEmpty')}</p> : null}
        {needsTarget && targets.length ? (
          <Field label={kind === 'category' ? t('kb.deleteCategoryHolds', { n: count }) : t('kb.deleteSectionHolds', { n: count })}>
            {(p) => (
              <select {...p} required value={target} onChange={(e) => setTarget(e.target.value)} name="move_to" data-autofocus>
                <option value="">{t('kb.moveTo')} …</option>
                {targets.map((x) => (
                  <option key={x.id} value={x.id}>
                    {display(x)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {needsTarget && !targets.length ? <p className="notice notice-warning">{kind === 'category' ? t('kb.noOtherCategory') : t('kb.noOtherSection')}</p> : null}
        <ErrorNotice error={remove.error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={remove.busy || (needsTarget && !target)} data-action="confirm-delete">
            {t('app.delete')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
