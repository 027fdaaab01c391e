import { AttachButton } from './Attachments.js';
import { useConsole } from './context.js';

interface BarProps {
  id: string;
  internal: boolean;
  setInternal: (internal: boolean) => void;
  disabled: boolean;
  pickerOpen: boolean;
  togglePicker: () => void;
  over: number;
  canSend: boolean;
}

/** Under the box: "Internal note", the saved-reply picker, the hint, "Send". */
export function ComposerBar({ id, internal, setInternal, disabled, pickerOpen, togglePicker, over, canSend }: BarProps) {
  const { t } = useConsole();
  return (
    <div class="composer-bar">
      <label class="toggle">
        <input type="checkbox" checked={internal} disabled={disabled} onChange={(e) => setInternal(e.currentTarget.checked)} />
        <span>{t('composer.internal')}</span>
      </label>
      <button type="button" class="link-button" disabled={disabled} aria-expanded={pickerOpen} onClick={togglePicker}>
        {t('replies.picker')}
      </button>
      <AttachButton conversationId={id} internal={internal} disabled={disabled} />
      <span id={`hint-${id}`} class="hint">
        {internal ? t('composer.internalHint') : t('composer.hint')}
        {over > 0 && <strong class="error"> · {t('composer.tooLong', { n: over })}</strong>}
      </span>
      <button type="submit" class="primary" disabled={!canSend}>
        {t('composer.send')}
      </button>
    </div>
  );
}
