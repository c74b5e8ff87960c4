import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { Locale } from '../../shared/locales.js';
import { ApiError } from '../api/errors.js';
import type { Localized, Ticket, TicketPriority, TicketStatus } from '../api/types.js';
import { useErrorText, useNow } from '../app/hooks.js';
import { useI18n } from '../i18n/context.js';
import { formatDateTime } from '../lib/format.js';
import { formatDuration, slaClock, tickInterval } from '../lib/sla.js';

/** An error next to what failed, with the server's localized message (role=alert: read out at once). */
export function ErrorNotice({ error, onRetry, className }: { error: unknown; onRetry?: () => void; className?: string }) {
  const { t } = useI18n();
  const text = useErrorText();
  if (!error) return null;
  const details = error instanceof ApiError ? error.extra.details : undefined;
  const reference = error instanceof ApiError ? error.extra.reference : undefined;
  return (
    <div className={`notice notice-error ${className ?? ''}`} role="alert">
      <p>{text(error)}</p>
      {details && details.length > 1 ? (
        <ul>
          {details.map((d) => (
            <li key={`${d.path}:${d.message}`}>
              <code>{d.path}</code> {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      {reference ? <p className="muted small">{t('errors.reference', { reference })}</p> : null}
      {onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label ?? t('app.loading')}
    </p>
  );
}

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { tx } = useI18n();
  return <span className={`badge status-${status}`}>{tx(`status.${status}`, status)}</span>;
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { tx } = useI18n();
  return <span className={`badge priority-${priority}`}>{tx(`priority.${priority}`, priority)}</span>;
}

/** Live SLA countdown: the nearest target; amber under an hour, red once breached. */
export function SlaTimer({ ticket, long = false }: { ticket: Pick<Ticket, 'sla' | 'status'>; long?: boolean }) {
  const { t, locale } = useI18n();
  const first = slaClock(ticket.sla, ticket.status, Date.now());
  const now = useNow(tickInterval(first));
  const clock = slaClock(ticket.sla, ticket.status, now);
  if (!clock) return <span className="sla sla-none">{long ? t('sla.none') : '—'}</span>;
  const target = t(`sla.${clock.target}`);
  const time = formatDuration(clock.remainingMs, locale);
  const text = clock.state === 'breached' ? (clock.dueAt ? t('sla.overdue', { time }) : t('sla.breached')) : t('sla.left', { time });
  const title = clock.dueAt ? t('sla.target', { target, when: formatDateTime(clock.dueAt, locale) }) : target;
  return (
    <span className={`sla sla-${clock.state}`} title={title} data-sla-state={clock.state}>
      {long ? <span className="sla-target">{target}: </span> : null}
      <time dateTime={clock.dueAt || undefined}>{text}</time>
    </span>
  );
}

/** A labelled control with an optional hint and error, wired with aria-describedby. */
export function Field({
  label,
  hint,
  error,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''} ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A bilingual text with both languages empty (a new form's starting value). */
export const emptyLocalized = (): Localized => ({ 'en-us': '', 'zh-cn': '' });

/** English and Chinese inputs side by side for one bilingual text. */
export function LocalizedInput({
  label,
  value,
  onChange,
  multiline = false,
  rows = 6,
  errors,
  required = true,
}: {
  label: string;
  value: Localized;
  onChange: (value: Localized) => void;
  multiline?: boolean;
  rows?: number;
  errors?: Partial<Record<Locale, string>>;
  required?: boolean;
}) {
  const { t } = useI18n();
  const locales: Locale[] = ['en-us', 'zh-cn'];
  return (
    <fieldset className="localized">
      <legend>{label}</legend>
      <div className="localized-pair">
        {locales.map((locale) => (
          <Field key={locale} label={t(`locales.${locale}`)} error={errors?.[locale]}>
            {(props) =>
              multiline ? (
                <textarea {...props} lang={locale === 'zh-cn' ? 'zh-CN' : 'en'} rows={rows} value={value[locale] ?? ''} required={required} onChange={(e) => onChange({ ...value, [locale]: e.target.value })} />
              ) : (
                <input {...props} lang={locale === 'zh-cn' ? 'zh-CN' : 'en'} type="text" value={value[locale] ?? ''} required={required} onChange={(e) => onChange({ ...value, [locale]: e.target.value })} />
              )
            }
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A modal dialog on the native <dialog> element: focus moves in and is trapped, Escape closes, focus
 * returns to the opener afterwards.
 */
export function Dialog({ open, title, onClose, children, wide = false }: { open: boolean; title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useI18n();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement as HTMLElement | null;
      dialog.showModal();
      // React's autoFocus runs before showModal(), which then focuses the first button: pick the field again.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      return () => {
        if (dialog.open) dialog.close();
        opener?.focus?.();
      };
    }
    return undefined;
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog ${wide ? 'dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn-icon" onClick={onClose} aria-label={t('app.close')}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1 tabIndex={-1} data-page-title>
          {title}
        </h1>
        {intro ? <p className="muted">{intro}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export function Time({ iso }: { iso: string }) {
  const { locale } = useI18n();
  return <time dateTime={iso}>{formatDateTime(iso, locale)}</time>;
}
