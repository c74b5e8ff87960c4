import { useState } from 'react';
import { ASSIGNMENT_MODES, type AssignmentMode, type Group } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useDirectory, useSession } from '../../app/session.js';
import { useToast } from '../../app/toast.js';
import { ErrorNotice, Field, Loading, LocalizedInput, PageHeader } from '../../components/common.js';
import { useI18n } from '../../i18n/context.js';

type Draft = Omit<Group, 'id'>;
const blank = (): Draft => ({ key: '', name: { 'en-us': '', 'zh-cn': '' }, assignment: 'round_robin' });

export function GroupsAdmin() {
  const { t } = useI18n();
  const { ep } = useSession();
  const dir = useDirectory();
  const groups = useAsync(() => ep.groups.list(), [ep]);
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const current = groups.data?.find((g) => g.id === selected);

  const afterChange = () => {
    groups.reload();
    dir.reload();
  };

  return (
    <section className="admin-page">
      <PageHeader
        title={t('groups.title')}
        intro={t('groups.intro')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setSelected('new')}>
            {t('groups.new')}
          </button>
        }
      />
      <ErrorNotice error={groups.error} onRetry={groups.reload} />
      {groups.loading && !groups.data ? <Loading /> : null}
      <div className="master-detail">
        <nav className="master" aria-label={t('groups.title')}>
          <ul className="pick-list">
            {(groups.data ?? []).map((g) => (
              <li key={g.id}>
                <button type="button" aria-current={selected === g.id ? 'true' : undefined} onClick={() => setSelected(g.id)}>
                  <span>{dir.groupName(g.id) || g.name['en-us']}</span>
                  <span className="muted small">{t(`groups.${g.assignment}`)}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="detail">
          {selected === 'new' ? (
            <GroupEditor
              key="new"
              initial={blank()}
              onSaved={(g) => {
                afterChange();
                setSelected(g.id);
              }}
            />
          ) : current ? (
            <>
              <GroupEditor key={current.id} id={current.id} initial={{ key: current.key, name: current.name, assignment: current.assignment }} onSaved={afterChange} onDeleted={() => {
                setSelected(null);
                afterChange();
              }} />
              <Members key={`m-${current.id}`} groupId={current.id} />
            </>
          ) : (
            <p className="muted">{t('groups.select')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function GroupEditor({ id, initial, onSaved, onDeleted }: { id?: string; initial: Draft; onSaved: (group: Group) => void; onDeleted?: () => void }) {
  const { t } = useI18n();
  const { ep } = useSession();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(initial);
  const save = useAction(async () => {
    const result = id ? await ep.groups.update(id, draft) : await ep.groups.create(draft);
    toast(id ? t('app.saved') : t('groups.created'));
    onSaved(result.group);
  });
  const remove = useAction(async () => {
    if (!id || !window.confirm(t('app.confirmDelete', { name: draft.name['en-us'] || draft.key }))) return;
    await ep.groups.remove(id);
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
      <div className="grid-2">
        <Field label={t('groups.key')}>
          {(p) => <input {...p} value={draft.key} readOnly={!!id} required pattern="[a-z][a-z0-9_\-]{0,39}" onChange={(e) => setDraft({ ...draft, key: e.target.value.trim() })} />}
        </Field>
        <Field label={t('groups.assignment')}>
          {(p) => (
            <select {...p} value={draft.assignment} onChange={(e) => setDraft({ ...draft, assignment: e.target.value as AssignmentMode })}>
              {ASSIGNMENT_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`groups.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <LocalizedInput label={t('staff.name')} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
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

function Members({ groupId }: { groupId: string }) {
  const { t } = useI18n();
  const { ep } = useSession();
  const dir = useDirectory();
  const members = useAsync(() => ep.groups.memberships(groupId), [groupId, ep]);
  const [choice, setChoice] = useState('');
  const add = useAction(async () => {
    if (!choice) return;
    await ep.groups.addMember(groupId, choice);
    setChoice('');
    members.reload();
    dir.reload();
  });
  const remove = useAction(async (membershipId: string) => {
    await ep.groups.removeMember(membershipId);
    members.reload();
    dir.reload();
  });
  const memberIds = new Set((members.data ?? []).map((m) => m.user_id));
  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title" className="panel-title">
        {t('groups.members')}
      </h2>
      <ErrorNotice error={members.error ?? add.error ?? remove.error} onRetry={members.reload} />
      {members.data && members.data.length === 0 ? <p className="muted">{t('groups.noMembers')}</p> : null}
      <ul className="member-list">
        {(members.data ?? []).map((m) => (
          <li key={m.id}>
            <span>{m.user?.name ?? dir.userName(m.user_id)}</span> <span className="muted small">{m.user?.email ?? dir.staff.find((s) => s.id === m.user_id)?.email}</span>
            <button type="button" className="btn btn-small" onClick={() => void remove.run(m.id)} disabled={remove.busy}>
              {t('app.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void add.run();
        }}
      >
        <label htmlFor="add-member" className="visually-hidden">
          {t('groups.chooseMember')}
        </label>
        <select id="add-member" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('groups.chooseMember')}</option>
          {dir.staff
            .filter((s) => !memberIds.has(s.id) && s.active !== false)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.email})
              </option>
            ))}
        </select>
        <button type="submit" className="btn" disabled={!choice || add.busy}>
          {t('groups.addMember')}
        </button>
      </form>
    </section>
  );
}
