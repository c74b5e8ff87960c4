import { useState } from 'react';
import type { AuditEntry, AuditVerify } from '../../api/types.js';
import { useAction, useAsync } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading, PageHeader, Time } from '../../components/common.js';
import { useI18n } from '../../i18n/context.js';

const PER_PAGE = 100;

const actorText = (actor: AuditEntry['actor']) => (actor === null ? '—' : typeof actor === 'string' ? actor : actor.name ?? actor.label ?? actor.id ?? '—');
const subjectText = (subject: AuditEntry['subject']) => (subject === null ? '—' : typeof subject === 'string' ? subject : [subject.type, subject.id].filter(Boolean).join(' '));
const detailsText = (details: unknown) => (details === null || details === undefined ? '' : typeof details === 'string' ? details : JSON.stringify(details));
const isEmpty = (details: unknown) => details === null || details === undefined || (typeof details === 'object' && Object.keys(details as object).length === 0);

/** One line in the table; the whole JSON unfolds on demand. */
function Details({ details }: { details: unknown }) {
  if (isEmpty(details)) return <span className="muted">—</span>;
  const text = detailsText(details);
  if (text.length <= 60) return <code className="break">{text}</code>;
  return (
    <details className="audit-details">
      <summary>
        <code>{text.slice(0, 60)}…</code>
      </summary>
      <pre>{JSON.stringify(details, null, 2)}</pre>
    </details>
  );
}
const shortHash = (hash: string | null | undefined) => (hash ? `${hash.slice(0, 12)}…` : '—');

export function AuditAdmin() {
  const { t } = useI18n();
  const { ep } = useSession();
  const [filters, setFilters] = useState({ actor_id: '', action: '' });
  const [applied, setApplied] = useState(filters);
  const [page, setPage] = useState(1);
  const logs = useAsync(() => ep.audit.list({ ...(applied.actor_id ? { actor_id: applied.actor_id } : {}), ...(applied.action ? { action: applied.action } : {}), page }), [applied, page, ep]);
  const [verification, setVerification] = useState<AuditVerify | null>(null);
  const verify = useAction(async () => setVerification(await ep.audit.verify()));
  const pages = Math.max(1, Math.ceil((logs.data?.count ?? 0) / PER_PAGE));

  return (
    <section className="admin-page">
      <PageHeader
        title={t('audit.title')}
        intro={t('audit.intro')}
        actions={
          <>
            <a className="btn btn-small" href={ep.audit.exportUrl('json')} download>
              {t('audit.exportJson')}
            </a>
            <a className="btn btn-small" href={ep.audit.exportUrl('csv')} download>
              {t('audit.exportCsv')}
            </a>
            <button type="button" className="btn btn-small btn-primary" onClick={() => void verify.run()} disabled={verify.busy}>
              {verify.busy ? t('audit.verifying') : t('audit.verify')}
            </button>
          </>
        }
      />
      {verification ? (
        <div className={`notice ${verification.valid ? 'notice-success' : 'notice-error'}`} role="status" data-audit-valid={verification.valid ? 'true' : 'false'}>
          <p>{verification.valid ? t('audit.valid', { entries: verification.entries, head: shortHash(verification.head) }) : t('audit.invalid', { entries: verification.entries })}</p>
          {!verification.valid && verification.broken_at != null ? <p>{t('audit.brokenAt', { seq: verification.broken_at })}</p> : null}
          {!verification.valid && verification.reason ? <p className="small">{verification.reason}</p> : null}
        </div>
      ) : null}
      <ErrorNotice error={verify.error} />
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setApplied(filters);
        }}
      >
        <label>
          <span>{t('audit.actor')}</span>
          <input value={filters.actor_id} onChange={(e) => setFilters({ ...filters, actor_id: e.target.value })} />
        </label>
        <label>
          <span>{t('audit.action')}</span>
          <input value={filters.action} onChange={(e) => setFilters({ ...filters, action: e.target.value })} placeholder="ticket.update" />
        </label>
        <button type="submit" className="btn btn-small">
          {t('audit.filter')}
        </button>
      </form>
      <ErrorNotice error={logs.error} onRetry={logs.reload} />
      {logs.loading && !logs.data ? <Loading /> : null}
      {logs.data ? <p className="muted small">{t('audit.count', { count: logs.data.count })}</p> : null}
      {logs.data && logs.data.audit_logs.length === 0 ? <p className="muted">{t('audit.empty')}</p> : null}
      {logs.data && logs.data.audit_logs.length > 0 ? (
        <div className="table-wrap">
          <table className="data audit">
            <thead>
              <tr>
                <th scope="col">{t('audit.seq')}</th>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.subject')}</th>
                <th scope="col">{t('audit.details')}</th>
                <th scope="col">{t('audit.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {logs.data.audit_logs.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.seq}</td>
                  <td className="nowrap">
                    <Time iso={entry.created_at} />
                  </td>
                  <td>{actorText(entry.actor)}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>{subjectText(entry.subject)}</td>
                  <td className="details-cell">
                    <Details details={entry.details} />
                  </td>
                  <td>
                    <code title={entry.hash}>{shortHash(entry.hash)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav className="pager" aria-label={t('app.pageOf', { page, pages })}>
          <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('app.previous')}
          </button>
          <span>{t('app.pageOf', { page, pages })}</span>
          <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('app.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
