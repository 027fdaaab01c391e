import { useState } from 'preact/hooks';
import type { SlashQuery } from '../lib/slash.js';
import type { SavedReply } from '../lib/types.js';

/** The saved-reply picker's state: opened by "/" (with its query) or by its button. */
export function useReplyPicker() {
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

interface PickerKeys {
  matches: SavedReply[];
  active: number;
  setActive: (update: (active: number) => number) => void;
  pick: (reply: SavedReply) => void;
  close: () => void;
}

/** Arrows move through the open picker, Enter or Tab picks, Escape closes; true when handled. */
export function pickerKey(e: KeyboardEvent, { matches, active, setActive, pick, close }: PickerKeys): boolean {
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
