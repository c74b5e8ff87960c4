import { useState } from 'react';
import { LOCALES, type Locale } from '../../../shared/locales.js';
import type { StaffMember, StaffRole } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useDirectory, useSession } from '../../app/session.js';
import { useToast } from '../../app/toast.js';
import { Dialog, ErrorNotice, Field, Loading, PageHeader } from '../../components/common.js';
import { useI18n } from '../../i18n/context.js';

interface Draft {
  name: string;
  email: string;
  role: StaffRole;
  locale: Locale;
  group_ids: string[];
}

function GroupChecks({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useI18n();
  const dir = useDirectory();
  return (
    <fieldset className="group-checks">
      <legend>{t('staff.groups')}</legend>
      {dir.groups.map((g) => (
        <label key={g.id} className="check">
          <input type="checkbox" checked={value.includes(g.id)} onChange={(e) => onChange(e.target.checked ? [...value, g.id] : value.filter((x) => x !== g.id))} /> {dir.groupName(g.id)}
        </label>
      ))}
    </fieldset>
  );
}

export function StaffAdmin() {
  const { t } = useI18n();
  const { ep, user } = useSession();
  const dir = useDirectory();
  const toast = useToast();
  const staff = useAsync(async () => (await ep.users.list()).filter((u) => u.role === 'agent' || u.role === 'admin'), [ep]);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [draft, setDraft] = useState<Draft>({ name: '', email: '', role: 'agent', locale: 'zh-cn', group_ids: [] });

  const invite = useAction(async () => {
    await ep.users.invite(draft);
    toast(t('staff.invited', { email: draft.email }));
    setInviting(false);
    setDraft({ name: '', email: '', role: 'agent', locale: 'zh-cn', group_ids: [] });
    staff.reload();
    dir.reload();
  });
  const saveEdit = useAction(async (member: StaffMember) => {
    await ep.users.update(member.id, { name: member.name, role: member.role, locale: member.locale as Locale, group_ids: member.group_ids });
    toast(t('app.saved'));
    setEditing(null);
    staff.reload();
    dir.reload();
  });
  const toggleActive = useAction(async (member: StaffMember) => {
    if (member.active === false) {
      await ep.users.update(member.id, { active: true });
    } else {
      if (!window.confirm(t('staff.confirmDeactivate', { name: member.name }))) return;
      await ep.users.deactivate(member.id);
    }
    staff.reload();
    dir.reload();
  });

  return (
    <section className="admin-page">
      <PageHeader
        title={t('staff.title')}
        intro={t('staff.intro')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setInviting(true)}>
            {t('staff.invite')}
          </button>
        }
      />
      <ErrorNotice error={staff.error ?? toggleActive.error} onRetry={staff.reload} />
      {staff.loading && !staff.data ? <Loading /> : null}
      {staff.data ? (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('staff.name')}</th>
                <th scope="col">{t('staff.email')}</th>
                <th scope="col">{t('staff.role')}</th>
                <th scope="col">{t('staff.groups')}</th>
                <th scope="col">{t('staff.twoFactor')}</th>
                <th scope="col">{t('staff.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('app.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data.map((m) => (
                <tr key={m.id} className={m.active === false ? 'row-muted' : ''}>
                  <td>
                    {m.name}
                    {m.id === user.id ? <span className="muted small"> ({t('staff.self')})</span> : null}
                  </td>
                  <td className="break">{m.email}</td>
                  <td>{t(`staff.${m.role}`)}</td>
                  <td>{m.group_ids?.length ? m.group_ids.map((g) => dir.groupName(g)).join(', ') : <span className="muted">{t('staff.noGroups')}</span>}</td>
                  <td>{m.totp_enabled === undefined ? '—' : m.totp_enabled ? t('staff.enrolled') : t('staff.notEnrolled')}</td>
                  <td>
                    <span className={`badge ${m.active === false ? 'badge-warn' : 'badge-ok'}`}>{m.active === false ? t('staff.inactive') : t('staff.active')}</span>
                  </td>
                  <td className="nowrap">
                    <button type="button" className="btn btn-small" onClick={() => setEditing({ ...m, group_ids: m.group_ids ?? [] })}>
                      {t('app.edit')}
                    </button>{' '}
                    {m.id !== user.id ? (
                      <button type="button" className={`btn btn-small ${m.active === false ? '' : 'btn-danger'}`} onClick={() => void toggleActive.run(m)} disabled={toggleActive.busy}>
                        {m.active === false ? t('staff.reactivate') : t('staff.deactivate')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <Dialog open={inviting} title={t('staff.invite')} onClose={() => setInviting(false)}>
        <form
          className="editor"
          onSubmit={(e) => {
            e.preventDefault();
            void invite.run();
          }}
        >
          <Field label={t('staff.name')}>{(p) => <input {...p} required data-autofocus value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}</Field>
          <Field label={t('staff.email')}>{(p) => <input {...p} type="email" required value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />}</Field>
          <div className="grid-2">
            <Field label={t('staff.role')}>
              {(p) => (
                <select {...p} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as StaffRole })}>
                  <option value="agent">{t('staff.agent')}</option>
                  <option value="admin">{t('staff.admin')}</option>
                </select>
              )}
            </Field>
            <Field label={t('staff.locale')}>
              {(p) => (
                <select {...p} value={draft.locale} onChange={(e) => setDraft({ ...draft, locale: e.target.value as Locale })}>
                  {LOCALES.map((l) => (
                    <option key={l} value={l}>
                      {t(`locales.${l}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <GroupChecks value={draft.group_ids} onChange={(group_ids) => setDraft({ ...draft, group_ids })} />
          <ErrorNotice error={invite.error} />
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setInviting(false)}>
              {t('app.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={invite.busy}>
              {invite.busy ? t('app.saving') : t('staff.invite')}
            </button>
          </div>
        </form>
      </Dialog>

      <Dialog open={!!editing} title={editing ? t('staff.edit', { name: editing.name }) : ''} onClose={() => setEditing(null)}>
        {editing ? (
          <form
            className="editor"
            onSubmit={(e) => {
              e.preventDefault();
              void saveEdit.run(editing);
            }}
          >
            <Field label={t('staff.name')}>{(p) => <input {...p} required value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />}</Field>
            <div className="grid-2">
              <Field label={t('staff.role')}>
                {(p) => (
                  <select {...p} value={editing.role} disabled={editing.id === user.id} onChange={(e) => setEditing({ ...editing, role: e.target.value as StaffRole })}>
                    <option value="agent">{t('staff.agent')}</option>
                    <option value="admin">{t('staff.admin')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('staff.locale')}>
                {(p) => (
                  <select {...p} value={editing.locale} onChange={(e) => setEditing({ ...editing, locale: e.target.value })}>
                    {LOCALES.map((l) => (
                      <option key={l} value={l}>
                        {t(`locales.${l}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <GroupChecks value={editing.group_ids} onChange={(group_ids) => setEditing({ ...editing, group_ids })} />
            <ErrorNotice error={saveEdit.error} />
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => setEditing(null)}>
                {t('app.cancel')}
              </button>
              <button type="submit" className="btn btn-primary" disabled={saveEdit.busy}>
                {saveEdit.busy ? t('app.saving') : t('app.save')}
              </button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </section>
  );
}
