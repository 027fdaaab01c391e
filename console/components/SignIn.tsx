import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useConsole } from './context.js';
import { LocaleToggle } from './LocaleToggle.js';
import { ForgotPassword } from './PasswordReset.js';

/** The sign-in form: "Email", "Password", "Sign in" (binding names, docs/architecture.md). */
export function SignIn() {
  const { t, actions, state } = useConsole();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A fresh install has nobody to sign in as: say so, and how to create the first admin.
  const [noAgents, setNoAgents] = useState(false);
  useEffect(() => {
    api.setup().then(
      (setup) => setNoAgents(!setup.hasAgents),
      () => {},
    );
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const failure = await actions.signIn(email.trim(), password);
    setBusy(false);
    if (failure) setError(failure);
  };

  return (
    <main class="sign-in">
      <form class="card sign-in-card" onSubmit={submit} noValidate>
        <div class="sign-in-top">
          <h1>{t('signIn.heading')}</h1>
          <LocaleToggle />
        </div>
        {state.signInNotice && (
          <p class="notice" role="status">
            {state.signInNotice}
          </p>
        )}
        {noAgents && (
          <div class="notice no-agents" role="status">
            <strong>{t('signIn.noAgents')}</strong>
            <p>{t('signIn.noAgentsHow')}</p>
          </div>
        )}
        <label class="field">
          <span>{t('signIn.email')}</span>
          <input
            type="email"
            name="email"
            autocomplete="username"
            dir="ltr"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{t('signIn.password')}</span>
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            dir="ltr"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <ForgotPassword />
    </main>
  );
}
