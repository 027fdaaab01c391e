/**
 * What the script tag and the ES module share: draws the launcher at once in an open shadow root,
 * fetches the site's config, and imports the app on intent (pointer over or focus on the
 * launcher), or when the browser is idle if a conversation is going on. No Preact, no
 * dependencies: every byte here is paid by every page view of every site (2 KB gzip), so
 * everything that can wait for the app (badge, aria-expanded, focus rules, the commands'
 * effects) is the app's job. Nothing here throws into the host page
 * except a TypeError for a misused command.
 */
import type { PasokhErrorCode } from '../../protocol/errors.js';
import type { Locale } from '../../protocol/types.js';
import { LAUNCHER_LABEL } from '../i18n/launcher.js';
import { createApi, type Backend, type PasokhApi } from './api.js';
import type { AppModule, BootOptions, WidgetApp, WidgetConfig } from './contract.js';

/** The app entry's path relative to the loader file, injected by vite.config.ts's second build pass. */
declare const __PASOKH_APP__: string;

// Scoped to #l: the app's panel shares this shadow root and has buttons of its own. The launcher
// is a 56 px circle, or a pill when it has a label (drawn from its data-label, so the text is
// never parsed as HTML); its box is fixed, so nothing on the page moves.
const CSS =
  ':host{all:initial!important}#l{position:fixed;z-index:2147483000;bottom:max(20px,env(safe-area-inset-bottom));right:20px;display:flex;align-items:center;gap:8px;' +
  'height:56px;min-width:56px;padding:0 14px;border:0;border-radius:28px;background:var(--pasokh-color,#1d4ed8);color:#fff;font:600 16px sans-serif;' +
  'box-shadow:0 4px 14px #0005;cursor:pointer}#l.left{right:auto;left:20px}i *{display:block;width:28px;fill:#fff}[data-label]:after{content:attr(data-label)}';
// Parsed as HTML, where the unquoted path and the unclosed <path> are fine (bytes count here).
const ICON = '<svg viewBox="0 0 24 24"><path d=M3,4h18v12H10l-5,4v-4H3z></svg>';

const pickLocale = (tag?: string | null): Locale | undefined =>
  /^(en|fa)\b/i.exec(tag!)?.[1]!.toLowerCase() as Locale | undefined;

// On window, where a page listens for global trouble: addEventListener('pasokh:error', …).
const error = (code: PasokhErrorCode, message: string) =>
  dispatchEvent(new CustomEvent('pasokh:error', { detail: { code, message } }));

/**
 * Creates the widget for a page. `src` is the URL the loader came from (the Pasokh server, unless
 * boot names `server`); `defaultSite` is the script tag's data-site.
 */
export function createPasokh(src: string, defaultSite?: string): PasokhApi {
  // The build bakes in the app's path relative to this file: pasokh.js is served at /pasokh.js
  // (chunks under /widget/), pasokh.mjs at /widget/pasokh.mjs.
  const app = new URL(__PASOKH_APP__, src).href;
  const origin = new URL(src).origin;

  let options: BootOptions | undefined;
  let element: HTMLElement | undefined;
  let launcher: HTMLButtonElement;
  let mounted: WidgetApp | undefined;
  let loading: Promise<WidgetApp | void> | undefined;
  let config: Promise<WidgetConfig | null>;
  let siteConfig: WidgetConfig | undefined;
  let locale: Locale;
  let explicit: Locale | undefined;

  // Boot options win over the site's config; both may name a colour, corner, label and logo.
  const draw = () => {
    const look = { ...siteConfig, ...options };
    if (look.color) element!.style.setProperty('--pasokh-color', look.color);
    // 'left', 'right' or unset: only .left has a rule (boot checked the value, the server its config).
    launcher.className = look.position!;
    launcher.ariaLabel = LAUNCHER_LABEL[locale];
    if (look.label) launcher.dataset.label = look.label;
    // Only the icon's holder is redrawn: the app keeps its unread badge in the launcher too.
    const icon = launcher.firstChild as HTMLElement;
    icon.innerHTML = look.logo ? '<img alt="">' : ICON;
    if (look.logo) (icon.firstChild as HTMLImageElement).src = look.logo;
  };

  const importApp = (): Promise<AppModule> => import(/* @vite-ignore */ app);
  const load = () =>
    (loading ||= importApp().then(
      (module) =>
        element && (mounted = module.mount({ launcher, origin, options: options!, locale, config, emit: api.emit, error })),
      (reason) => {
        loading = undefined; // Let the next click try again.
        error('load_failed', '' + reason);
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
        root.innerHTML = `<style>${CSS}</style><button id=l><i></i></button>`;
        launcher = root.lastChild as HTMLButtonElement;
        launcher.onclick = () => backend.run('toggle', true);
        // The app and the FAQ come on intent: a pointer over the launcher or focus on it, which
        // comes a few hundred ms before a click. A page view that never heads for the help pays
        // for this file and the config only, whatever the FAQ's size.
        launcher.onpointerenter = launcher.onfocus = load;
        // <html> rather than <body>: there is no body yet when the script runs in <head>.
        document.documentElement.append(element);
        // A refusal (unknown site, origin not allowed) is JSON the page may read, without the
        // other fields: the defaults stay, and the page hears its code at once.
        config = fetch(`${origin}/api/widget-config?site=${encodeURIComponent(options.site)}`)
          .then((response) => response.json())
          .then((value: WidgetConfig) => {
            if (value.error) error(value.error.code, value.error.message);
            siteConfig = value;
            locale = explicit || value.locale || locale;
            if (element) draw();
            return value;
          })
          .catch((reason) => {
            error('config_failed', '' + reason);
            return null;
          });
        // A conversation going on in this browser (the app's key, widget/chat/storage.ts) needs
        // the app without a click, so replies arrive and badge the launcher: right after the
        // config. Blocked storage throws here and holds no conversation anyway. A first message
        // that never reached the server waits in the outbox for the next visit to the launcher.
        // So does the reopen link of a reply email (#pasokh-token=…).
        try {
          if (localStorage['pasokh:' + options.site + ':conversation'] || /pasokh-token=/.test(location.hash)) config.then(load);
        } catch {
          // Storage blocked (private mode, a sandbox): nothing to resume.
        }
      }
      draw();
      mounted?.setLocale(locale);
      if (next.user) mounted?.identify(next.user);
    },
    shutdown() {
      const site = options!.site;
      mounted?.shutdown();
      element?.remove();
      element = mounted = loading = options = siteConfig = undefined;
      // Forget the visitor even if the app never ran on this page: a logout on a shared computer.
      importApp().then((module) => module.forget(site), String);
    },
  };

  const api = createApi(backend, defaultSite);
  return api;
}
