import { useEffect, useState } from 'preact/hooks';
import type { DeliveriesResponse, DeliveryView } from '../../protocol/integrations.js';
import { api } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import type { MessageKey } from '../i18n/index.js';
import { useConsole } from './context.js';
import { errorText } from '../lib/error-text.js';

const EMAIL_NOTE: Record<DeliveriesResponse['email'], MessageKey> = {
  smtp: 'deliveries.emailSmtp',
  files: 'deliveries.emailFiles',
  off: 'deliveries.emailOff',
};

/** Admin only: whether email is on, and every webhook, Slack and email delivery with "Resend". */
export function Deliveries() {
  const { t, locale } = useConsole();
  const [data, setData] = useState<DeliveriesResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    try {
      setData(await api.deliveries());
      setError(null);
    } catch (e) {
      setError(t('error.generic', { message: errorText(e) }));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const resend = async (delivery: DeliveryView) => {
    try {
      await api.resendDelivery(delivery.id);
      await load();
    } catch (e) {
      setError(t('error.generic', { message: errorText(e) }));
    }
  };

  return (
    <section class="deliveries" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">{t('deliveries.heading')}</h2>
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <p class="email-mode">{t(EMAIL_NOTE[data.email])}</p>
          <p>{t('deliveries.webhooks', { count: data.webhooks })}</p>
          <div class="card">
            <table aria-label={t('deliveries.list')}>
              <thead>
                <tr>
                  <th scope="col">{t('deliveries.event')}</th>
                  <th scope="col">{t('deliveries.destination')}</th>
                  <th scope="col">{t('deliveries.status')}</th>
                  <th scope="col">{t('deliveries.response')}</th>
                  <th scope="col">{t('deliveries.attempts')}</th>
                  <th scope="col">{t('deliveries.next')}</th>
                  <th scope="col">{t('agents.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.deliveries.map((d) => (
                  <tr key={d.id}>
                    <th scope="row" dir="ltr">
                      {d.eventType}
                      <span class="sub"> {formatDateTime(d.createdAt, locale)}</span>
                    </th>
                    <td dir="ltr">{d.destination}</td>
                    <td>{t(`deliveries.${d.status}`)}</td>
                    <td dir="ltr">{d.responseCode ?? d.lastError ?? '—'}</td>
                    <td>{d.attempts}</td>
                    <td>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt, locale) : '—'}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={`${t('deliveries.resend')}: ${d.eventType} → ${d.destination}`}
                        onClick={() => void resend(d)}
                      >
                        {t('deliveries.resend')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.deliveries.length === 0 && <p class="placeholder">{t('deliveries.empty')}</p>}
          </div>
          <button type="button" onClick={() => void load()}>
            {t('deliveries.refresh')}
          </button>
        </>
      )}
    </section>
  );
}
