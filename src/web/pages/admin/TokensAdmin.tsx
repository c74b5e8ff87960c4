import { useState } from 'react';
import { useAction, useAsync } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading, PageHeader, Time } from '../../components/common.js';
import { useI18n } from '../../i18n/context.js';

export function TokensAdmin() {
  const { t } = useI18n();
  const { ep } = useSession();
  const tokens = useAsync(() => ep.tokens.list(), [ep]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useAction(async () => {
    const result = await ep.tokens.create(name.trim());
    setCreated(result.token ?? result.api_token.token ?? null);
    setCopied(false);
    setName('');
    tokens.reload();
  });
  const revoke = useAction(async (id: string, label: string) => {
    if (!window.confirm(t('tokens.confirmRevoke', { name: label }))) return;
    await ep.tokens.revoke(id);
    tokens.reload();
  });
  return (
    <section className="admin-page">
      <PageHeader title={t('tokens.title')} intro={t('tokens.intro')} />
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void create.run();
        }}
      >
        <label htmlFor="token-name">{t('tokens.name')}</label>
        <input id="token-name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={create.busy || !name.trim()}>
          {t('tokens.create')}
        </button>
      </form>
      <ErrorNotice error={create.error ?? revoke.error} />
      {created ? (
        <div className="notice notice-success" role="status">
          <p>{t('tokens.newToken')}</p>
          <p className="inline">
            <code className="secret break">{created}</code>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void navigator.clipboard?.writeText(created).then(() => setCopied(true))}
            >
              {copied ? t('app.copied') : t('app.copy')}
            </button>
          </p>
        </div>
      ) : null}
      <ErrorNotice error={tokens.error} onRetry={tokens.reload} />
      {tokens.loading && !tokens.data ? <Loading /> : null}
      {tokens.data && tokens.data.length === 0 ? <p className="muted">{t('tokens.empty')}</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.created')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('tokens.revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((tok) => (
              <tr key={tok.id}>
                <td>{tok.name}</td>
                <td>
                  <Time iso={tok.created_at} />
                </td>
                <td>{tok.last_used_at ? <Time iso={tok.last_used_at} /> : <span className="muted">{t('tokens.never')}</span>}</td>
                <td>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => void revoke.run(tok.id, tok.name)} disabled={revoke.busy}>
                    {t('tokens.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
