import { useRef } from 'preact/hooks';
import { MAX_MESSAGE_LENGTH } from '../../protocol/events.js';
import type { ConversationSummary } from '../../protocol/types.js';
import { fillPlaceholders } from '../lib/placeholders.js';
import { useSiteName } from '../lib/site-names.js';
import { findSlashQuery, replaceRange, type SlashQuery } from '../lib/slash.js';
import type { SavedReply } from '../lib/types.js';
import { useConsole } from './context.js';
import { ComposerBar } from './ComposerBar.js';
import { matchReplies, SavedReplyPicker } from './SavedReplyPicker.js';
import { useDraft } from './use-draft.js';
import { pickerKey, useReplyPicker } from './use-reply-picker.js';

/**
 * The reply box ("Reply", "Send"): Enter sends, Shift+Enter breaks the line, "/" or the picker
 * inserts a saved reply with its placeholders filled, "Internal note" keeps it among agents.
 */
export function Composer({ conversation, disabled }: { conversation: ConversationSummary; disabled: boolean }) {
  const { t, state, actions } = useConsole();
  const id = conversation.id;
  const { slash, setSlash, pickerOpen, setPickerOpen, active, setActive, closePicker } = useReplyPicker();
  const { text, setText, internal, setInternal } = useDraft(id, closePicker);
  const box = useRef<HTMLTextAreaElement>(null);

  const showPicker = pickerOpen || slash !== null;
  const matches = showPicker ? matchReplies(state.replies, slash?.query ?? '') : [];
  const over = text.length - MAX_MESSAGE_LENGTH;
  const canSend = !disabled && text.trim() !== '' && over <= 0;

  const fill = useReplyFiller(conversation);
  const pick = (reply: SavedReply) => {
    setText(insertAtCaret(box.current, text, slash, fill(reply.text)));
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

/** Fills a saved reply's placeholders for this conversation's visitor, in the visitor's language. */
export function useReplyFiller(conversation: ConversationSummary): (text: string) => string {
  const { state, locale } = useConsole();
  const visitorLocale = conversation.context.locale ?? locale;
  const siteName = useSiteName(conversation.site, visitorLocale);
  return (text) =>
    fillPlaceholders(text, { name: conversation.visitor.name, agent: state.agent?.name, site: siteName, locale: visitorLocale });
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
