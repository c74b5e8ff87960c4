import { useEffect, useState } from 'react';
import { TICKET_PRIORITIES, type RoutingRule, type TicketPriority } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useDirectory, useSession } from '../../app/session.js';
import { useToast } from '../../app/toast.js';
import { ErrorNotice, Loading, PageHeader } from '../../components/common.js';
import { useI18n } from '../../i18n/context.js';
import { moveItem } from '../../lib/form-editor.js';

/** Ordered rules (first match wins): request type [+ priority] → group. */
export function RoutingAdmin() {
  const { t, tx } = useI18n();
  const { ep } = useSession();
  const dir = useDirectory();
  const toast = useToast();
  const loaded = useAsync(() => ep.routing.get(), [ep]);
  const [rules, setRules] = useState<RoutingRule[]>([]);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (loaded.data) setRules(loaded.data);
  }, [loaded.data]);
  const save = useAction(async () => {
    const clean = rules.filter((r) => r.request_type && r.group_id).map((r) => ({ request_type: r.request_type, group_id: r.group_id, ...(r.priority ? { priority: r.priority } : {}) }));
    const result = await ep.routing.save(clean);
    setRules(result.rules ?? clean);
    setDirty(false);
    toast(t('routing.saved'));
  });
  const set = (next: RoutingRule[]) => {
    setRules(next);
    setDirty(true);
  };
  return (
    <section className="admin-page">
      <PageHeader title={t('routing.title')} intro={t('routing.intro')} />
      <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data ? (
        <form
          className="editor"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          {rules.length === 0 ? <p className="muted">{t('routing.empty')}</p> : null}
          <table className="data">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('routing.requestType')}</th>
                <th scope="col">{t('routing.priority')}</th>
                <th scope="col">{t('routing.group')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('app.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>
                    <select aria-label={`${t('routing.order', { n: i + 1 })}: ${t('routing.requestType')}`} value={rule.request_type} onChange={(e) => set(rules.map((r, j) => (j === i ? { ...r, request_type: e.target.value } : r)))}>
                      <option value="">—</option>
                      {dir.requestTypes.map((rt) => (
                        <option key={rt.key} value={rt.key}>
                          {rt.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`${t('routing.order', { n: i + 1 })}: ${t('routing.priority')}`} value={rule.priority ?? ''} onChange={(e) => set(rules.map((r, j) => (j === i ? { ...r, priority: (e.target.value || null) as TicketPriority | null } : r)))}>
                      <option value="">{t('app.any')}</option>
                      {TICKET_PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {tx(`priority.${p}`, p)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`${t('routing.order', { n: i + 1 })}: ${t('routing.group')}`} value={rule.group_id} onChange={(e) => set(rules.map((r, j) => (j === i ? { ...r, group_id: e.target.value } : r)))}>
                      <option value="">—</option>
                      {dir.groups.map((g) => (
                        <option key={g.id} value={g.id}>
                          {dir.groupName(g.id)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="nowrap">
                    <button type="button" className="btn btn-tiny" disabled={i === 0} onClick={() => set(moveItem(rules, i, i - 1))} aria-label={t('app.moveUp')}>
                      ↑
                    </button>
                    <button type="button" className="btn btn-tiny" disabled={i === rules.length - 1} onClick={() => set(moveItem(rules, i, i + 1))} aria-label={t('app.moveDown')}>
                      ↓
                    </button>
                    <button type="button" className="btn btn-tiny" onClick={() => set(rules.filter((_, j) => j !== i))} aria-label={t('app.remove')}>
                      ×
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="btn" onClick={() => set([...rules, { request_type: '', group_id: '' }])}>
            + {t('routing.add')}
          </button>
          <ErrorNotice error={save.error} />
          <div className="form-actions">
            {dirty ? <span className="muted small">{t('app.unsaved')}</span> : null}
            <button type="submit" className="btn btn-primary" disabled={save.busy}>
              {save.busy ? t('app.saving') : t('app.save')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
