import { useState } from 'preact/hooks';
import type { AgentProfile } from '../../protocol/types.js';
import { ApiError, api } from '../lib/api.js';
import { useConsole } from './context.js';
import { errorText } from '../lib/error-text.js';

type Outcome = { ok: boolean; text: string } | null;

/** The signed-in agent's own name and password. `onProfile` gets the agent as saved. */
export function Account({ onProfile }: { onProfile: (agent: AgentProfile) => void }) {
  const { t } = useConsole();
  return (
    <main class="page account" aria-labelledby="account-heading">
      <div class="page-head">
        <h1 id="account-heading">{t('account.heading')}</h1>
      </div>
      <NameForm onProfile={onProfile} />
      <PasswordForm />
    </main>
  );
}

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <p class="notice" role="status">
      {outcome.text}
    </p>
  ) : (
    <p class="error" role="alert">
      {outcome.text}
    </p>
  );
}

function NameForm({ onProfile }: { onProfile: (agent: AgentProfile) => void }) {
  const { t, state } = useConsole();
  const [name, setName] = useState(state.agent?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const { agent } = await api.rename(name);
      onProfile(agent);
      setOutcome({ ok: true, text: t('account.nameSaved') });
    } catch (err) {
      setOutcome({ ok: false, text: t('account.failed', { message: errorText(err) }) });
    }
    setBusy(false);
  };

  return (
    <form class="card account-form" onSubmit={submit}>
      <label class="field">
        <span>{t('account.name')}</span>
        <input
          name="name"
          autocomplete="name"
          dir="auto"
          required
          maxLength={120}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <small>{t('account.nameHelp')}</small>
      </label>
      <OutcomeLine outcome={outcome} />
      <button type="submit" class="primary" disabled={busy || !name.trim()}>
        {t('account.saveName')}
      </button>
    </form>
  );
}

function PasswordForm() {
  const { t } = useConsole();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setOutcome({ ok: true, text: t('account.passwordSaved') });
    } catch (err) {
      const wrong = err instanceof ApiError && err.status === 403;
      setOutcome({
        ok: false,
        text: wrong ? t('account.wrongPassword') : t('account.failed', { message: errorText(err) }),
      });
    }
    setBusy(false);
  };

  return (
    <form class="card account-form" onSubmit={submit} aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.passwordHeading')}</h2>
      {/* The email lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" autocomplete="username" />
      <label class="field">
        <span>{t('account.current')}</span>
        <input
          type="password"
          name="current"
          autocomplete="current-password"
          dir="ltr"
          required
          value={current}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('account.new')}</span>
        <input
          type="password"
          name="new"
          autocomplete="new-password"
          dir="ltr"
          required
          minLength={8}
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <small>{t('account.newHelp')}</small>
      </label>
      <OutcomeLine outcome={outcome} />
      <button type="submit" class="primary" disabled={busy || !current || next.length < 8}>
        {t('account.savePassword')}
      </button>
    </form>
  );
}
