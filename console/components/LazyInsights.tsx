import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useConsole } from './context.js';
import { errorText } from '../lib/error-text.js';

/**
 * The insights page, imported on first visit: it brings the charting library, which the
 * inbox never needs. One import promise, shared by every later visit.
 */
let page: Promise<FunctionComponent> | undefined;

export function LazyInsights() {
  const { t } = useConsole();
  const [Page, setPage] = useState<FunctionComponent | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    page ??= import('./Insights.js').then((m) => m.Insights);
    page.then(
      (component) => setPage(() => component),
      (error: unknown) => {
        page = undefined;
        setFailed(errorText(error));
      },
    );
  }, []);
  if (failed)
    return (
      <p class="error" role="alert">
        {t('error.generic', { message: failed })}
      </p>
    );
  return Page ? <Page /> : <p>{t('insights.loading')}</p>;
}
