import { useState } from 'preact/hooks';
import { ApiError, api } from '../lib/api.js';
import { useConsole } from './context.js';
import { errorText } from '../lib/error-text.js';

/** Under the sign-in form: asks for a reset link by email. */
export function ForgotPassword() {
  const { t } = useConsole();
  const [email, setEmail] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await api.requestPasswordReset(email.trim());
      setNote({ ok: true, text: t('reset.sent') });
    } catch (e) {
      setNote({
        ok: false,
        text: e instanceof ApiError && e.status === 404 ? t('reset.off') : t('error.generic', { message: errorText(e) }),
      });
    }
  };

  return (
    <details class="card forgot">
      <summary>{t('reset.forgot')}</summary>
      <form onSubmit={submit}>
        <label class="field">
          {t('reset.email')}
          <input
            type="email"
            dir="ltr"
            required
            autocomplete="email"
            value={email}
            onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">{t('reset.send')}</button>
        {note && (
          <p class={note.ok ? 'ok' : 'error'} role={note.ok ? 'status' : 'alert'}>
            {note.text}
          </p>
        )}
      </form>
    </details>
  );
}

/** /console?reset=<token>: the page the reset email links to. */
export function ResetPassword({ token }: { token: string }) {
  const { t } = useConsole();
  const [password, setPassword] = useState('');
  const [state, setState] = useState<{ done: boolean; error: string | null }>({ done: false, error: null });

  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await api.resetPassword(token, password);
      history.replaceState(history.state, '', location.pathname);
      setState({ done: true, error: null });
    } catch (e) {
      setState({ done: false, error: errorText(e) });
    }
  };

  return (
    <main class="sign-in">
      <form class="card sign-in-card" onSubmit={submit}>
        <h1>{t('reset.heading')}</h1>
        {state.done ? (
          <>
            <p role="status">{t('reset.done')}</p>
            <a href={location.pathname}>{t('reset.back')}</a>
          </>
        ) : (
          <>
            <label class="field">
              {t('reset.password')}
              <input
                type="password"
                required
                autocomplete="new-password"
                value={password}
                onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
              />
            </label>
            {state.error && <p role="alert">{state.error}</p>}
            <button type="submit" class="primary">
              {t('reset.save')}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
