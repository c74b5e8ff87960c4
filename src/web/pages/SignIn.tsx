import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import { ApiError } from '../api/errors.js';
import type { SessionPayload, SignInStage } from '../api/types.js';
import { useErrorText } from '../app/hooks.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useI18n } from '../i18n/context.js';

type Step = { kind: 'password' } | { kind: 'totp' } | { kind: 'enrol'; secret: string; qr: string; url: string };

/** Groups a base32 secret in fours for reading and typing. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Email + password, then the TOTP code. A staff member without an authenticator sees the enrolment QR
 * code and secret first; the code they enter completes enrolment and signs them in.
 */
export function SignIn({ ep, notice, onSignedIn }: { ep: Endpoints; notice: string | null; onSignedIn: (session: SessionPayload) => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step.kind === 'password') emailInput.current?.focus();
    else codeInput.current?.focus();
  }, [step.kind]);

  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result: SignInStage = await ep.session.start(email.trim(), password);
      setPassword('');
      setCode('');
      if (result.stage === 'totp_enrol') setStep({ kind: 'enrol', secret: result.enrolment.secret, qr: result.enrolment.qr_code, url: result.enrolment.otpauth_url });
      else setStep({ kind: 'totp' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await ep.session.totp(code.replace(/[\s-]/g, '')));
    } catch (err) {
      setError(err);
      setCode('');
      // The code step lives ten minutes; after that, start again with the password.
      if (err instanceof ApiError && err.isSessionLost) setStep({ kind: 'password' });
      else codeInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const startOver = () => {
    setStep({ kind: 'password' });
    setError(null);
    setCode('');
  };

  const codeField = (
    <div className="field">
      <label htmlFor="totp-code">{t('signIn.code')}</label>
      <input
        ref={codeInput}
        id="totp-code"
        name="code"
        className="code-input"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 \-]{6,9}"
        maxLength={9}
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        aria-describedby={error ? 'signin-error' : undefined}
      />
    </div>
  );

  return (
    <main id="main" className="signin">
      <div className="signin-card">
        <div className="signin-top">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          <span className="brand">{t('app.brand')}</span>
          <LanguageSwitch />
        </div>
        {notice ? (
          <p className="notice notice-info" role="status">
            {notice}
          </p>
        ) : null}
        {step.kind === 'password' ? (
          <form onSubmit={submitPassword} noValidate={false}>
            <h1>{t('signIn.title')}</h1>
            <p className="muted">{t('signIn.subtitle')}</p>
            <div className="field">
              <label htmlFor="signin-email">{t('signIn.email')}</label>
              <input ref={emailInput} id="signin-email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="signin-password">{t('signIn.password')}</label>
              <input id="signin-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </div>
            {error ? (
              <p className="notice notice-error" role="alert" id="signin-error">
                {errorText(error)}
              </p>
            ) : null}
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
              {busy ? t('signIn.submitting') : t('signIn.submit')}
            </button>
          </form>
        ) : (
          <form onSubmit={submitCode}>
            <h1>{step.kind === 'enrol' ? t('signIn.enrolTitle') : t('signIn.totpTitle')}</h1>
            {step.kind === 'enrol' ? (
              <>
                <p>{t('signIn.enrolHelp')}</p>
                <div className="enrol">
                  <img className="qr" src={step.qr} alt={t('signIn.enrolQrAlt')} width={180} height={180} />
                  <div>
                    <p className="small">{t('signIn.enrolSecret')}</p>
                    <code className="secret" data-totp-secret={step.secret}>
                      {grouped(step.secret)}
                    </code>
                    <p className="small muted">{t('signIn.secretWarning')}</p>
                  </div>
                </div>
              </>
            ) : (
              <p>{t('signIn.totpHelp')}</p>
            )}
            {codeField}
            {error ? (
              <p className="notice notice-error" role="alert" id="signin-error">
                {errorText(error)}
              </p>
            ) : null}
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
              {busy ? t('signIn.verifying') : t('signIn.verify')}
            </button>
            <button type="button" className="btn btn-link" onClick={startOver}>
              {t('signIn.startOver')}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
