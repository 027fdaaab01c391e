import { describe, expect, it, vi } from 'vitest';
import { createApi, type AppCommand, type Backend } from '../../widget/loader/api.js';
import type { BootOptions } from '../../widget/loader/contract.js';

function recorder() {
  const calls: [string, unknown?][] = [];
  const backend: Backend = {
    boot: (options: BootOptions) => void calls.push(['boot', options]),
    shutdown: () => void calls.push(['shutdown']),
    run: (command: AppCommand, arg: unknown) => void calls.push([command, arg]),
  };
  return { calls, backend };
}

const HASH = 'a'.repeat(64);

describe('Pasokh command API', () => {
  it('boots with the data-site of the script tag when boot names no site', () => {
    const { calls, backend } = recorder();
    createApi(backend, 'default').call('boot');
    expect(calls).toEqual([['boot', { site: 'default' }]]);
  });

  it('passes valid commands on after boot', () => {
    const { calls, backend } = recorder();
    const api = createApi(backend);
    api.call('boot', { site: 'shop', locale: 'fa', position: 'left', user: { id: 'u1', hash: HASH } });
    api.call('open');
    api.call('search', 'refund');
    api.call('setLocale', 'en');
    api.call('identify', { id: 'u2', hash: HASH, name: 'Sara' });
    api.call('shutdown');
    expect(calls.map(([name]) => name)).toEqual(['boot', 'open', 'search', 'setLocale', 'identify', 'shutdown']);
    expect(calls[2]).toEqual(['search', 'refund']);
  });

  it.each([
    ['an unknown command', ['opne'], /unknown command "opne"; use one of boot,on,off,open/],
    ['boot without a site', ['boot', {}], /boot needs \{ site/],
    ['boot with a string', ['boot', 'default'], /boot needs \{ site/],
    ['an unsupported locale', ['boot', { site: 's', locale: 'de' }], /locale must be "en" or "fa"/],
    ['a position that is no side', ['boot', { site: 's', position: 'top' }], /position must be "right" or "left"/],
    // The hash's shape is checked by the server's handshake schema: the loader's 2 KB has no room.
    ['a user without an id', ['boot', { site: 's', user: { name: 'Sara' } }], /identify needs \{ id \}/],
    ['on with an unknown event', ['on', 'opened', () => {}], /on needs an event \(open,close,message,unread\) and a function/],
    ['off without a function', ['off', 'open'], /off needs an event/],
  ])('throws a TypeError that explains %s', (_name, args, message) => {
    const api = createApi(recorder().backend);
    expect(() => api.call(...(args as [unknown, unknown?, unknown?]))).toThrow(TypeError);
    expect(() => api.call(...(args as [unknown, unknown?, unknown?]))).toThrow(message);
  });

  it('throws a TypeError for a command before boot and for a query that is not a string', () => {
    const api = createApi(recorder().backend);
    expect(() => api.call('open')).toThrow(new TypeError('Pasokh: call boot before open.'));
    api.call('boot', { site: 's' });
    expect(() => api.call('search', 42)).toThrow(new TypeError('Pasokh: search needs a string.'));
    expect(() => api.call('setLocale', 'ar')).toThrow(TypeError);
    expect(() => api.call('identify', 'u1')).toThrow(TypeError);
  });

  it('calls listeners in tasks of their own until they are removed, so one that throws does not stop the others', () => {
    vi.useFakeTimers();
    try {
      const api = createApi(recorder().backend);
      const seen: unknown[] = [];
      const listener = (detail?: unknown) => seen.push(detail);
      api.call('on', 'unread', () => {
        throw new Error('page bug');
      });
      api.call('on', 'unread', listener);
      api.emit('unread', 2);
      expect(seen).toEqual([]); // never inside the widget's own call stack
      // The page's error surfaces as its own, from its own task; the next listener still runs.
      expect(() => vi.advanceTimersToNextTimer()).toThrow('page bug');
      vi.advanceTimersToNextTimer();
      expect(seen).toEqual([2]);
      api.call('off', 'unread', listener);
      api.emit('unread', 3);
      expect(() => vi.advanceTimersToNextTimer()).toThrow('page bug');
      vi.advanceTimersToNextTimer();
      expect(seen).toEqual([2]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores shutdown before boot', () => {
    const { calls, backend } = recorder();
    createApi(backend).call('shutdown');
    expect(calls).toEqual([]);
  });
});
