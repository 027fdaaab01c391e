/**
 * The pasted script (`<script async src=".../pasokh.js" data-site="default">`): replays the
 * command queue, draws the launcher at once in an open shadow root, and imports the app on the
 * first interaction or when the browser is idle. No Preact, no dependencies: every byte here is
 * paid by every page view of every site (budget 2 KB gzip, issue 6), so everything that can wait
 * for the app (badge, aria-expanded, focus rules, the commands' effects) is the app's job.
 * Nothing here throws into the host page except a TypeError for a misused command.
 */
import type { Locale } from '../../protocol/types.js';
import { LAUNCHER_LABEL } from '../i18n/launcher.js';
import { createApi, type Backend } from './api.js';
import type { AppModule, BootOptions, WidgetApp, WidgetConfig } from './contract.js';

/** The app entry's hashed file name, injected by vite.config.ts's second build pass. */
declare const __PASOKH_APP__: string;

type Stub = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: boolean };

// Scoped to #l: the app's panel shares this shadow root and has buttons of its own.
const CSS =
  ':host{all:initial!important}#l{position:fixed;z-index:2147483000;bottom:max(20px,env(safe-area-inset-bottom));right:20px;width:56px;height:56px;' +
  'border:0;border-radius:50%;background:var(--pasokh-color,#1d4ed8);box-shadow:0 4px 14px #0005;cursor:pointer}' +
  '#l.left{right:auto;left:20px}#l svg{width:28px;fill:#fff}';
const ICON = '<svg viewBox="0 0 24 24"><path d="M3 4h18v12H10l-5 4v-4H3z"/></svg>';

const pickLocale = (tag?: string | null): Locale | undefined => /^(en|fa)\b/i.exec(tag!)?.[1]!.toLowerCase() as Locale | undefined;

function start(): void {
  const win = window as unknown as { Pasokh?: Stub; requestIdleCallback?: typeof setTimeout };
  const stub = win.Pasokh;
  if (stub?.loaded) return; // The snippet was pasted twice.
  // Set for classic scripts, async ones included, while they run: start() runs synchronously.
  const script = document.currentScript as HTMLScriptElement | null;
  const src = script?.src || location.href;
  const origin = new URL(src).origin;
  // Served as /pasokh.js with its chunks under /widget/, or straight from /widget/.
  const dirUrl = new URL('.', src).href;
  const assetBase = dirUrl.endsWith('/widget/') ? dirUrl : dirUrl + 'widget/';

  let options: BootOptions | undefined;
  let element: HTMLElement | undefined;
  let launcher: HTMLButtonElement;
  let app: WidgetApp | undefined;
  let loading: Promise<WidgetApp | void> | undefined;
  let config: Promise<WidgetConfig | null>;
  let locale: Locale;
  let explicit: Locale | undefined;

  // On window, where a page listens for global trouble: addEventListener('pasokh:error', …).
  const error = (code: string, message: string) => dispatchEvent(new CustomEvent('pasokh:error', { detail: { code, message } }));

  const style = (color?: string, position?: string) => {
    if (color) element!.style.setProperty('--pasokh-color', color);
    launcher.className = position === 'left' ? 'left' : '';
    launcher.ariaLabel = LAUNCHER_LABEL[locale];
  };

  const importApp = (): Promise<AppModule> => import(/* @vite-ignore */ assetBase + __PASOKH_APP__);
  const load = () =>
    (loading ||= importApp().then(
      (module) =>
        element &&
        (app = module.mount({ root: element.shadowRoot!, launcher, origin, options: options!, locale, config, emit: api.emit, error })),
      (reason) => {
        loading = undefined; // Let the next click try again.
        error('load_failed', String(reason));
      },
    ));

  const backend: Backend = {
    run: (command, arg) => void load().then((loaded) => loaded && loaded[command](arg as never)),
    boot(next) {
      if (options && options.site !== next.site) backend.shutdown();
      options = { ...options, ...next };
      explicit = options.locale || pickLocale(document.documentElement.lang);
      locale = explicit || pickLocale(navigator.language) || 'en';
      if (!element) {
        element = document.createElement('pasokh-widget');
        const root = element.attachShadow({ mode: 'open' });
        root.innerHTML = `<style>${CSS}</style><button id=l>${ICON}</button>`;
        launcher = root.lastChild as HTMLButtonElement;
        launcher.onclick = () => backend.run('toggle', true);
        // Warm the app up as soon as a visitor heads for the launcher.
        launcher.onpointerenter = load;
        (document.body || document.documentElement).append(element);
        config = fetch(`${origin}/api/widget-config?site=${encodeURIComponent(options.site)}`)
          .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
          .then((value: WidgetConfig) => {
            locale = explicit || value.locale || locale;
            if (element) style(options?.color || value.color, options?.position || value.position);
            return value;
          })
          .catch((reason) => {
            error('config_failed', String(reason));
            return null;
          });
        // Load the app when the browser is idle, and never before the host page has loaded.
        const idle = () => (win.requestIdleCallback || setTimeout)(() => element && load(), { timeout: 3000 } as never);
        if (document.readyState === 'complete') idle();
        else addEventListener('load', idle);
      }
      style(options.color, options.position);
      app?.setLocale(locale);
      if (next.user) app?.identify(next.user);
    },
    shutdown() {
      const site = options!.site;
      app?.shutdown();
      element?.remove();
      element = app = loading = options = undefined;
      // Forget the visitor even if the app never ran on this page: a logout on a shared computer.
      importApp().then((module) => module.forget(site), String);
    },
  };

  const api = createApi(backend, script?.dataset.site);
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
  if (queued[0]?.[0] !== 'boot' && script?.dataset.site) queued.unshift(['boot']);
  queued.forEach(replay);

  const pasokh: Stub = (...args) => api.call(...(args as [unknown]));
  pasokh.loaded = true;
  win.Pasokh = pasokh;
}

try {
  start();
} catch (reason) {
  console.error(reason);
}
