import type { SiteSummary } from '../lib/types.js';
import { useConsole } from './context.js';

interface ToolsProps {
  sites: SiteSummary[];
  site: string;
  setSite: (site: string) => void;
  search: string;
  setSearch: (search: string) => void;
  showDeleted: boolean;
  setShowDeleted: (show: boolean) => void;
  canShowDeleted: boolean;
}

/** Which site, a search over its answers, and whether deleted ones are listed. */
export function FaqTools(p: ToolsProps) {
  const { t } = useConsole();
  return (
    <div class="faq-tools">
      {p.sites.length > 1 && (
        <label class="field">
          <span>{t('faq.site')}</span>
          <select value={p.site} onChange={(e) => p.setSite(e.currentTarget.value)}>
            {p.sites.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name} ({s.key})
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="field">
        <span>{t('faq.search')}</span>
        <input type="search" dir="auto" value={p.search} onInput={(e) => p.setSearch(e.currentTarget.value)} />
      </label>
      {p.canShowDeleted && (
        <label class="check">
          <input type="checkbox" checked={p.showDeleted} onChange={(e) => p.setShowDeleted(e.currentTarget.checked)} />{' '}
          {t('faq.showDeleted')}
        </label>
      )}
    </div>
  );
}
