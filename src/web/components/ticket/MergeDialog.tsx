import { useState, type FormEvent } from 'react';
import type { Ticket } from '../../api/types.js';
import { useErrorText } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { useI18n } from '../../i18n/context.js';
import { Dialog, StatusBadge } from '../common.js';

/** Merge this ticket into another: look the target up first so the agent sees what they merge into. */
export function MergeDialog({ open, ticketId, onClose, onMerged }: { open: boolean; ticketId: number; onClose: () => void; onMerged: (target: Ticket) => void }) {
  const { t } = useI18n();
  const { ep } = useSession();
  const errorText = useErrorText();
  const [target, setTarget] = useState('');
  const [preview, setPreview] = useState<Ticket | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const targetId = Number(target.replace(/^#/, ''));
  const validId = Number.isInteger(targetId) && targetId > 0;

  const lookup = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setPreview(null);
    if (!validId) return;
    if (targetId === ticketId) {
      setError(new Error(t('ticket.mergeSelf')));
      return;
    }
    setBusy(true);
    try {
      setPreview((await ep.tickets.get(targetId)).ticket);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const merge = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const result = await ep.tickets.merge(ticketId, preview.id);
      onMerged(result.ticket);
      setTarget('');
      setPreview(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} title={t('ticket.mergeTitle', { id: ticketId })} onClose={onClose}>
      <p>{t('ticket.mergeHelp')}</p>
      <form className="merge-lookup" onSubmit={lookup}>
        <label htmlFor="merge-target">{t('ticket.mergeTarget')}</label>
        <div className="inline">
          <input id="merge-target" inputMode="numeric" data-autofocus value={target} onChange={(e) => setTarget(e.target.value)} placeholder="10001" />
          <button type="submit" className="btn" disabled={!validId || busy}>
            {t('ticket.mergeLookup')}
          </button>
        </div>
      </form>
      {preview ? (
        <div className="merge-preview">
          <strong>#{preview.id}</strong> {preview.subject} <StatusBadge status={preview.status} />
          <div className="muted small">{preview.requester.email}</div>
        </div>
      ) : null}
      {error ? (
        <p className="notice notice-error small" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('app.cancel')}
        </button>
        <button type="button" className="btn btn-danger" disabled={!preview || busy} onClick={() => void merge()}>
          {busy && preview ? t('ticket.merging') : t('ticket.mergeConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
