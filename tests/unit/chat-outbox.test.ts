import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../client/storage.js';
import { createVisitorOutbox } from '../../widget/chat/outbox.js';

const KEY = 'pasokh:default:outbox';

describe("the visitor's outbox in localStorage", () => {
  it('keeps an unacked message and its page context across a reload of the page', () => {
    const storage = memoryStorage();
    createVisitorOutbox(storage, KEY).add({
      clientId: 'c1',
      text: 'hello',
      createdAt: 'a',
      context: { url: 'https://shop.example/' },
    });
    expect(createVisitorOutbox(storage, KEY).list()).toEqual([
      { clientId: 'c1', text: 'hello', createdAt: 'a', context: { url: 'https://shop.example/' }, attempts: 0, state: 'sending' },
    ]);
  });

  it('forgets an acked message for good and starts empty when what was stored is corrupt', () => {
    const storage = memoryStorage();
    const outbox = createVisitorOutbox(storage, KEY);
    outbox.add({ clientId: 'c1', text: 'hi', createdAt: 'a' });
    outbox.remove('c1');
    expect(createVisitorOutbox(storage, KEY).list()).toEqual([]);
    storage.setItem(KEY, '{not json');
    expect(createVisitorOutbox(storage, KEY).list()).toEqual([]);
  });

  it('still works in memory when storage refuses to write', () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    const outbox = createVisitorOutbox(storage, KEY);
    outbox.add({ clientId: 'c1', text: 'hi', createdAt: 'a' });
    expect(outbox.list()).toHaveLength(1);
  });
});
