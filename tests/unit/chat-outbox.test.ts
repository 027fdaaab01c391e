import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../widget/chat/outbox.js';
import { memoryStorage } from '../../widget/chat/storage.js';

const KEY = 'pasokh:default:outbox';

describe('outbox', () => {
  it('keeps an unacked message across a reload of the page', () => {
    const storage = memoryStorage();
    const before = createOutbox(storage, KEY);
    before.add({ clientId: 'c1-aaaaaaaa', text: 'hello', createdAt: '2025-01-01T00:00:00Z' });
    before.update('c1-aaaaaaaa', { attempts: 2, state: 'retrying' });

    const after = createOutbox(storage, KEY);
    expect(after.list()).toEqual([
      { clientId: 'c1-aaaaaaaa', text: 'hello', createdAt: '2025-01-01T00:00:00Z', attempts: 2, state: 'sending' },
    ]);
  });

  it('keeps messages in the order they were written and adds a clientId only once', () => {
    const outbox = createOutbox(memoryStorage(), KEY);
    outbox.add({ clientId: 'first-000', text: 'one', createdAt: 'a' });
    outbox.add({ clientId: 'second-00', text: 'two', createdAt: 'b' });
    outbox.add({ clientId: 'first-000', text: 'one again', createdAt: 'c' });
    expect(outbox.list().map((item) => item.text)).toEqual(['one', 'two']);
  });

  it('remembers a final failure after a reload instead of retrying it', () => {
    const storage = memoryStorage();
    const outbox = createOutbox(storage, KEY);
    outbox.add({ clientId: 'c1-aaaaaaaa', text: 'x'.repeat(5000), createdAt: 'a' });
    outbox.update('c1-aaaaaaaa', { state: 'failed', error: 'too_large' });
    expect(createOutbox(storage, KEY).get('c1-aaaaaaaa')).toMatchObject({ state: 'failed', error: 'too_large' });
  });

  it('forgets an acked message for good', () => {
    const storage = memoryStorage();
    const outbox = createOutbox(storage, KEY);
    outbox.add({ clientId: 'c1-aaaaaaaa', text: 'hi', createdAt: 'a' });
    outbox.remove('c1-aaaaaaaa');
    expect(createOutbox(storage, KEY).list()).toEqual([]);
  });

  it('starts empty when what was stored is corrupt', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, '{not json');
    expect(createOutbox(storage, KEY).list()).toEqual([]);
    storage.setItem(KEY, JSON.stringify([{ nope: true }, { clientId: 'ok-000000', text: 'kept', createdAt: 'a', attempts: 0, state: 'sending' }]));
    expect(createOutbox(storage, KEY).list().map((item) => item.text)).toEqual(['kept']);
  });

  it('still works in memory when storage refuses to write', () => {
    const storage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    const outbox = createOutbox(storage, KEY);
    outbox.add({ clientId: 'c1-aaaaaaaa', text: 'hi', createdAt: 'a' });
    expect(outbox.list()).toHaveLength(1);
  });
});
