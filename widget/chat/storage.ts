/** Where the widget keeps its visitor on this browser (the helpers are in client/storage.ts). */

/** The per-site storage keys, in one place so `shutdown` can clear them all. */
export function storageKeys(site: string) {
  const prefix = `pasokh:${site}:`;
  return {
    token: `${prefix}token`,
    outbox: `${prefix}outbox`,
    conversation: `${prefix}conversation`,
    readSeq: `${prefix}read`,
  };
}
