import { useEffect, useState } from 'preact/hooks';
import type { AgentRole } from '../../protocol/types.js';
import { AgentSites } from './AgentSites.js';
import { useConsole } from './context.js';
import { Deliveries } from './Deliveries.js';
import { PrivacyAdmin } from './PrivacyAdmin.js';
import { useSites } from './use-sites.js';
import { WebhooksAdmin } from './WebhooksAdmin.js';

/** Admin only: the agents, with add, disable/enable and remove. */
export function AgentsAdmin() {
  const { t, state, actions } = useConsole();
  const sites = useSites();
  useEffect(() => void actions.refreshAgents(), []);
  if (state.agent?.role !== 'admin') return null;
  // One site: every agent serves it, nothing to choose.
  const scoped = sites.length > 1;
  const me = state.agent.id;

  return (
    <main class="page agents" aria-labelledby="agents-heading">
      <h1 id="agents-heading">{t('agents.heading')}</h1>
      <div class="card">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('agents.name')}</th>
              <th scope="col">{t('agents.email')}</th>
              <th scope="col">{t('agents.role')}</th>
              <th scope="col">{t('agents.state')}</th>
              {scoped && <th scope="col">{t('agents.sites')}</th>}
              <th scope="col">{t('agents.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {state.agents.map((a) => (
              <tr key={a.id} class={a.disabled ? 'disabled' : undefined}>
                <th scope="row" dir="auto">
                  {a.name} {a.id === me && <span class="sub">{t('agents.you')}</span>}
                </th>
                <td dir="ltr">{a.email}</td>
                <td>{a.role === 'admin' ? t('role.admin') : t('role.agent')}</td>
                <td>
                  <span class={`presence ${a.disabled ? 'off' : a.online ? 'on' : 'off'}`}>
                    {a.disabled ? t('agents.disabled') : a.online ? t('agents.online') : t('agents.offline')}
                  </span>
                </td>
                {scoped && (
                  <td>
                    <AgentSites agent={a} sites={sites} />
                  </td>
                )}
                <td>
                  {a.id !== me && (
                    <div class="actions">
                      <button
                        type="button"
                        aria-label={`${a.disabled ? t('agents.enable') : t('agents.disable')}: ${a.name}`}
                        onClick={() => void actions.setAgentDisabled(a.id, !a.disabled)}
                      >
                        {a.disabled ? t('agents.enable') : t('agents.disable')}
                      </button>
                      <button
                        type="button"
                        class="danger"
                        aria-label={`${t('agents.remove')}: ${a.name}`}
                        onClick={() => {
                          if (confirm(t('agents.confirmRemove', { name: a.name }))) void actions.removeAgent(a.id);
                        }}
                      >
                        {t('agents.remove')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AddAgentForm />
      <Deliveries />
      <WebhooksAdmin />
      <PrivacyAdmin />
    </main>
  );
}

function AddAgentForm() {
  const { t, actions } = useConsole();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<AgentRole>('agent');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const error = await actions.addAgent({ email: email.trim(), name: name.trim(), password, role });
    setBusy(false);
    if (error) {
      setMessage({ ok: false, text: t('error.generic', { message: error }) });
      return;
    }
    setMessage({ ok: true, text: t('agents.added', { name: name.trim() }) });
    setEmail('');
    setName('');
    setPassword('');
    setRole('agent');
  };

  return (
    <form class="card add-agent" onSubmit={submit}>
      <h2>{t('agents.add')}</h2>
      <label class="field">
        <span>{t('agents.name')}</span>
        <input dir="auto" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('agents.email')}</span>
        <input
          type="email"
          dir="ltr"
          required
          autocomplete="off"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('agents.password')}</span>
        <input
          type="password"
          dir="ltr"
          required
          minLength={8}
          autocomplete="new-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t('agents.role')}</span>
        <select value={role} onChange={(e) => setRole(e.currentTarget.value as AgentRole)}>
          <option value="agent">{t('role.agent')}</option>
          <option value="admin">{t('role.admin')}</option>
        </select>
      </label>
      {message && (
        <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {t('agents.add')}
      </button>
    </form>
  );
}
