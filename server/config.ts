/**
 * Configuration: `pasokh.config.json` (or the file named by PASOKH_CONFIG) overlaid with
 * environment variables, validated once at start. A mistake fails fast with a sentence a site
 * owner can act on, never with a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import type { Locale } from '../protocol/types.js';
import { DEFAULT_HEAP_GROWTH_PERCENT, MAX_HEAP_GROWTH_PERCENT } from './gc-tuning.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_FAQ = resolve(PROJECT_ROOT, 'demo/faq.json');

const dayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof dayKeys)[number];

const timeRange = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must look like "09:00-17:30"'));

const businessHoursSchema = v.strictObject({
  timeZone: v.pipe(
    v.string(),
    v.check((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as "Asia/Tehran"'),
  ),
  /** Open hours per weekday; a missing day is closed. */
  weekly: v.record(v.picklist(dayKeys), v.array(timeRange)),
  /** Dates (YYYY-MM-DD, in the site's time zone) when nobody answers. */
  holidays: v.optional(v.array(v.pipe(v.string(), v.isoDate('must be a date like "2026-03-21"'))), []),
});

const siteSchema = v.strictObject({
  key: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, "-" or "_"')),
  name: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(120)), 'Pasokh'),
  /** Pages allowed to embed the widget: exact origins like "https://shop.example", or "*". */
  allowedOrigins: v.optional(v.array(v.pipe(v.string(), v.regex(/^(\*|https?:\/\/[^/\s]+)$/, 'must be an origin like "https://shop.example" (no path) or "*"'))), []),
  /** A JSON file, a CSV file, or a folder of Markdown files. */
  faq: v.optional(v.string()),
  /** "files": the `faq` files, hot reloaded; "database": edited in the console (the files are imported once). */
  faqSource: v.optional(v.picklist(['files', 'database'], 'must be "files" or "database"'), 'files'),
  /** Who may edit a console-managed FAQ: "admins", or "agents" (every agent who serves the site). */
  faqEditors: v.optional(v.picklist(['admins', 'agents'], 'must be "admins" or "agents"'), 'admins'),
  locale: v.optional(v.picklist(['en', 'fa']), 'en'),
  color: v.optional(v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#0f766e"')), '#0f766e'),
  position: v.optional(v.picklist(['right', 'left']), 'right'),
  /** Visible text on the launcher (it becomes a pill); the accessible name stays "Open help". */
  label: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40))),
  /** An https image URL shown on the launcher instead of the chat icon. */
  logo: v.optional(v.pipe(v.string(), v.regex(/^https:\/\/\S+$/, 'must be an https:// image URL'), v.maxLength(2048))),
  /** Secret for identity verification (HMAC-SHA256 of the user id); without it `identify` is unverified. */
  secret: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  /** Use the built-in support vocabulary (refund ↔ money back …) in search. */
  vocabulary: v.optional(v.boolean(), true),
  businessHours: v.optional(businessHoursSchema),
  /** Answer a visitor's first message at once with when to expect a person. */
  autoAcknowledge: v.optional(v.boolean(), true),
});

const fileSchema = v.strictObject({
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535))),
  host: v.optional(v.string()),
  dataDir: v.optional(v.string()),
  databaseUrl: v.optional(v.string()),
  redisUrl: v.optional(v.string()),
  /** Lets several installs share one PostgreSQL database, each in its own schema. */
  databaseSchema: v.optional(v.pipe(v.string(), v.regex(/^[a-z_][a-z0-9_]*$/, 'must be lowercase letters, digits and "_"'))),
  /** Lets several installs share one Redis: each reads and writes only its own stream. */
  redisStream: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Set when served over HTTPS (behind a proxy): session cookies get the Secure flag. */
  secureCookies: v.optional(v.boolean()),
  trustProxy: v.optional(v.boolean()),
  sessionHours: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(24 * 90))),
  /** Bearer token for GET /metrics; without it /metrics answers only direct loopback requests. */
  metricsToken: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  heapGrowthPercent: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_HEAP_GROWTH_PERCENT))),
  sites: v.optional(v.pipe(v.array(siteSchema), v.minLength(1, 'must list at least one site'))),
});

export type SiteConfig = v.InferOutput<typeof siteSchema> & { faq: string; locale: Locale };
export type BusinessHours = v.InferOutput<typeof businessHoursSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** PostgreSQL schema; undefined: the connection's default search path. */
  databaseSchema: string | undefined;
  /** The Redis stream the processes of one install share. @default "socket.io" */
  redisStream: string | undefined;
  secureCookies: boolean;
  trustProxy: boolean;
  sessionHours: number;
  metricsToken: string | undefined;
  admin: { email: string; password: string } | undefined;
  sites: SiteConfig[];
  logLevel: string;
  /** @see tuneOldGenerationGrowth in gc-tuning.ts; 0 leaves V8's own choice. */
  heapGrowthPercent: number;
}

/** Thrown for configuration a site owner must fix; `message` is meant for them. */
export class ConfigError extends Error {}

function describe(issues: readonly v.BaseIssue<unknown>[], source: string): string {
  const first = issues[0];
  if (!first) return `${source} is not valid.`;
  const path = first.path?.map((p) => String(p.key)).join('.') ?? '';
  return `${source}: ${path ? `"${path}" ` : ''}${first.message}.`;
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`Cannot read the config file ${file}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The config file ${file} is not valid JSON (${(error as Error).message}).`);
  }
}

/** A whole number from 0 to `max` in env[name], or undefined when unset; `what` names it in the error. */
function envInt(env: NodeJS.ProcessEnv, name: string, max: number, what: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new ConfigError(`${name} must be ${what} from 0 to ${max}, not "${raw}".`);
  return n;
}

function databaseSchema(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[a-z_][a-z0-9_]*$/.test(raw)) throw new ConfigError(`PASOKH_DATABASE_SCHEMA must be lowercase letters, digits and "_", not "${raw}".`);
  return raw;
}

/**
 * Builds the configuration from the environment (and the config file it points to).
 * Relative paths resolve against `cwd`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const explicit = env.PASOKH_CONFIG;
  const file = explicit ? resolve(cwd, explicit) : resolve(cwd, 'pasokh.config.json');
  if (explicit && !existsSync(file)) throw new ConfigError(`PASOKH_CONFIG points to ${file}, which does not exist.`);
  const raw = existsSync(file) ? readConfigFile(file) : {};
  const parsed = v.safeParse(fileSchema, raw);
  if (!parsed.success) throw new ConfigError(describe(parsed.issues, `In ${file}`));
  const fromFile = parsed.output;
  const baseDir = existsSync(file) ? dirname(file) : cwd;

  const defaultSite = v.parse(siteSchema, { key: 'default', name: 'Pasokh Demo Store' });
  const sites = (fromFile.sites ?? [defaultSite]).map((site) => ({
    ...site,
    // A console-managed site without a file starts empty rather than with the demo FAQ.
    faq: site.faq ? resolve(baseDir, site.faq) : site.faqSource === 'database' ? '' : DEMO_FAQ,
  }));
  const keys = new Set<string>();
  for (const site of sites) {
    if (keys.has(site.key)) throw new ConfigError(`Site "${site.key}" is listed twice in ${file}; site keys must be unique.`);
    keys.add(site.key);
    if (site.faq && !existsSync(site.faq)) throw new ConfigError(`The FAQ of site "${site.key}" (${site.faq}) does not exist.`);
  }
  // Env overlays the first site so a single-site install needs no file at all.
  const first = sites[0]!;
  if (env.PASOKH_ALLOWED_ORIGINS) {
    const origins = env.PASOKH_ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of origins) {
      if (!/^(\*|https?:\/\/[^/\s]+)$/.test(origin)) throw new ConfigError(`PASOKH_ALLOWED_ORIGINS: "${origin}" is not an origin like "https://shop.example" (no path) or "*".`);
    }
    first.allowedOrigins = origins;
  }
  if (env.PASOKH_FAQ) {
    first.faq = resolve(cwd, env.PASOKH_FAQ);
    if (!existsSync(first.faq)) throw new ConfigError(`PASOKH_FAQ points to ${first.faq}, which does not exist.`);
  }
  if (env.PASOKH_LOCALE) {
    if (env.PASOKH_LOCALE !== 'en' && env.PASOKH_LOCALE !== 'fa') throw new ConfigError(`PASOKH_LOCALE must be "en" or "fa", not "${env.PASOKH_LOCALE}".`);
    first.locale = env.PASOKH_LOCALE;
  }
  if (env.PASOKH_AUTO_ACK) {
    if (env.PASOKH_AUTO_ACK !== 'true' && env.PASOKH_AUTO_ACK !== 'false') throw new ConfigError(`PASOKH_AUTO_ACK must be "true" or "false", not "${env.PASOKH_AUTO_ACK}".`);
    first.autoAcknowledge = env.PASOKH_AUTO_ACK === 'true';
  }
  if (env.PASOKH_SECRET) {
    if (env.PASOKH_SECRET.length < 16) throw new ConfigError('PASOKH_SECRET must be at least 16 characters.');
    first.secret = env.PASOKH_SECRET;
  }

  const adminEmail = env.PASOKH_ADMIN_EMAIL;
  const adminPassword = env.PASOKH_ADMIN_PASSWORD;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError('Set both PASOKH_ADMIN_EMAIL and PASOKH_ADMIN_PASSWORD to create the first agent, or neither.');
  }
  if (env.PASOKH_METRICS_TOKEN !== undefined && env.PASOKH_METRICS_TOKEN.length < 16) throw new ConfigError('PASOKH_METRICS_TOKEN must be at least 16 characters.');
  if (adminPassword && adminPassword.length < 8) throw new ConfigError('PASOKH_ADMIN_PASSWORD must be at least 8 characters.');

  return {
    port: envInt(env, 'PORT', 65535, 'a port number') ?? fromFile.port ?? 8787,
    host: env.HOST ?? fromFile.host ?? '0.0.0.0',
    dataDir: resolve(cwd, env.PASOKH_DATA ?? fromFile.dataDir ?? 'data'),
    databaseUrl: env.DATABASE_URL || fromFile.databaseUrl || undefined,
    redisUrl: env.REDIS_URL || fromFile.redisUrl || undefined,
    databaseSchema: databaseSchema(env.PASOKH_DATABASE_SCHEMA) ?? fromFile.databaseSchema,
    redisStream: env.PASOKH_REDIS_STREAM || fromFile.redisStream || undefined,
    secureCookies: env.PASOKH_SECURE_COOKIES ? env.PASOKH_SECURE_COOKIES === 'true' : (fromFile.secureCookies ?? false),
    trustProxy: env.PASOKH_TRUST_PROXY ? env.PASOKH_TRUST_PROXY === 'true' : (fromFile.trustProxy ?? false),
    sessionHours: fromFile.sessionHours ?? 24 * 14,
    metricsToken: env.PASOKH_METRICS_TOKEN || fromFile.metricsToken || undefined,
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    sites,
    logLevel: env.LOG_LEVEL ?? 'info',
    heapGrowthPercent:
      envInt(env, 'PASOKH_HEAP_GROWTH_PERCENT', MAX_HEAP_GROWTH_PERCENT, "a whole number (0: V8's own choice)") ?? fromFile.heapGrowthPercent ?? DEFAULT_HEAP_GROWTH_PERCENT,
  };
}
