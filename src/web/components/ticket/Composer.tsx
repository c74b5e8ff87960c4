import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/errors.js';
import { TICKET_STATUSES, type MacroActions, type OutboundReason, type TicketStatus, type TicketUpdate, type UpdateResult } from '../../api/types.js';
import { useErrorText } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { useShortcuts } from '../../app/shortcuts.js';
import { useI18n } from '../../i18n/context.js';
import { joinList } from '../../i18n/translate.js';
import { Icon } from '../Icon.js';

export interface ComposerHandle {
  focus: () => void;
  /** Puts a macro's rendered body in the editor and remembers its actions for the send. */
  applyMacro: (title: string, body: string, actions: MacroActions) => void;
}

/** The kinds the shield hid, from `redactions` as strings or `{ kind }` objects. */
export function redactionKinds(redactions: UpdateResult['redactions']): string[] {
  if (!Array.isArray(redactions)) return [];
  return [...new Set(redactions.map((r) => (typeof r === 'string' ? r : r.kind)).filter(Boolean))];
}

/**
 * Public reply / internal note editor. Sends with Ctrl+Enter. A public reply that asks for a secret
 * comes back as 422 `outbound_refused`: the reasons are shown and the text stays for rewording. While
 * typing, the same check runs on /api/v2/shield/outbound as an early warning (the server still decides).
 */
export const Composer = forwardRef<ComposerHandle, { ticketId: number; status: TicketStatus; disabled?: boolean; onSent: (result: UpdateResult) => void; onOpenMacros: () => void }>(
  function Composer({ ticketId, status, disabled = false, onSent, onOpenMacros }, ref) {
    const { t, tx, locale } = useI18n();
    const { ep } = useSession();
    const errorText = useErrorText();
    const [mode, setMode] = useState<'public' | 'internal'>('public');
    const [body, setBody] = useState('');
    const [submitAs, setSubmitAs] = useState<TicketStatus | ''>('');
    const [macro, setMacro] = useState<{ title: string; actions: MacroActions } | null>(null);
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<unknown>(null);
    const [refusal, setRefusal] = useState<OutboundReason[] | null>(null);
    const [redacted, setRedacted] = useState<string[]>([]);
    const [precheck, setPrecheck] = useState<OutboundReason[]>([]);
    const textarea = useRef<HTMLTextAreaElement>(null);
    const formId = useId();

    useImperativeHandle(ref, () => ({
      focus: () => textarea.current?.focus(),
      applyMacro: (title, macroBody, actions) => {
        setMode('public');
        setBody((current) => (current.trim() ? `${current.replace(/\s+$/, '')}\n\n${macroBody}` : macroBody));
        setMacro({ title, actions });
        if (actions.status) setSubmitAs(actions.status);
        setRefusal(null);
        window.setTimeout(() => textarea.current?.focus(), 0);
      },
    }));

    // Early warning while typing a public reply (debounced; advisory only).
    useEffect(() => {
      if (mode !== 'public' || body.trim().length < 8) {
        setPrecheck([]);
        return;
      }
      const controller = new AbortController();
      const timer = window.setTimeout(() => {
        ep.shield
          .outbound(body, controller.signal)
          .then((r) => setPrecheck(r.allowed ? [] : r.reasons))
          .catch(() => setPrecheck([]));
      }, 600);
      return () => {
        window.clearTimeout(timer);
        controller.abort();
      };
    }, [body, mode, ep, locale]);

    const send = async (event?: FormEvent) => {
      event?.preventDefault();
      if (busy || disabled) return;
      if (!body.trim()) {
        setError(new ApiError(0, 'empty', t('composer.empty')));
        textarea.current?.focus();
        return;
      }
      setBusy(true);
      setError(null);
      setRefusal(null);
      setRedacted([]);
      const update: TicketUpdate = { comment: { body, public: mode === 'public' } };
      // An explicit choice is always sent: without one, the server sets "pending" after a public reply.
      const nextStatus = submitAs || macro?.actions.status;
      if (nextStatus) update.status = nextStatus;
      if (macro?.actions.priority) update.priority = macro.actions.priority;
      try {
        const result = await ep.tickets.update(ticketId, update);
        setBody('');
        setMacro(null);
        setSubmitAs('');
        setPrecheck([]);
        setRedacted(redactionKinds(result.redactions));
        onSent(result);
      } catch (err) {
        if (err instanceof ApiError && err.isOutboundRefusal) {
          setRefusal(err.extra.reasons ?? [{ code: 'refused', message: err.message }]);
        } else setError(err);
        textarea.current?.focus();
      } finally {
        setBusy(false);
      }
    };

    useShortcuts({ reply: () => textarea.current?.focus(), send: () => void send() });

    const macroChanges = macro
      ? [
          ...(macro.actions.status ? [`${t('ticket.status')} → ${tx(`status.${macro.actions.status}`, macro.actions.status)}`] : []),
          ...(macro.actions.priority ? [`${t('ticket.priority')} → ${tx(`priority.${macro.actions.priority}`, macro.actions.priority)}`] : []),
        ]
      : [];

    return (
      <form className={`composer composer-${mode}`} onSubmit={send} aria-labelledby={`${formId}-label`}>
        <div className="composer-top">
          <h2 id={`${formId}-label`} className="visually-hidden">
            {t('composer.label')}
          </h2>
          <div className="segmented" role="radiogroup" aria-label={t('composer.mode')}>
            {(['public', 'internal'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={mode === m}
                className={`segment ${mode === m ? 'segment-on' : ''}`}
                onClick={() => {
                  setMode(m);
                  setRefusal(null);
                }}
                data-mode={m}
              >
                {t(`composer.${m}`)}
              </button>
            ))}
          </div>
          <button type="button" className="btn btn-small" onClick={onOpenMacros} disabled={disabled} data-action="open-macros">
            {t('composer.macro')}
          </button>
        </div>
        <label htmlFor={`${formId}-body`} className="visually-hidden">
          {mode === 'public' ? t('composer.public') : t('composer.internal')}
        </label>
        <textarea
          ref={textarea}
          id={`${formId}-body`}
          name="body"
          className="reply-body"
          rows={6}
          value={body}
          disabled={disabled}
          aria-keyshortcuts="Control+Enter"
          aria-describedby={refusal ? `${formId}-refusal` : undefined}
          placeholder={mode === 'public' ? t('composer.placeholderPublic') : t('composer.placeholderInternal')}
          onChange={(e) => {
            setBody(e.target.value);
            if (refusal) setRefusal(null);
          }}
        />
        {macro && macroChanges.length ? (
          <p className="macro-changes small">
            {t('composer.macroWillSet', { changes: macroChanges.join(', ') })}{' '}
            <button type="button" className="btn btn-link btn-small" onClick={() => setMacro(null)}>
              {t('composer.macroClear')}
            </button>
          </p>
        ) : null}
        {precheck.length && !refusal ? (
          <div className="notice notice-warning small" aria-live="polite">
            <p>{t('composer.precheck')}</p>
            <ul>
              {precheck.map((r) => (
                <li key={r.code}>{r.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {refusal ? (
          <div className="notice notice-error refusal" role="alert" id={`${formId}-refusal`} data-outbound-refused>
            <p>
              <strong>{t('composer.refusedTitle')}</strong>
            </p>
            <ul>
              {refusal.map((r) => (
                <li key={r.code} data-reason={r.code}>
                  {r.message}
                </li>
              ))}
            </ul>
            <p className="small">{t('composer.refusedHelp')}</p>
          </div>
        ) : null}
        {error ? (
          <p className="notice notice-error" role="alert">
            {errorText(error)}
          </p>
        ) : null}
        {redacted.length ? (
          <p className="notice notice-info small" role="status" data-redacted>
            <Icon name="shield" size={14} /> {t('composer.redacted', { kinds: joinList(redacted.map((k) => tx(`redaction.${k}`, k)), locale) })}
          </p>
        ) : null}
        <div className="composer-actions">
          <label className="inline-field">
            <span>{t('composer.submitAs')}</span>
            <select value={submitAs} onChange={(e) => setSubmitAs(e.target.value as TicketStatus | '')} name="submit_as">
              <option value="">{mode === 'public' ? t('composer.defaultAfterReply') : t('composer.keepStatus', { status: tx(`status.${status}`, status) })}</option>
              {TICKET_STATUSES.filter((s) => s !== 'new' && s !== 'closed').map((s) => (
                <option key={s} value={s}>
                  {tx(`status.${s}`, s)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={`btn ${mode === 'public' ? 'btn-primary' : 'btn-note'}`} disabled={busy || disabled} data-action="send">
            {busy ? t('composer.sending') : mode === 'public' ? t('composer.send') : t('composer.sendNote')}
          </button>
        </div>
      </form>
    );
  },
);
