import { useEffect, useState } from 'react';
import { TICKET_PRIORITIES, type SlaConfig, type SlaPolicy } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { useToast } from '../../app/toast.js';
import { ErrorNotice, Field, Loading, PageHeader } from '../../components/common.js';
import { useI18n } from '../../i18n/context.js';
import { formatMinutes } from '../../lib/sla.js';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TARGETS = [
  ['first_reply_minutes', 'slaAdmin.firstReply'],
  ['next_reply_minutes', 'slaAdmin.nextReply'],
  ['resolution_minutes', 'slaAdmin.resolution'],
] as const;

/** One policy per priority, so every priority shows a row even if the server has none yet. */
function withAllPriorities(policies: SlaPolicy[]): SlaPolicy[] {
  return TICKET_PRIORITIES.map((priority) => policies.find((p) => p.priority === priority) ?? { priority, first_reply_minutes: null, next_reply_minutes: null, resolution_minutes: null, business_hours: false });
}

const zones = (): string[] => {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
};

export function SlaAdmin() {
  const { t, tx, locale } = useI18n();
  const { ep } = useSession();
  const toast = useToast();
  const loaded = useAsync(() => ep.slas.get(), [ep]);
  const [config, setConfig] = useState<SlaConfig | null>(null);
  useEffect(() => {
    if (loaded.data) setConfig({ ...loaded.data, policies: withAllPriorities(loaded.data.policies ?? []), business_hours: loaded.data.business_hours ?? { timezone: 'UTC', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } });
  }, [loaded.data]);
  const save = useAction(async () => {
    if (!config) return;
    const result = await ep.slas.save(config);
    if (result?.policies) setConfig({ ...result, policies: withAllPriorities(result.policies) });
    toast(t('slaAdmin.saved'));
  });

  const setPolicy = (index: number, patch: Partial<SlaPolicy>) => config && setConfig({ ...config, policies: config.policies.map((p, i) => (i === index ? { ...p, ...patch } : p)) });
  const hours = config?.business_hours;

  return (
    <section className="admin-page">
      <PageHeader title={t('slaAdmin.title')} intro={t('slaAdmin.intro')} />
      <ErrorNotice error={loaded.error} onRetry={loaded.reload} />
      {!config && loaded.loading ? <Loading /> : null}
      {config && hours ? (
        <form
          className="editor"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('slaAdmin.priority')}</th>
                {TARGETS.map(([, label]) => (
                  <th key={label} scope="col">
                    {t(label)}
                  </th>
                ))}
                <th scope="col">{t('slaAdmin.businessHours')}</th>
              </tr>
            </thead>
            <tbody>
              {config.policies.map((policy, i) => (
                <tr key={policy.priority}>
                  <th scope="row">{tx(`priority.${policy.priority}`, policy.priority)}</th>
                  {TARGETS.map(([key, label]) => {
                    const value = policy[key];
                    return (
                      <td key={key}>
                        <input
                          type="number"
                          min={1}
                          max={525600}
                          className="num"
                          aria-label={`${tx(`priority.${policy.priority}`, policy.priority)}: ${t(label)}`}
                          value={value ?? ''}
                          onChange={(e) => setPolicy(i, { [key]: e.target.value === '' ? null : Math.max(1, Math.round(Number(e.target.value))) })}
                        />
                        {value ? <span className="muted small block">{formatMinutes(value, locale)}</span> : null}
                      </td>
                    );
                  })}
                  <td>
                    <input type="checkbox" aria-label={`${tx(`priority.${policy.priority}`, policy.priority)}: ${t('slaAdmin.businessHours')}`} checked={policy.business_hours} onChange={(e) => setPolicy(i, { business_hours: e.target.checked })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <fieldset>
            <legend>{t('slaAdmin.hoursTitle')}</legend>
            <div className="grid-3">
              <Field label={t('slaAdmin.timezone')}>
                {(p) => (
                  <>
                    <input {...p} list="tz-list" value={hours.timezone} onChange={(e) => setConfig({ ...config, business_hours: { ...hours, timezone: e.target.value } })} />
                    <datalist id="tz-list">
                      {zones().map((z) => (
                        <option key={z} value={z} />
                      ))}
                    </datalist>
                  </>
                )}
              </Field>
              <Field label={t('slaAdmin.start')}>{(p) => <input {...p} type="time" value={hours.start} onChange={(e) => setConfig({ ...config, business_hours: { ...hours, start: e.target.value } })} />}</Field>
              <Field label={t('slaAdmin.end')}>{(p) => <input {...p} type="time" value={hours.end} onChange={(e) => setConfig({ ...config, business_hours: { ...hours, end: e.target.value } })} />}</Field>
            </div>
            <div className="day-checks" role="group" aria-label={t('slaAdmin.days')}>
              {DAYS.map((d) => (
                <label key={d} className="check">
                  <input
                    type="checkbox"
                    checked={hours.days.includes(d)}
                    onChange={(e) => setConfig({ ...config, business_hours: { ...hours, days: e.target.checked ? [...hours.days, d].sort() : hours.days.filter((x) => x !== d) } })}
                  />{' '}
                  {t(`days.d${d}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <ErrorNotice error={save.error} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.busy}>
              {save.busy ? t('app.saving') : t('app.save')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
