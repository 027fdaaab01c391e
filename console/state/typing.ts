/**
 * The agent's "typing" signal: sent at most every few seconds while keys are pressed, and
 * "stopped" after a quiet spell or when the reply is sent, so the visitor's indicator neither
 * floods the relay nor stays on.
 */
import type { ConversationId } from '../../protocol/types.js';

/** We tell the server "typing" at most this often, and "stopped" after this much quiet. */
export const TYPING_THROTTLE_MS = 3_000;
export const TYPING_IDLE_MS = 4_000;

export interface TypingDeps {
  emit(payload: { conversationId: ConversationId; typing: boolean }): void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface Typing {
  /** A key was pressed in the reply box of `id`. */
  note(id: ConversationId): void;
  /** The agent stopped (sent, cleared, left): "stopped" goes out if "typing" did. */
  stop(id: ConversationId): void;
}

export function createTyping(deps: TypingDeps): Typing {
  const {
    emit,
    now = Date.now,
    setTimer = (fn, ms) => setTimeout(fn, ms),
    clearTimer = (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  } = deps;
  const state: Record<ConversationId, { sentAt: number; idle: unknown }> = {};
  const typing: Typing = {
    note(id) {
      const entry = (state[id] ??= { sentAt: 0, idle: null });
      const at = now();
      if (at - entry.sentAt > TYPING_THROTTLE_MS) {
        entry.sentAt = at;
        emit({ conversationId: id, typing: true });
      }
      if (entry.idle !== null) clearTimer(entry.idle);
      entry.idle = setTimer(() => typing.stop(id), TYPING_IDLE_MS);
    },
    stop(id) {
      const entry = state[id];
      if (!entry || entry.sentAt === 0) return;
      if (entry.idle !== null) clearTimer(entry.idle);
      entry.idle = null;
      entry.sentAt = 0;
      emit({ conversationId: id, typing: false });
    },
  };
  return typing;
}
