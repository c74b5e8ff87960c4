import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState, type ClipboardEvent, type DragEvent, type FormEvent } from 'react';
import { ApiError } from '../../api/errors.js';
import { TICKET_STATUSES, type MacroActions, type OutboundReason, type TicketStatus, type TicketUpdate, type UpdateResult, type UploadLimits } from '../../api/types.js';
import { useAsync, useErrorText } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { useShortcuts } from '../../app/shortcuts.js';
import { useI18n } from '../../i18n/context.js';
import { joinList } from '../../i18n/translate.js';
import { checkFiles, isImageType, pastedName, type FileProblem } from '../../lib/attachments.js';
import { formatBytes, sameOriginPath } from '../../lib/format.js';
import { Icon } from '../Icon.js';

/** A file attached to the message being written: uploading, or uploaded (its own upload token). */
interface PendingFile {
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'ready';
  token?: string;
  attachment?: { id: string; content_type: string; content_url: string };
}

let fileSequence = 0;

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
    const [files, setFiles] = useState<PendingFile[]>([]);
    const [fileErrors, setFileErrors] = useState<string[]>([]);
    const [dragging, setDragging] = useState(false);
    const textarea = useRef<HTMLTextAreaElement>(null);
    const fileInput = useRef<HTMLInputElement>(null);
    const formId = useId();
    // The server's limits, with the accepted types in the agent's language (checked again on upload).
    const limits = useAsync<UploadLimits | null>((signal) => ep.uploads.limits(signal).catch(() => null), [ep, locale]);
    const uploading = files.some((f) => f.state === 'uploading');
    const filesRef = useRef(files);
    filesRef.current = files;

    const describeProblem = (problem: FileProblem): string => {
      switch (problem.code) {
        case 'too_large':
          return t('composer.fileTooLarge', { name: problem.name, size: formatBytes(problem.size, locale), max: formatBytes(problem.max, locale) });
        case 'unsupported_type':
          return t('composer.fileType', { name: problem.name, allowed: limits.data?.allowed ?? '' });
        case 'empty':
          return t('composer.fileEmpty', { name: problem.name });
        case 'too_many':
          return t('composer.tooManyFiles', { max: problem.max });
      }
    };

    /** Checks the files, then uploads each on its own (one token per file, so one can be removed). */
    const addFiles = (chosen: File[]) => {
      if (!chosen.length || disabled) return;
      const { accepted, problems } = checkFiles(chosen, files.length, limits.data ?? null);
      setFileErrors(problems.map(describeProblem));
      for (const file of accepted as File[]) {
        const key = `f${++fileSequence}`;
        const name = file.name || 'file';
        setFiles((current) => [...current, { key, name, size: file.size, state: 'uploading' }]);
        ep.uploads
          .create([file])
          .then((upload) => {
            // Removed while it was uploading: delete it on the server too.
            if (!filesRef.current.some((f) => f.key === key)) {
              ep.uploads.remove(upload.token).catch(() => undefined);
              return;
            }
            const stored = upload.attachments[0];
            setFiles((current) =>
              current.map((f) =>
                f.key === key ? { ...f, state: 'ready', token: upload.token, ...(stored ? { name: stored.file_name, size: stored.size, attachment: { id: stored.id, content_type: stored.content_type, content_url: stored.content_url } } : {}) } : f,
              ),
            );
          })
          .catch((err: unknown) => {
            setFiles((current) => current.filter((f) => f.key !== key));
            setFileErrors((current) => [...current, t('composer.uploadFailed', { name, reason: errorText(err) })]);
          });
      }
    };

    const removeFile = (file: PendingFile) => {
      setFiles((current) => current.filter((f) => f.key !== file.key));
      // The server would purge it within a day anyway; deleting now keeps nothing around.
      if (file.token) ep.uploads.remove(file.token).catch(() => undefined);
      textarea.current?.focus();
    };

    // Files belong to the message for this ticket: another ticket starts without them.
    useEffect(
      () => () => {
        for (const f of filesRef.current) if (f.token) ep.uploads.remove(f.token).catch(() => undefined);
        setFiles([]);
        setFileErrors([]);
      },
      [ticketId, ep],
    );

    const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event) || disabled) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
      setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      addFiles(Array.from(event.dataTransfer.files));
    };
    const onPaste = (event: ClipboardEvent) => {
      const pasted = Array.from(event.clipboardData?.files ?? []);
      if (!pasted.length) return;
      // A pasted screenshot becomes an attachment; pasted text still goes into the reply.
      if (!event.clipboardData.getData('text/plain')) event.preventDefault();
      const now = new Date();
      addFiles(
        pasted.map((f) => {
          const name = pastedName(f, now);
          return name === f.name ? f : new File([f], name, { type: f.type });
        }),
      );
    };

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
      if (uploading) {
        setError(new ApiError(0, 'uploading', t('composer.waitForUploads')));
        return;
      }
      if (!body.trim()) {
        setError(new ApiError(0, 'empty', t('composer.empty')));
        textarea.current?.focus();
        return;
      }
      setBusy(true);
      setError(null);
      setRefusal(null);
      setRedacted([]);
      const tokens = files.flatMap((f) => (f.token ? [f.token] : []));
      const update: TicketUpdate = { comment: { body, public: mode === 'public', ...(tokens.length ? { uploads: tokens } : {}) } };
      // An explicit choice is always sent: without one, the server sets "pending" after a public reply.
      const nextStatus = submitAs || macro?.actions.status;
      if (nextStatus) update.status = nextStatus;
      if (macro?.actions.priority) update.priority = macro.actions.priority;
      try {
        const result = await ep.tickets.update(ticketId, update);
        setBody('');
        setFiles([]);
        setFileErrors([]);
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
      <form
        className={`composer composer-${mode}${dragging ? ' composer-dragging' : ''}`}
        onSubmit={send}
        aria-labelledby={`${formId}-label`}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        {dragging ? (
          <div className="drop-overlay" aria-hidden="true">
            <Icon name="clip" size={20} /> {t('composer.dropHere')}
          </div>
        ) : null}
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
          aria-describedby={[refusal ? `${formId}-refusal` : '', `${formId}-files-hint`].filter(Boolean).join(' ')}
          onPaste={onPaste}
          placeholder={mode === 'public' ? t('composer.placeholderPublic') : t('composer.placeholderInternal')}
          onChange={(e) => {
            setBody(e.target.value);
            if (refusal) setRefusal(null);
          }}
        />
        <div className="composer-files">
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            data-attach-input
            accept={limits.data ? [...limits.data.types.map((x) => `${x.content_type},.${x.extension}`), 'text/*'].join(',') : undefined}
            onChange={(e) => {
              addFiles(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
          <button type="button" className="btn btn-small" onClick={() => fileInput.current?.click()} disabled={disabled} data-action="attach" aria-describedby={`${formId}-files-hint`}>
            <Icon name="clip" size={14} /> {t('composer.attach')}
          </button>
          <span className="muted small" id={`${formId}-files-hint`}>
            {limits.data ? t('composer.attachHint', { allowed: limits.data.allowed, size: formatBytes(limits.data.max_bytes, locale), max: limits.data.max_files }) : ''}
          </span>
          {files.length ? (
            <ul className="file-chips" aria-label={t('composer.attached')}>
              {files.map((f) => {
                const preview = f.attachment && isImageType(f.attachment.content_type) && f.token ? `${sameOriginPath(f.attachment.content_url)}?upload_token=${encodeURIComponent(f.token)}` : null;
                return (
                  <li key={f.key} className={`file-chip file-chip-${f.state}`} data-file-name={f.name} data-state={f.state}>
                    {preview ? <img src={preview} alt="" width={28} height={28} /> : <Icon name={f.state === 'uploading' ? 'clip' : 'check'} size={14} />}
                    <span className="file-name">{f.name}</span>
                    <span className="muted small">{f.state === 'uploading' ? t('composer.uploading') : formatBytes(f.size, locale)}</span>
                    <button type="button" className="btn btn-icon btn-tiny" aria-label={t('composer.removeFile', { name: f.name })} onClick={() => removeFile(f)} data-action="remove-file">
                      ×
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
          {files.length && mode === 'internal' ? <p className="muted small">{t('composer.internalFiles')}</p> : null}
          {fileErrors.length ? (
            <div className="notice notice-error small" role="alert" data-file-errors>
              <ul>
                {fileErrors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
              <button type="button" className="btn btn-link btn-small" onClick={() => setFileErrors([])}>
                {t('composer.dismiss')}
              </button>
            </div>
          ) : null}
        </div>
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
          <button type="submit" className={`btn ${mode === 'public' ? 'btn-primary' : 'btn-note'}`} disabled={busy || disabled || uploading} data-action="send">
            {busy ? t('composer.sending') : mode === 'public' ? t('composer.send') : t('composer.sendNote')}
          </button>
        </div>
      </form>
    );
  },
);
