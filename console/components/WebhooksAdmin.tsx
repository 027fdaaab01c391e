import { useEffect, useState } from 'preact/hooks';
import type {
  IntegrationEventType,
  WebhookEndpointInput,
  WebhookEndpointView,
  WebhookKind,
  WebhooksResponse,
} from '../../protocol/integrations.js';
import { api } from '../lib/api.js';
import { useConsole } from './context.js';

type Notice = { ok: boolean; text: string; secret?: string } | null;

/**
 * Admin only: the sites' webhook and Slack endpoints. Those from the config file are listed
 * read-only; those added here can be edited, deleted and sent a test event.
 */
export function WebhooksAdmin() {
  const { t } = useConsole();
  const [data, setData] = useState<WebhooksResponse | null>(null);
  const [editing, setEditing] = useState<WebhookEndpointView | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const fail = (e: unknown) =>
    setNotice({ ok: false, text: t('error.generic', { message: e instanceof Error ? e.message : String(e) }) });
  const load = () => api.webhooks().then(setData, fail);
  useEffect(() => {
    void load();
  }, []);

  const remove = async (endpoint: WebhookEndpointView) => {
    if (!endpoint.id || !confirm(t('webhooks.confirmDelete', { url: endpoint.url }))) return;
    try {
      await api.deleteWebhook(endpoint.id);
      setNotice({ ok: true, text: t('webhooks.deleted') });
      if (editing?.id === endpoint.id) setEditing(null);
    } catch (e) {
      fail(e);
    }
    await load();
  };

  const test = async (endpoint: WebhookEndpointView) => {
    if (!endpoint.id) return;
    try {
      const result = await api.testWebhook(endpoint.id);
      setNotice(
        result.ok
          ? { ok: true, text: t('webhooks.testOk', { code: result.responseCode ?? '—' }) }
          : { ok: false, text: t('webhooks.testFailed', { error: result.error ?? String(result.responseCode) }) },
      );
    } catch (e) {
      fail(e);
    }
  };

  const saved = async (secret: string | null, added: boolean) => {
    setNotice({ ok: true, text: t(added ? 'webhooks.added' : 'webhooks.saved'), ...(secret ? { secret } : {}) });
    setEditing(null);
    await load();
  };

  return (
    <section class="webhooks" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">{t('webhooks.heading')}</h2>
      {notice && <WebhookNotice notice={notice} />}
      {data && <WebhookTable endpoints={data.endpoints} sites={data.sites} onEdit={setEditing} onDelete={remove} onTest={test} />}
      {data && (
        <WebhookForm
          key={editing?.id ?? 'new'}
          data={data}
          editing={editing}
          onSaved={saved}
          onCancel={() => setEditing(null)}
          onError={fail}
        />
      )}
    </section>
  );
}

function WebhookNotice({ notice }: { notice: NonNullable<Notice> }) {
  const { t } = useConsole();
  return (
    <div class={notice.ok ? 'ok' : 'error'} role={notice.ok ? 'status' : 'alert'}>
      <p>{notice.text}</p>
      {notice.secret && (
        <p>
          {t('webhooks.secretOnce')}{' '}
          <code dir="ltr" class="secret">
            {notice.secret}
          </code>
        </p>
      )}
    </div>
  );
}

interface TableProps {
  endpoints: WebhookEndpointView[];
  sites: WebhooksResponse['sites'];
  onEdit(endpoint: WebhookEndpointView): void;
  onDelete(endpoint: WebhookEndpointView): Promise<void>;
  onTest(endpoint: WebhookEndpointView): Promise<void>;
}

function WebhookTable({ endpoints, sites, onEdit, onDelete, onTest }: TableProps) {
  const { t } = useConsole();
  const siteName = (key: string) => sites.find((s) => s.key === key)?.name ?? key;
  return (
    <div class="card">
      <table aria-label={t('webhooks.list')}>
        <thead>
          <tr>
            <th scope="col">{t('webhooks.url')}</th>
            <th scope="col">{t('webhooks.site')}</th>
            <th scope="col">{t('webhooks.events')}</th>
            <th scope="col">{t('webhooks.state')}</th>
            <th scope="col">{t('agents.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e) => (
            <tr key={e.id ?? `config:${e.site}:${e.url}`}>
              <th scope="row" dir="ltr">
                {e.url}
                <span class="sub"> {e.type === 'slack' ? t('webhooks.typeSlack') : t('webhooks.typeWebhook')}</span>
              </th>
              <td dir="auto">{siteName(e.site)}</td>
              <td dir="ltr">{e.events.join(', ')}</td>
              <td>{e.enabled ? t('webhooks.on') : t('webhooks.off')}</td>
              <td>
                {e.source === 'config' ? (
                  <span class="sub">{t('webhooks.fromConfig')}</span>
                ) : (
                  <div class="actions">
                    <button type="button" aria-label={`${t('webhooks.test')}: ${e.url}`} onClick={() => void onTest(e)}>
                      {t('webhooks.test')}
                    </button>
                    <button type="button" aria-label={`${t('webhooks.edit')}: ${e.url}`} onClick={() => onEdit(e)}>
                      {t('webhooks.edit')}
                    </button>
                    <button
                      type="button"
                      class="danger"
                      aria-label={`${t('webhooks.delete')}: ${e.url}`}
                      onClick={() => void onDelete(e)}
                    >
                      {t('webhooks.delete')}
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {endpoints.length === 0 && <p class="placeholder">{t('webhooks.empty')}</p>}
    </div>
  );
}

interface FormProps {
  data: WebhooksResponse;
  editing: WebhookEndpointView | null;
  onSaved(secret: string | null, added: boolean): Promise<void>;
  onCancel(): void;
  onError(e: unknown): void;
}

/** Adds an endpoint, or edits the one chosen in the table (a blank URL or secret keeps it). */
function WebhookForm({ data, editing, onSaved, onCancel, onError }: FormProps) {
  const { t } = useConsole();
  const [site, setSite] = useState(editing?.site ?? data.sites[0]?.key ?? '');
  const [type, setType] = useState<WebhookKind>(editing?.type ?? 'webhook');
  const [url, setUrl] = useState(editing && editing.type === 'webhook' ? editing.url : '');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState<IntegrationEventType[]>(editing?.events ?? ['message.created']);
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);

  const toggle = (event: IntegrationEventType, on: boolean) =>
    setEvents((now) => (on ? [...now, event] : now.filter((e) => e !== event)));

  const submit = async (e: Event) => {
    e.preventDefault();
    const input: WebhookEndpointInput = { site, type, url: url.trim(), events, enabled, ...(secret ? { secret } : {}) };
    try {
      const result = editing?.id ? await api.saveWebhook(editing.id, input) : await api.addWebhook(input);
      await onSaved(result.secret, !editing);
    } catch (error) {
      onError(error);
    }
  };

  return (
    <form class="card webhook-form" onSubmit={(e) => void submit(e)}>
      <h3>{editing ? t('webhooks.editHeading') : t('webhooks.addHeading')}</h3>
      {data.sites.length > 1 && (
        <label class="field">
          <span>{t('webhooks.site')}</span>
          <select value={site} onChange={(e) => setSite(e.currentTarget.value)}>
            {data.sites.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="field">
        <span>{t('webhooks.type')}</span>
        <select value={type} onChange={(e) => setType(e.currentTarget.value as WebhookKind)}>
          <option value="webhook">{t('webhooks.typeWebhook')}</option>
          <option value="slack">{t('webhooks.typeSlack')}</option>
        </select>
      </label>
      <WebhookFormFields editing={editing} type={type} url={url} secret={secret} onUrl={setUrl} onSecret={setSecret} />
      <fieldset>
        <legend>{t('webhooks.events')}</legend>
        {data.events.map((event) => (
          <label key={event} class="check" dir="ltr">
            <input type="checkbox" checked={events.includes(event)} onChange={(e) => toggle(event, e.currentTarget.checked)} />{' '}
            {event}
          </label>
        ))}
      </fieldset>
      <label class="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> {t('webhooks.enabled')}
      </label>
      <div class="actions">
        <button type="submit" class="primary">
          {editing ? t('webhooks.save') : t('webhooks.add')}
        </button>
        {editing && (
          <button type="button" onClick={onCancel}>
            {t('webhooks.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

interface FieldsProps {
  editing: WebhookEndpointView | null;
  type: WebhookKind;
  url: string;
  secret: string;
  onUrl(value: string): void;
  onSecret(value: string): void;
}

function WebhookFormFields({ editing, type, url, secret, onUrl, onSecret }: FieldsProps) {
  const { t } = useConsole();
  // A Slack URL is never sent back to the console: blank keeps the one saved.
  const urlOptional = editing !== null && editing.type === 'slack' && type === 'slack';
  return (
    <>
      <label class="field">
        <span>{t('webhooks.url')}</span>
        <input
          type="url"
          dir="ltr"
          required={!urlOptional}
          placeholder={urlOptional ? t('webhooks.urlKeep') : 'https://'}
          value={url}
          onInput={(e) => onUrl(e.currentTarget.value)}
        />
      </label>
      {type === 'webhook' && (
        <label class="field">
          <span>{t('webhooks.secret')}</span>
          <input
            type="text"
            dir="ltr"
            autocomplete="off"
            minLength={16}
            placeholder={editing ? t('webhooks.secretKeep') : t('webhooks.secretHint')}
            value={secret}
            onInput={(e) => onSecret(e.currentTarget.value)}
          />
        </label>
      )}
    </>
  );
}
