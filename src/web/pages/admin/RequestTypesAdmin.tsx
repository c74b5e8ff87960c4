import { useEffect, useMemo, useState } from 'react';
import type { Locale } from '../../../shared/locales.js';
import { FIELD_TYPES, isRequired, isVisible, type FieldCondition, type FieldDefinition, type FieldValues, type RequestTypeDefinition } from '../../../shared/request-forms.js';
import { TICKET_PRIORITIES } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useDirectory, useSession } from '../../app/session.js';
import { useToast } from '../../app/toast.js';
import { ErrorNotice, Field, Loading, LocalizedInput, PageHeader } from '../../components/common.js';
import { useI18n } from '../../i18n/context.js';
import type { Translate } from '../../i18n/translate.js';
import { checkRequestType, issuesAt, moveItem, newField, normalizeDefinition, type EditorIssue } from '../../lib/form-editor.js';

const blankType = (): RequestTypeDefinition => ({
  key: '',
  position: 100,
  group: '',
  defaultPriority: 'normal',
  name: { 'en-us': '', 'zh-cn': '' },
  description: { 'en-us': '', 'zh-cn': '' },
  fields: [],
});

const issueText = (t: Translate, issue: EditorIssue) => t(`editorIssues.${issue.code}`, issue.params);

export function RequestTypesAdmin() {
  const { t } = useI18n();
  const dir = useDirectory();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [extraKeys, setExtraKeys] = useState<string[]>([]);
  const keys = [...dir.requestTypes.map((r) => r.key), ...extraKeys.filter((k) => !dir.requestTypes.some((r) => r.key === k))];

  return (
    <section className="admin-page">
      <PageHeader
        title={t('requestTypes.title')}
        intro={t('requestTypes.intro')}
        actions={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              setCreating(true);
              setSelected(null);
            }}
          >
            {t('requestTypes.new')}
          </button>
        }
      />
      <div className="master-detail">
        <nav className="master" aria-label={t('requestTypes.title')}>
          <ul className="pick-list">
            {keys.map((key) => (
              <li key={key}>
                <button
                  type="button"
                  aria-current={selected === key && !creating ? 'true' : undefined}
                  onClick={() => {
                    setSelected(key);
                    setCreating(false);
                  }}
                >
                  <span>{dir.requestTypeName(key)}</span>
                  <code className="muted small">{key}</code>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="detail">
          {creating ? (
            <RequestTypeEditor
              key="new"
              initial={blankType()}
              initialActive
              isNew
              onSaved={(key) => {
                setExtraKeys((k) => [...k, key]);
                setCreating(false);
                setSelected(key);
                dir.reload();
              }}
            />
          ) : selected ? (
            <LoadedEditor key={selected} typeKey={selected} onSaved={() => dir.reload()} />
          ) : (
            <p className="muted">{t('requestTypes.select')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function LoadedEditor({ typeKey, onSaved }: { typeKey: string; onSaved: () => void }) {
  const { ep } = useSession();
  const def = useAsync(() => ep.requestTypes.definition(typeKey), [typeKey, ep]);
  if (def.error) return <ErrorNotice error={def.error} onRetry={def.reload} />;
  if (!def.data) return <Loading />;
  return <RequestTypeEditor initial={def.data.request_type} initialActive={def.data.active ?? true} isNew={false} onSaved={onSaved} />;
}

function RequestTypeEditor({ initial, initialActive, isNew, onSaved }: { initial: RequestTypeDefinition; initialActive: boolean; isNew: boolean; onSaved: (key: string) => void }) {
  const { t, tx } = useI18n();
  const { ep } = useSession();
  const dir = useDirectory();
  const toast = useToast();
  const [def, setDef] = useState<RequestTypeDefinition>(initial);
  const [active, setActive] = useState(initialActive);
  const [dirty, setDirty] = useState(false);
  const [previewLocale, setPreviewLocale] = useState<Locale>('zh-cn');
  const issues = useMemo(() => checkRequestType(def), [def]);
  const save = useAction(async () => {
    const clean = normalizeDefinition(def);
    await ep.requestTypes.save(clean, active);
    setDirty(false);
    toast(t('requestTypes.saved'));
    onSaved(clean.key);
  });

  const update = (patch: Partial<RequestTypeDefinition>) => {
    setDef((d) => ({ ...d, ...patch }));
    setDirty(true);
  };
  const updateField = (index: number, field: FieldDefinition) => update({ fields: def.fields.map((f, i) => (i === index ? field : f)) });
  const firstIssue = (path: string) => {
    const found = issues.find((i) => i.path === path);
    return found ? issueText(t, found) : undefined;
  };

  return (
    <form
      className="editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (!issues.length) void save.run();
      }}
    >
      <div className="grid-2">
        <Field label={t('requestTypes.key')} hint={t('requestTypes.keyHelp')} error={firstIssue('key')}>
          {(p) => <input {...p} value={def.key} readOnly={!isNew} onChange={(e) => update({ key: e.target.value.trim() })} pattern="[a-z][a-z0-9_]{0,39}" required />}
        </Field>
        <Field label={t('requestTypes.group')} error={firstIssue('group')}>
          {(p) => (
            <select {...p} value={def.group} onChange={(e) => update({ group: e.target.value })} required>
              <option value="">—</option>
              {dir.groups.map((g) => (
                <option key={g.id} value={g.key}>
                  {dir.groupName(g.id)}
                </option>
              ))}
              {def.group && !dir.groups.some((g) => g.key === def.group) ? <option value={def.group}>{def.group}</option> : null}
            </select>
          )}
        </Field>
        <Field label={t('requestTypes.defaultPriority')}>
          {(p) => (
            <select {...p} value={def.defaultPriority} onChange={(e) => update({ defaultPriority: e.target.value as RequestTypeDefinition['defaultPriority'] })}>
              {TICKET_PRIORITIES.map((pr) => (
                <option key={pr} value={pr}>
                  {tx(`priority.${pr}`, pr)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('requestTypes.position')}>
          {(p) => <input {...p} type="number" min={0} max={1000} value={def.position} onChange={(e) => update({ position: Math.max(0, Math.min(1000, Number(e.target.value) || 0)) })} />}
        </Field>
        <Field label={t('requestTypes.helpCategory')}>{(p) => <input {...p} value={def.helpCategory ?? ''} onChange={(e) => update({ helpCategory: e.target.value })} />}</Field>
        <label className="check">
          <input
            type="checkbox"
            checked={active}
            onChange={(e) => {
              setActive(e.target.checked);
              setDirty(true);
            }}
          />{' '}
          {t('requestTypes.active')}
        </label>
      </div>
      <LocalizedInput label={t('requestTypes.name')} value={def.name} onChange={(name) => update({ name })} errors={{ 'en-us': firstIssue('name.en-us'), 'zh-cn': firstIssue('name.zh-cn') }} />
      <LocalizedInput
        label={t('requestTypes.description')}
        value={def.description}
        onChange={(description) => update({ description })}
        multiline
        rows={2}
        errors={{ 'en-us': firstIssue('description.en-us'), 'zh-cn': firstIssue('description.zh-cn') }}
      />

      <div className="editor-split">
        <fieldset className="fields-editor">
          <legend>{t('requestTypes.fields')}</legend>
          {def.fields.length === 0 ? <p className="muted">{t('requestTypes.noFields')}</p> : null}
          <ol className="field-cards">
            {def.fields.map((field, index) => (
              <li key={index}>
                <FieldEditor
                  index={index}
                  field={field}
                  others={def.fields.filter((_, i) => i !== index)}
                  issues={issuesAt(issues, `fields.${index}`)}
                  onChange={(f) => updateField(index, f)}
                  onMove={(delta) => update({ fields: moveItem(def.fields, index, index + delta) })}
                  onRemove={() => update({ fields: def.fields.filter((_, i) => i !== index) })}
                  first={index === 0}
                  last={index === def.fields.length - 1}
                />
              </li>
            ))}
          </ol>
          <button type="button" className="btn" onClick={() => update({ fields: [...def.fields, newField(def.fields)] })}>
            + {t('requestTypes.addField')}
          </button>
        </fieldset>
        <FormPreview def={def} locale={previewLocale} onLocale={setPreviewLocale} />
      </div>

      {issues.length ? (
        <div className="notice notice-warning" role="status">
          <p>{t('requestTypes.issues')}</p>
          <ul>
            {issues.map((issue, i) => (
              <li key={i}>
                {issue.path ? <code>{issue.path}</code> : null} {issueText(t, issue)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorNotice error={save.error} />
      <div className="form-actions sticky-actions">
        {dirty ? <span className="muted small">{t('app.unsaved')}</span> : null}
        <button type="submit" className="btn btn-primary" disabled={save.busy || issues.length > 0}>
          {save.busy ? t('app.saving') : t('app.save')}
        </button>
      </div>
    </form>
  );
}

function FieldEditor({
  index,
  field,
  others,
  issues,
  onChange,
  onMove,
  onRemove,
  first,
  last,
}: {
  index: number;
  field: FieldDefinition;
  others: FieldDefinition[];
  issues: EditorIssue[];
  onChange: (field: FieldDefinition) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  first: boolean;
  last: boolean;
}) {
  const { t, locale } = useI18n();
  const at = `fields.${index}`;
  const issue = (path: string) => {
    const found = issues.find((i) => i.path === path);
    return found ? issueText(t, found) : undefined;
  };
  const requiredMode = field.required === true ? 'always' : field.required === false ? 'never' : 'when';
  const label = field.label[locale] || field.label['en-us'] || field.key;
  return (
    <details className={`field-card ${issues.length ? 'has-issues' : ''}`} open={issues.length > 0 || !field.label['en-us']}>
      <summary>
        <span>{t('requestTypes.field', { n: index + 1, label })}</span>
        <span className="muted small">
          {t(`fieldTypes.${field.type}`)}
          {field.required === true ? ' · *' : ''}
        </span>
      </summary>
      <div className="field-card-body">
        <div className="grid-2">
          <Field label={t('requestTypes.fieldKey')} error={issue(`${at}.key`)}>
            {(p) => <input {...p} value={field.key} onChange={(e) => onChange({ ...field, key: e.target.value.trim() })} />}
          </Field>
          <Field label={t('requestTypes.fieldType')}>
            {(p) => (
              <select
                {...p}
                value={field.type}
                onChange={(e) => {
                  const type = e.target.value as FieldDefinition['type'];
                  onChange({ ...field, type, ...(type === 'select' && !field.options ? { options: [{ value: '', label: { 'en-us': '', 'zh-cn': '' } }] } : {}) });
                }}
              >
                {FIELD_TYPES.map((ft) => (
                  <option key={ft} value={ft}>
                    {t(`fieldTypes.${ft}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <LocalizedInput label={t('requestTypes.label')} value={field.label} onChange={(l) => onChange({ ...field, label: l })} errors={{ 'en-us': issue(`${at}.label.en-us`), 'zh-cn': issue(`${at}.label.zh-cn`) }} />
        <LocalizedInput label={t('requestTypes.help')} value={field.help ?? { 'en-us': '', 'zh-cn': '' }} onChange={(h) => onChange({ ...field, help: h })} required={false} />
        <div className="grid-2">
          <Field label={t('requestTypes.required')}>
            {(p) => (
              <select
                {...p}
                value={requiredMode}
                onChange={(e) => {
                  const mode = e.target.value;
                  onChange({ ...field, required: mode === 'always' ? true : mode === 'never' ? false : [{ field: others[0]?.key ?? '', filled: true }] });
                }}
              >
                <option value="always">{t('requestTypes.requiredAlways')}</option>
                <option value="never">{t('requestTypes.requiredNever')}</option>
                <option value="when">{t('requestTypes.requiredWhen')}</option>
              </select>
            )}
          </Field>
          {field.type === 'text' || field.type === 'textarea' ? (
            <Field label={t('requestTypes.maxLength')}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={1}
                  max={20000}
                  value={field.maxLength ?? ''}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    const { maxLength: _drop, ...rest } = field;
                    onChange(n > 0 ? { ...rest, maxLength: Math.min(20000, n) } : rest);
                  }}
                />
              )}
            </Field>
          ) : null}
        </div>
        {Array.isArray(field.required) ? (
          <ConditionsEditor legend={t('requestTypes.requiredWhen')} conditions={field.required} fields={others} issues={issues} basePath={`${at}.required`} onChange={(c) => onChange({ ...field, required: c })} />
        ) : null}
        <label className="check">
          <input
            type="checkbox"
            checked={!!field.visibleWhen}
            onChange={(e) => {
              const { visibleWhen: _drop, ...rest } = field;
              onChange(e.target.checked ? { ...rest, visibleWhen: [{ field: others[0]?.key ?? '', filled: true }] } : rest);
            }}
          />{' '}
          {t('requestTypes.visibleWhen')}
        </label>
        {field.visibleWhen ? (
          <ConditionsEditor legend={t('requestTypes.visibleWhen')} conditions={field.visibleWhen} fields={others} issues={issues} basePath={`${at}.visibleWhen`} onChange={(c) => onChange({ ...field, visibleWhen: c })} />
        ) : null}
        {field.type === 'select' ? <OptionsEditor field={field} issues={issues} basePath={at} onChange={onChange} /> : null}
        <div className="card-actions">
          <button type="button" className="btn btn-small" disabled={first} onClick={() => onMove(-1)}>
            ↑ {t('app.moveUp')}
          </button>
          <button type="button" className="btn btn-small" disabled={last} onClick={() => onMove(1)}>
            ↓ {t('app.moveDown')}
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={onRemove}>
            {t('app.remove')}
          </button>
        </div>
      </div>
    </details>
  );
}

function ConditionsEditor({
  legend,
  conditions,
  fields,
  issues,
  basePath,
  onChange,
}: {
  legend: string;
  conditions: FieldCondition[];
  fields: FieldDefinition[];
  issues: EditorIssue[];
  basePath: string;
  onChange: (conditions: FieldCondition[]) => void;
}) {
  const { t, locale } = useI18n();
  const set = (i: number, c: FieldCondition) => onChange(conditions.map((x, j) => (j === i ? c : x)));
  return (
    <fieldset className="conditions">
      <legend>{legend}</legend>
      {conditions.map((c, i) => {
        const op = c.filled === true ? 'filled' : c.filled === false ? 'empty' : 'equals';
        const target = fields.find((f) => f.key === c.field);
        const problem = issues.find((x) => x.path === `${basePath}.${i}`);
        return (
          <div key={i} className="condition-row">
            <label>
              <span className="visually-hidden">{t('requestTypes.conditionField')}</span>
              <select value={c.field} onChange={(e) => set(i, { ...c, field: e.target.value })} aria-label={t('requestTypes.conditionField')}>
                <option value="">—</option>
                {fields.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label[locale] || f.key}
                  </option>
                ))}
              </select>
            </label>
            <select
              aria-label={t('requestTypes.conditionOp')}
              value={op}
              onChange={(e) => {
                const v = e.target.value;
                set(i, v === 'equals' ? { field: c.field, equals: c.equals ?? [] } : { field: c.field, filled: v === 'filled' });
              }}
            >
              <option value="equals">{t('requestTypes.opEquals')}</option>
              <option value="filled">{t('requestTypes.opFilled')}</option>
              <option value="empty">{t('requestTypes.opEmpty')}</option>
            </select>
            {op === 'equals' ? (
              target?.type === 'select' && target.options ? (
                <span className="option-checks" role="group" aria-label={t('requestTypes.conditionValues')}>
                  {target.options.map((o) => (
                    <label key={o.value} className="check">
                      <input
                        type="checkbox"
                        checked={c.equals?.includes(o.value) ?? false}
                        onChange={(e) => set(i, { field: c.field, equals: e.target.checked ? [...(c.equals ?? []), o.value] : (c.equals ?? []).filter((v) => v !== o.value) })}
                      />{' '}
                      {o.label[locale] || o.value}
                    </label>
                  ))}
                </span>
              ) : (
                <input
                  aria-label={t('requestTypes.conditionValues')}
                  placeholder={t('requestTypes.conditionValues')}
                  value={(c.equals ?? []).join(', ')}
                  onChange={(e) => set(i, { field: c.field, equals: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })}
                />
              )
            ) : null}
            <button type="button" className="btn btn-small" onClick={() => onChange(conditions.filter((_, j) => j !== i))} aria-label={t('app.remove')}>
              ×
            </button>
            {problem ? <p className="field-error">{issueText(t, problem)}</p> : null}
          </div>
        );
      })}
      <button type="button" className="btn btn-small" onClick={() => onChange([...conditions, { field: fields[0]?.key ?? '', filled: true }])}>
        + {t('requestTypes.addCondition')}
      </button>
    </fieldset>
  );
}

function OptionsEditor({ field, issues, basePath, onChange }: { field: FieldDefinition; issues: EditorIssue[]; basePath: string; onChange: (field: FieldDefinition) => void }) {
  const { t } = useI18n();
  const options = field.options ?? [];
  const setOptions = (next: typeof options) => onChange({ ...field, options: next });
  const problem = issues.find((i) => i.path === `${basePath}.options`);
  return (
    <fieldset className="options-editor">
      <legend>{t('requestTypes.options')}</legend>
      {problem ? <p className="field-error">{issueText(t, problem)}</p> : null}
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">{t('requestTypes.optionValue')}</th>
            <th scope="col">{t('locales.en-us')}</th>
            <th scope="col">{t('locales.zh-cn')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('app.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {options.map((o, j) => {
            const bad = issues.filter((i) => i.path.startsWith(`${basePath}.options.${j}.`));
            return (
              <tr key={j} className={bad.length ? 'row-invalid' : ''}>
                <td>
                  <input aria-label={`${t('requestTypes.optionValue')} ${j + 1}`} value={o.value} onChange={(e) => setOptions(options.map((x, k) => (k === j ? { ...x, value: e.target.value } : x)))} />
                </td>
                <td>
                  <input aria-label={`${t('locales.en-us')} ${j + 1}`} lang="en" value={o.label['en-us']} onChange={(e) => setOptions(options.map((x, k) => (k === j ? { ...x, label: { ...x.label, 'en-us': e.target.value } } : x)))} />
                </td>
                <td>
                  <input aria-label={`${t('locales.zh-cn')} ${j + 1}`} lang="zh-CN" value={o.label['zh-cn']} onChange={(e) => setOptions(options.map((x, k) => (k === j ? { ...x, label: { ...x.label, 'zh-cn': e.target.value } } : x)))} />
                </td>
                <td className="nowrap">
                  <button type="button" className="btn btn-tiny" disabled={j === 0} onClick={() => setOptions(moveItem(options, j, j - 1))} aria-label={t('app.moveUp')}>
                    ↑
                  </button>
                  <button type="button" className="btn btn-tiny" onClick={() => setOptions(options.filter((_, k) => k !== j))} aria-label={t('app.remove')}>
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="btn btn-small" onClick={() => setOptions([...options, { value: '', label: { 'en-us': '', 'zh-cn': '' } }])}>
        + {t('requestTypes.addOption')}
      </button>
    </fieldset>
  );
}

/** The form as a customer would see it, with conditions evaluated on the preview's answers. */
function FormPreview({ def, locale, onLocale }: { def: RequestTypeDefinition; locale: Locale; onLocale: (l: Locale) => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<FieldValues>({});
  useEffect(() => setValues({}), [def.key]);
  return (
    <aside className="form-preview" aria-label={t('requestTypes.preview', { locale: t(`locales.${locale}`) })}>
      <div className="preview-head">
        <h3 className="panel-subtitle">{t('requestTypes.preview', { locale: t(`locales.${locale}`) })}</h3>
        <div className="lang-switch" role="group" aria-label={t('app.language')}>
          {(['zh-cn', 'en-us'] as const).map((l) => (
            <button key={l} type="button" className="btn btn-small" aria-pressed={locale === l} onClick={() => onLocale(l)}>
              {l === 'zh-cn' ? '中文' : 'EN'}
            </button>
          ))}
        </div>
      </div>
      <p className="muted small">{t('requestTypes.previewHelp')}</p>
      <div className="preview-form" lang={locale === 'zh-cn' ? 'zh-CN' : 'en'}>
        <h4>{def.name[locale] || '—'}</h4>
        <p className="muted small">{def.description[locale]}</p>
        {def.fields
          .filter((f) => isVisible(f, values))
          .map((f) => {
            const id = `preview-${f.key}`;
            const required = isRequired(f, values);
            return (
              <div key={f.key} className="field">
                <label htmlFor={id}>
                  {f.label[locale] || f.key}
                  {required ? <span className="req"> *</span> : null}
                </label>
                {f.type === 'select' ? (
                  <select id={id} value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}>
                    <option value="">—</option>
                    {(f.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label[locale] || o.value}
                      </option>
                    ))}
                  </select>
                ) : f.type === 'textarea' ? (
                  <textarea id={id} rows={2} value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
                ) : (
                  <input id={id} value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
                )}
                {f.help?.[locale] ? <p className="hint">{f.help[locale]}</p> : null}
              </div>
            );
          })}
      </div>
    </aside>
  );
}
