import { useConsole } from './context.js';

/** Switches between English and Persian; labelled in the language it switches to. */
export function LocaleToggle() {
  const { t, locale, actions } = useConsole();
  const other = locale === 'fa' ? 'en' : 'fa';
  return (
    <button
      type="button"
      class="link-button"
      lang={other}
      title={t('locale.switchLabel')}
      onClick={() => actions.setLocale(other)}
    >
      {t('locale.switch')}
    </button>
  );
}
