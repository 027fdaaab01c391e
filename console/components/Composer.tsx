import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_MESSAGE_LENGTH } from '../../protocol/events.js';
import type { ConversationSummary } from '../../protocol/types.js';
import { fillPlaceholders } from '../lib/placeholders.js';
import { useSiteName } from '../lib/site-names.js';
import { findSlashQuery, replaceRange, type SlashQuery } from '../lib/slash.js';
import type { SavedReply } from '../lib/types.js';
import { useConsole } from './context.js';
import { matchReplies, SavedReplyPicker } from './SavedReplyPicker.js';

/** Drafts survive switching tabs (per conversation, this page load only). */
const drafts = new Map<string, { text: string; internal: boolean }>();

/**
 * The reply box ("Reply", "Send"): Enter sends, Shift+Enter breaks the line, "/" or the picker
 * inserts a saved reply with its placeholders filled, "Internal note" keeps it among agents.
 */
export function Composer({ conversation, disabled }: { conversation: ConversationSummary; disabled: boolean }) {
  const { t, state, actions, locale } = useConsole();
  const id = conversation.id;
  const { slash, setSlash, pickerOpen, setPickerOpen, active, setActive, closePicker } = usePicker();
  const { text, setText, internal, setInternal } = useDraft(id, closePicker);
  const box = useRef<HTMLTextAreaElement>(null);

  const showPicker = pickerOpen || slash !== null;
  const matches = showPicker ? matchReplies(state.replies, slash?.query ?? '') : [];
  const over = text.length - MAX_MESSAGE_LENGTH;
  const canSend = !disabled && text.trim() !== '' && over <= 0;

  const visitorLocale = conversation.context.locale ?? locale;
  const siteName = useSiteName(conversation.site, visitorLocale);

  const pick = (reply: SavedReply) => {
    const filled = fillPlaceholders(reply.text, {
      name: conversation.visitor.name,
      agent: state.agent?.name,
      site: siteName,
      locale: visitorLocale,
    });
    setText(insertAtCaret(box.current, text, slash, filled));
    closePicker();
  };

  const send = () => {
    if (!canSend) return;
    actions.send(id, text, internal);
    setText('');
    closePicker();
  };

  const onInput = (e: Event) => {
    const el = e.currentTarget as HTMLTextAreaElement;
    setText(el.value);
    const found = findSlashQuery(el.value, el.selectionStart);
    setSlash(found);
    if (found) setActive(0);
    if (el.value.trim() && !internal) actions.noteTyping(id);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (showPicker && pickerKey(e, { matches, active, setActive, pick, close: closePicker })) return;
    // isComposing: Enter also confirms an IME composition, which must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey) {
      e.preventDefault();
      send();
    }
  };

  const listId = `replies-${id}`;
  return (
    <form
      class={`composer${internal ? ' internal' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {showPicker && <SavedReplyPicker id={listId} matches={matches} active={active} onPick={pick} />}
      <textarea
        ref={box}
        rows={3}
        dir="auto"
        aria-label={t('composer.reply')}
        aria-describedby={`hint-${id}`}
        aria-controls={showPicker ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={showPicker && matches.length > 0 ? `${listId}-${active}` : undefined}
        disabled={disabled}
        value={text}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onBlur={() => {
          closePicker();
          actions.stopTyping(id);
        }}
      />
      <ComposerBar
        id={id}
        internal={internal}
        setInternal={setInternal}
        disabled={disabled}
        pickerOpen={pickerOpen}
        togglePicker={() => (pickerOpen ? closePicker() : (setPickerOpen(true), box.current?.focus()))}
        over={over}
        canSend={canSend}
      />
    </form>
  );
}

/** The saved-reply picker's state: opened by "/" (with its query) or by its button. */
function usePicker() {
  const [slash, setSlash] = useState<SlashQuery | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [active, setActive] = useState(0);
  const closePicker = () => {
    setSlash(null);
    setPickerOpen(false);
    setActive(0);
  };
  return { slash, setSlash, pickerOpen, setPickerOpen, active, setActive, closePicker };
}

/** The draft of one conversation's reply box, kept while the agent switches tabs. */
function useDraft(id: string, onSwitch: () => void) {
  const [text, setText] = useState(drafts.get(id)?.text ?? '');
  const [internal, setInternal] = useState(drafts.get(id)?.internal ?? false);
  useEffect(() => {
    setText(drafts.get(id)?.text ?? '');
    setInternal(drafts.get(id)?.internal ?? false);
    onSwitch();
  }, [id]);
  useEffect(() => {
    drafts.set(id, { text, internal });
  }, [id, text, internal]);
  return { text, setText, internal, setInternal };
}

interface PickerKeys {
  matches: SavedReply[];
  active: number;
  setActive: (update: (active: number) => number) => void;
  pick: (reply: SavedReply) => void;
  close: () => void;
}

/** Arrows move through the open picker, Enter or Tab picks, Escape closes; true when handled. */
function pickerKey(e: KeyboardEvent, { matches, active, setActive, pick, close }: PickerKeys): boolean {
  if (matches.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    e.preventDefault();
    const step = e.key === 'ArrowDown' ? 1 : -1;
    setActive((a) => (a + step + matches.length) % matches.length);
    return true;
  }
  const reply = matches[Math.min(active, matches.length - 1)];
  if (reply && (e.key === 'Enter' || e.key === 'Tab')) {
    e.preventDefault();
    pick(reply);
    return true;
  }
  if (e.key === 'Escape') {
    e.preventDefault();
    close();
    return true;
  }
  return false;
}

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
function ComposerBar({ id, internal, setInternal, disabled, pickerOpen, togglePicker, over, canSend }: BarProps) {
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

/** `text` with `inserted` in place of the "/" query (or the selection), the caret put after it. */
function insertAtCaret(el: HTMLTextAreaElement | null, text: string, slash: SlashQuery | null, inserted: string): string {
  const caret = el?.selectionStart ?? text.length;
  const range = slash ?? { start: caret, end: el?.selectionEnd ?? caret };
  const next = replaceRange(text, range.start, range.end, inserted);
  requestAnimationFrame(() => {
    el?.focus();
    el?.setSelectionRange(next.caret, next.caret);
  });
  return next.text;
}
