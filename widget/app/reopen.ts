/**
 * The link in a reply email lands on the site's page with `#pasokh-token=…` (see the server's
 * /r/ route): the widget keeps that token as its own, cleans the address bar, and opens onto
 * the conversation.
 */
import type { StorageLike } from '../../client/storage.js';

/** True when the page was opened from a reply email's link. */
export function takeReopenToken(storage: StorageLike, keys: { token: string; conversation: string }): boolean {
  const match = /(?:^#|&)pasokh-token=([\w-]{43})(?:&|$)/.exec(location.hash);
  if (!match) return false;
  try {
    storage.setItem(keys.token, match[1]!);
    // Another visitor's conversation may be remembered in this browser: this link names its own.
    storage.removeItem(keys.conversation);
    history.replaceState(history.state, '', location.pathname + location.search);
  } catch {
    return false;
  }
  return true;
}
