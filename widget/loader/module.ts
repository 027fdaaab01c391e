/**
 * The public API as an ES module, for single-page apps that would rather import than paste a
 * script tag. Same commands, same checks, same TypeErrors as `window.Pasokh(...)`.
 *
 * @example
 * // Served by your Pasokh server next to the loader:
 * const Pasokh = await import('https://help.example.com/widget/pasokh.mjs');
 * Pasokh.boot({ site: 'default', locale: 'fa' });
 * Pasokh.on('unread', (count) => updateTitle(count));
 * // On logout, on a shared computer:
 * Pasokh.shutdown();
 */
import type { Locale } from '../../protocol/types.js';
import type { Listener } from './api.js';
import type { BootOptions, Identity, PasokhEvent } from './contract.js';
import { createPasokh } from './core.js';

export type { BootOptions, Identity, PasokhEvent, Locale };

const { call } = createPasokh(import.meta.url);

/** Shows the launcher for `options.site`; call it before anything else (again to change options). */
export const boot = (options: BootOptions): void => call('boot', options);
/** Opens the panel (focus moves in only when a person just acted). */
export const open = (): void => call('open');
export const close = (): void => call('close');
export const toggle = (): void => call('toggle');
/** Opens the panel on the search view with `query` typed in. */
export const search = (query: string): void => call('search', query);
/** Tells the server who the visitor is: `hash` = HMAC-SHA256(site secret, id), hex. */
export const identify = (user: Identity): void => call('identify', user);
export const setLocale = (locale: Locale): void => call('setLocale', locale);
/** Listens to `open`, `close`, `message` (an agent's reply) or `unread` (a count). */
export const on = (event: PasokhEvent, listener: Listener): void => call('on', event, listener);
export const off = (event: PasokhEvent, listener: Listener): void => call('off', event, listener);
/** Removes the widget and forgets the visitor on this browser (a logout on a shared computer). */
export const shutdown = (): void => call('shutdown');
