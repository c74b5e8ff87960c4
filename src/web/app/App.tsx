import { useCallback, useEffect, useMemo, useState } from 'react';
import { normalizeLocale } from '../../shared/locales.js';
import { ApiClient } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import { ApiError } from '../api/errors.js';
import type { SessionPayload, StaffUser } from '../api/types.js';
import { Loading } from '../components/common.js';
import { I18nProvider, useI18n } from '../i18n/context.js';
import { SignIn } from '../pages/SignIn.js';
import { RealtimeProvider } from '../realtime/realtime.js';
import { SessionProvider, DirectoryProvider, type Session } from './session.js';
import { Shell } from './Shell.js';
import { ToastProvider } from './toast.js';

type State = { kind: 'booting' } | { kind: 'signed_out'; notice: string | null } | { kind: 'signed_in'; user: StaffUser };

export function App() {
  return (
    <I18nProvider>
      <ToastProvider>
        <Root />
      </ToastProvider>
    </I18nProvider>
  );
}

function Root() {
  const { t, locale, setLocale, chosen } = useI18n();
  const api = useMemo(() => new ApiClient({ locale }), []); // eslint-disable-line react-hooks/exhaustive-deps
  const ep = useMemo(() => endpoints(api), [api]);
  const [state, setState] = useState<State>({ kind: 'booting' });
  api.locale = locale;

  const signedIn = useCallback(
    (payload: SessionPayload) => {
      if (payload.csrf_token) api.csrfToken = payload.csrf_token;
      // The staff member's own language, unless they switched by hand in this browser.
      const preferred = normalizeLocale(payload.user.locale);
      if (preferred && !chosen) setLocale(preferred);
      setState({ kind: 'signed_in', user: payload.user });
    },
    [api, chosen, setLocale],
  );

  useEffect(() => {
    let live = true;
    ep.session
      .me()
      .then((payload) => live && signedIn(payload))
      .catch((err: unknown) => {
        if (!live) return;
        const missing = err instanceof ApiError && err.code === 'route_not_found';
        setState({ kind: 'signed_out', notice: missing ? t('errors.staffApiMissing') : null });
      });
    return () => {
      live = false;
    };
    // Boot once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    api.onSessionLost = () => {
      api.csrfToken = null;
      setState((s) => (s.kind === 'signed_in' ? { kind: 'signed_out', notice: t('errors.sessionExpired') } : s));
    };
  }, [api, t]);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const signOut = useCallback(async () => {
    try {
      await ep.session.end();
    } catch {
      // Signed out locally either way.
    }
    api.csrfToken = null;
    setState({ kind: 'signed_out', notice: t('errors.signedOut') });
  }, [api, ep, t]);

  const user = state.kind === 'signed_in' ? state.user : null;
  const session = useMemo<Session | null>(() => (user ? { user, api, ep, isAdmin: user.role === 'admin', signOut } : null), [user, api, ep, signOut]);

  if (state.kind === 'booting') {
    return (
      <main id="main" className="boot">
        <Loading />
      </main>
    );
  }
  if (state.kind === 'signed_out' || !session) {
    return <SignIn ep={ep} notice={state.kind === 'signed_out' ? state.notice : null} onSignedIn={signedIn} />;
  }
  return (
    <SessionProvider value={session}>
      <RealtimeProvider userId={session.user.id}>
        <DirectoryProvider>
          <Shell />
        </DirectoryProvider>
      </RealtimeProvider>
    </SessionProvider>
  );
}
