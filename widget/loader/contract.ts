/**
 * What the loader and the lazily imported app promise each other. Types only: importing this
 * file adds nothing to either bundle.
 */
import type { PasokhErrorCode } from '../../protocol/errors.js';
import type { Locale, Presence } from '../../protocol/types.js';

/**
 * The site's signed-in user for `Pasokh('identify', …)`. With a site secret, `hash` =
 * HMAC-SHA256(secret, id) in hex, or `token`, an identity token (a JWT signed with the secret
 * that also vouches for name and email, until it expires), is required; without one, name and
 * email are only hints.
 */
export interface Identity {
  id: string;
  hash?: string;
  token?: string;
  name?: string;
  email?: string;
}

/** Options of `Pasokh('boot', options)`; everything but `site` falls back to the site's config. */
export interface BootOptions {
  /** The site key (`data-site` of the script tag). */
  site: string;
  /** @default the page's `<html lang>`, then the site's locale, then the browser's */
  locale?: Locale;
  /** Theme colour of the launcher and the panel's accents, any CSS colour. */
  color?: string;
  /** Which corner the launcher sits in. @default the site's config, else 'right' */
  position?: 'right' | 'left';
  /** Visible text beside the launcher's icon, e.g. "Help". @default the site's config, else none */
  label?: string;
  /** URL of an image shown instead of the launcher's icon (square, shown round). @default the site's config */
  logo?: string;
  user?: Identity;
}

/** `GET /api/widget-config?site=KEY`. */
export interface WidgetConfig {
  site: string;
  name: string;
  /** The name per language, when the site has one per language. */
  names?: Partial<Record<Locale, string>>;
  locale: Locale;
  color: string;
  position: 'right' | 'left';
  /** Optional launcher text and logo URL (boot options override them). */
  label?: string;
  logo?: string;
  presence: Presence;
  /** Whether the server can email the visitor; without it nothing may promise email. */
  email?: boolean;
  /** Set instead of everything else when the server refused: unknown_site, origin_not_allowed. */
  error?: { code: PasokhErrorCode; message: string };
}

/** Events a page can listen to with `Pasokh('on', event, fn)`. */
export type PasokhEvent = 'open' | 'close' | 'message' | 'unread';
export const PASOKH_EVENTS: readonly PasokhEvent[] = ['open', 'close', 'message', 'unread'];

/** What the loader hands to the app's `mount`. */
export interface WidgetHost {
  /** The launcher, in the open shadow root the app renders into (`launcher.getRootNode()`). */
  launcher: HTMLButtonElement;
  /** Origin of the Pasokh server (where the script came from): API and socket live there. */
  origin: string;
  /** The boot options as the page gave them (site, and optionally locale, colour, position, user). */
  options: BootOptions;
  /** The locale to start in: boot's, else the page's, else the site's, else the browser's. */
  locale: Locale;
  /** The site's config, or null when it could not be loaded. */
  config: Promise<WidgetConfig | null>;
  /** Tells the page what happened: open, close, message, unread. */
  emit(event: PasokhEvent, detail?: unknown): void;
  /** Reports runtime trouble as a `pasokh:error` event on window (detail `{ code, message }`); never throws. */
  error(code: PasokhErrorCode, message: string): void;
}

/**
 * What the app's `mount` returns: the loader forwards the public API to it. `focus` says whether
 * to move focus into the panel; when undefined the app decides from `navigator.userActivation`
 * (focus moves only when a person just asked for the panel, never on the page's own call).
 */
export interface WidgetApp {
  open(focus?: boolean): void;
  close(): void;
  toggle(focus?: boolean): void;
  /** Opens the panel on the search view with `query` typed in. */
  search(query: string): void;
  setLocale(locale: Locale): void;
  identify(user: Identity): void;
  /** Disconnects, forgets the visitor on this browser and removes the panel. */
  shutdown(): void;
}

/** The app chunk's module shape. */
export interface AppModule {
  mount(host: WidgetHost): WidgetApp;
  /** Clears what this browser keeps about the visitor of `site` (token, outbox, conversation). */
  forget(site: string): void;
}
