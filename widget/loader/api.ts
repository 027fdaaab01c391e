/**
 * The public command API behind `window.Pasokh(...)`: argument checks that throw a
 * TypeError with a sentence a site developer can act on, and the on/off event bus. No DOM, so
 * misuse is tested in Node; index.ts supplies the backend that draws and loads things.
 * Every byte here ships in the loader (≤ 2 KB gzip): messages are short but say what to do.
 */
import type { BootOptions, PasokhEvent } from './contract.js';

/** Commands the app carries out (index.ts loads the app first when needed). */
export type AppCommand = 'open' | 'close' | 'toggle' | 'search' | 'identify' | 'setLocale';

/** What index.ts does once a command has passed its checks. */
export interface Backend {
  boot(options: BootOptions): void;
  shutdown(): void;
  run(command: AppCommand, arg: unknown): void;
}

export type Listener = (detail?: unknown) => void;

export interface PasokhApi {
  /**
   * Runs one command; throws a TypeError when it is misused.
   * @example
   * Pasokh('boot', { site: 'default', locale: 'fa' });
   * Pasokh('on', 'unread', (count) => console.log(count));
   * Pasokh('search', 'refund');
   */
  call(command: unknown, first?: unknown, second?: unknown): void;
  /** Calls every listener of `event` soon (each in its own task); one that throws does not stop the others. */
  emit(event: PasokhEvent, detail?: unknown): void;
}

const EVENTS = ['open', 'close', 'message', 'unread'];
const COMMANDS = ['open', 'close', 'toggle', 'search', 'identify', 'setLocale', 'shutdown'];

function check(ok: unknown, sentence: string): void {
  if (!ok) throw new TypeError(`Pasokh: ${sentence}`);
}

const checkLocale = (locale: unknown) => check(locale === 'en' || locale === 'fa', 'locale must be "en" or "fa".');
const checkUser = (user: any) => check(typeof user?.id == 'string', 'identify needs { id }.');

/**
 * Creates the command dispatcher. `defaultSite` is the script tag's data-site, used when boot
 * options leave `site` out.
 */
export function createApi(backend: Backend, defaultSite?: string): PasokhApi {
  const listeners: Record<string, Set<Listener>> = {};
  let booted = false;

  function call(command: unknown, first?: any, second?: unknown): void {
    if (command === 'on' || command === 'off') {
      check(EVENTS.includes(first) && typeof second === 'function', `${command} needs an event (${EVENTS}) and a function.`);
      const set = (listeners[first] ||= new Set());
      return void (command === 'on' ? set.add(second as Listener) : set.delete(second as Listener));
    }
    if (command === 'boot') {
      const options = { site: defaultSite, ...first };
      check(typeof (first ?? {}) == 'object' && typeof options.site == 'string' && options.site, 'boot needs { site }.');
      if (options.locale) checkLocale(options.locale);
      check([undefined, 'right', 'left'].includes(options.position), 'position must be "right" or "left".');
      if (options.user) checkUser(options.user);
      booted = true;
      return backend.boot(options);
    }
    check(COMMANDS.includes(command as string), `unknown command "${command}"; use one of boot,on,off,${COMMANDS}.`);
    if (command === 'search') check(typeof first === 'string', 'search needs a string.');
    if (command === 'identify') checkUser(first);
    if (command === 'setLocale') checkLocale(first);
    if (command === 'shutdown') {
      if (booted) backend.shutdown();
      booted = false;
      return;
    }
    check(booted, `call boot before ${command as string}.`);
    backend.run(command as AppCommand, first);
  }

  function emit(event: PasokhEvent, detail?: unknown): void {
    // Each listener runs in a task of its own: one that throws is reported as the page's own
    // error and neither stops the others nor breaks the widget.
    listeners[event]?.forEach((fn) => setTimeout(fn, 0, detail));
  }

  return { call, emit };
}
