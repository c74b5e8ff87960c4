import { useMemo, useState, type KeyboardEvent } from 'react';
import { normalizeLocale } from '../../../shared/locales.js';
import type { Macro, MacroActions, Ticket } from '../../api/types.js';
import { useAsync, useErrorText } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { useI18n } from '../../i18n/context.js';
import { previewPlaceholders } from '../../lib/macro.js';
import { Dialog, ErrorNotice, Loading } from '../common.js';

/**
 * Lists the macros available for the ticket's group; the preview is rendered in the ticket's language
 * with what the console knows (requester, ticket, agent). "Apply" asks the server to render the macro
 * (the authority for placeholders) and hands body + actions to the composer.
 */
export function MacroPicker({ open, ticket, onClose, onApply }: { open: boolean; ticket: Ticket; onClose: () => void; onApply: (title: string, body: string, actions: MacroActions) => void }) {
  const { t, locale } = useI18n();
  const { ep, user } = useSession();
  const errorText = useErrorText();
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const macros = useAsync(async () => (open ? ep.macros.list(ticket.group_id ?? undefined) : []), [open, ticket.group_id, ep]);
  const ticketLocale = normalizeLocale(ticket.locale) ?? locale;

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const list = macros.data ?? [];
    if (!q) return list;
    return list.filter((m) => [m.title['en-us'], m.title['zh-cn'], m.body['en-us'], m.body['zh-cn']].some((s) => s?.toLowerCase().includes(q)));
  }, [macros.data, filter]);
  const current: Macro | undefined = shown[Math.min(active, shown.length - 1)];

  const apply = async (macro: Macro) => {
    setBusy(true);
    setError(null);
    try {
      const rendered = await ep.macros.apply(macro.id, ticket.id);
      onApply(macro.title[locale] || macro.title['en-us'], rendered.body, rendered.actions ?? {});
      setFilter('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(shown.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      void apply(current);
    }
  };

  const preview = current
    ? previewPlaceholders(current.body[ticketLocale] || current.body['en-us'], {
        'requester.name': ticket.requester.name,
        'requester.email': ticket.requester.email,
        'ticket.id': String(ticket.id),
        'ticket.subject': ticket.subject,
        'agent.name': user.name,
      }).text
    : '';

  return (
    <Dialog open={open} title={t('composer.macroTitle')} onClose={onClose} wide>
      <div className="macro-picker">
        <div className="macro-list-col">
          <label htmlFor="macro-filter" className="visually-hidden">
            {t('composer.macroSearch')}
          </label>
          <input
            id="macro-filter"
            type="search"
            data-autofocus
            placeholder={t('composer.macroSearch')}
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKey}
            role="combobox"
            aria-expanded="true"
            aria-controls="macro-options"
            aria-activedescendant={current ? `macro-${current.id}` : undefined}
          />
          {macros.loading && !macros.data ? <Loading /> : null}
          <ErrorNotice error={macros.error} onRetry={macros.reload} />
          {macros.data && macros.data.length === 0 ? <p className="muted small">{t('composer.macroNone')}</p> : null}
          {macros.data && macros.data.length > 0 && shown.length === 0 ? <p className="muted small">{t('composer.macroEmpty')}</p> : null}
          <ul id="macro-options" role="listbox" className="macro-list" aria-label={t('composer.macroTitle')}>
            {shown.map((m, i) => (
              <li
                key={m.id}
                id={`macro-${m.id}`}
                role="option"
                aria-selected={current?.id === m.id}
                className={current?.id === m.id ? 'active' : ''}
                onMouseEnter={() => setActive(i)}
                onClick={() => void apply(m)}
              >
                {m.title[locale] || m.title['en-us']}
              </li>
            ))}
          </ul>
        </div>
        <div className="macro-preview-col">
          <h3 className="panel-subtitle">
            {t('composer.macroPreview')} · {t(`locales.${ticketLocale}`)}
          </h3>
          <div className="macro-preview">{preview}</div>
          {error ? (
            <p className="notice notice-error small" role="alert">
              {errorText(error)}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('app.cancel')}
            </button>
            <button type="button" className="btn btn-primary" disabled={!current || busy} onClick={() => current && void apply(current)} data-action="apply-macro">
              {busy ? t('composer.macroApplying') : t('composer.macroApply')}
            </button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
