/**
 * A page whose origin a site does not allow: the widget gets a 403 it can read (so it can say
 * "Help isn't set up for this page yet" instead of blaming the visitor's network), and the site
 * owner gets one warning per origin per hour that names the origin and the setting to change.
 */
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { SiteConfig } from '../config.js';
import { HttpError } from './errors.js';

/** One warning per origin per this long: a busy page must not flood the log. @default 1 hour */
export const WARN_EVERY_MS = 60 * 60 * 1000;
/** Origins remembered at once; a flood of made-up origins cannot grow the map without end. */
const MAX_REMEMBERED = 1000;

export interface OriginRefusals {
  /** Logs (at most hourly per origin), lets the page read the answer, and returns the error to throw. */
  refuse(reply: FastifyReply, site: SiteConfig, origin: string): HttpError;
}

export interface OriginRefusalOptions {
  logger: Pick<Logger, 'warn'>;
  /** Injectable clock for tests. @default Date.now */
  now?: () => number;
}

/** The sentence a site owner reads in the log. */
export function refusalAdvice(site: SiteConfig, origin: string): string {
  return (
    `A page at ${origin} tried to use the help widget of site "${site.key}", which does not allow that origin. ` +
    `If it should, add "${origin}" to that site's "allowedOrigins" in pasokh.config.json (or PASOKH_ALLOWED_ORIGINS for the first site) and restart.`
  );
}

export function createOriginRefusals({ logger, now = Date.now }: OriginRefusalOptions): OriginRefusals {
  const lastWarned = new Map<string, number>();
  return {
    refuse(reply, site, origin) {
      const key = `${site.key}\n${origin}`;
      const at = now();
      const last = lastWarned.get(key);
      if (last === undefined || at - last >= WARN_EVERY_MS) {
        lastWarned.delete(key);
        if (lastWarned.size >= MAX_REMEMBERED) lastWarned.delete(lastWarned.keys().next().value!);
        lastWarned.set(key, at);
        logger.warn({ origin, site: site.key, setting: 'allowedOrigins' }, refusalAdvice(site, origin));
      }
      // The refusal itself is readable by the page, so the widget can tell it from a network
      // failure; nothing of the site is in it.
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Vary', 'Origin');
      return new HttpError(
        'origin_not_allowed',
        `This page's origin (${origin}) is not in the allowedOrigins of site "${site.key}".`,
      );
    },
  };
}
