import type { SavedReply } from '../lib/types.js';
import { useConsole } from './context.js';

/** Saved replies whose title or text contains `query` (case-insensitive). */
export function matchReplies(replies: readonly SavedReply[], query: string): SavedReply[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return [...replies];
  return replies.filter((r) => r.title.toLocaleLowerCase().includes(q) || r.text.toLocaleLowerCase().includes(q));
}

interface Props {
  id: string;
  matches: SavedReply[];
  active: number;
  onPick(reply: SavedReply): void;
}

/** The listbox of saved replies under the reply box; the textbox keeps focus and drives it. */
export function SavedReplyPicker({ id, matches, active, onPick }: Props) {
  const { t } = useConsole();
  return (
    <div class="picker">
      {matches.length === 0 ? (
        <p class="empty">{t('replies.none')}</p>
      ) : (
        <ul role="listbox" id={id} aria-label={t('replies.picker')}>
          {matches.map((r, i) => (
            <li
              key={r.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : undefined}
              // mousedown, not click: keep focus in the reply box
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(r);
              }}
            >
              <strong dir="auto">{r.title}</strong>
              <span class="sub" dir="auto">
                {r.text}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
