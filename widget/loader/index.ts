/**
 * The pasted script (`<script async src=".../pasokh.js" data-site="default">`): replays the
 * snippet's command queue (`window.Pasokh = window.Pasokh || function(){(Pasokh.q = Pasokh.q ||
 * []).push(arguments)}`) and installs `window.Pasokh`. The widget itself is core.ts, shared with
 * the ES module (module.ts).
 */
import { createPasokh } from './core.js';

type Stub = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: boolean };

// Top-level code rather than a start() function: the wrapper and its call cost loader bytes.
const win = window as unknown as { Pasokh?: Stub };
const stub = win.Pasokh;
// Loaded already when the snippet was pasted twice.
if (!stub?.loaded) {
  // Set for classic scripts, async ones included, while they run: this runs synchronously.
  const script = document.currentScript as HTMLScriptElement | null;
  const site = script?.dataset.site;
  const api = createPasokh(script?.src || location.href, site);

  const replay = (args: unknown[]) => {
    try {
      api.call(...(args as [unknown]));
    } catch (reason) {
      // A queued command failed before the page could catch it: show it, never throw.
      console.error(reason);
    }
  };
  // Boot first (the queued one, else the script tag's data-site), then the rest in order.
  const queued = Array.from(stub?.q || [], (args) => Array.from(args)).sort((a, b) => +(b[0] === 'boot') - +(a[0] === 'boot'));
  if (queued[0]?.[0] !== 'boot' && site) queued.unshift(['boot']);
  queued.forEach(replay);

  const pasokh: Stub = (...args) => api.call(...(args as [unknown]));
  pasokh.loaded = true;
  win.Pasokh = pasokh;
}
