/**
 * Configuration: `pasokh.config.json` (or the file named by PASOKH_CONFIG) overlaid with
 * environment variables, validated once at start. A mistake fails fast with a sentence a site
 * owner can act on, never with a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as v from 'valibot';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../protocol/attachments.js';
import type { Locale } from '../protocol/types.js';
import { describeConfigIssues } from './config-issues.js';
import { DEFAULT_HEAP_GROWTH_PERCENT, MAX_HEAP_GROWTH_PERCENT } from './gc-tuning.js';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.js';
import { mailFileFields, resolveMail, type MailSettings } from './mail/settings.js';
import { webhookSchema } from './webhooks/settings.js';

import { PROJECT_ROOT } from './package-root.js';

/** The most PASOKH_ATTACHMENT_MAX_BYTES may be: a file is held in memory while it is checked and saved. */
const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

/** Uploads one visitor or agent may make per minute, unless PASOKH_ATTACHMENT_UPLOADS_PER_MINUTE says otherwise. */
export const DEFAULT_ATTACHMENT_UPLOADS_PER_MINUTE = 30;
const MAX_ATTACHMENT_UPLOADS_PER_MINUTE = 10_000;

export { PROJECT_ROOT };
export const DEMO_FAQ = resolve(PROJECT_ROOT, 'demo/faq.json');

const dayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof dayKeys)[number];

const timeRange = v.pipe(
  v.string(),
  v.regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must look like "09:00-17:30"'),
);

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

const REDIS_STREAM = /^[\w:.-]{1,100}$/;

const siteNameText = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));

/** Exported so a test can check that the README documents every key. */
export const siteSchema = v.strictObject({
  key: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, "-" or "_"')),
  /** What visitors see as the site's name: one name, or one per language ({ "en": …, "fa": … }). */
  name: v.optional(
    v.union(
      [siteNameText, v.strictObject({ en: v.optional(siteNameText), fa: v.optional(siteNameText) })],
      'must be a name, or names per language like { "en": "Shop", "fa": "فروشگاه" }',
    ),
    'Pasokh',
  ),
  /** Pages allowed to embed the widget: exact origins like "https://shop.example", or "*". */
  allowedOrigins: v.optional(
    v.array(
      v.pipe(v.string(), v.regex(/^(\*|https?:\/\/[^/\s]+)$/, 'must be an origin like "https://shop.example" (no path) or "*"')),
    ),
    [],
  ),
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
  /**
   * Distinct visitors whose query led to an answer they voted helpful before that wording is
   * searched as a learned phrasing of the answer (one agent's card is enough). 0 turns learning
   * from visitors off.
   */
  learnAfterVisitors: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)), 3),
  /**
   * Wordings of one answer kept while they wait for `learnAfterVisitors` visitors: beyond it the
   * oldest wording only one visitor used makes room, so a flood of wordings stays bounded.
   */
  learnCandidatesPerAnswer: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)), 50),
  /** Answer a visitor's first message at once with when to expect a person. */
  autoAcknowledge: v.optional(v.boolean(), true),
  /** Signed webhooks and Slack posts of this site's events. */
  webhooks: v.optional(v.array(webhookSchema), []),
});

/** Exported so a test can check that the README documents every key. */
export const fileSchema = v.strictObject({
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535))),
  host: v.optional(v.string()),
  dataDir: v.optional(v.string()),
  databaseUrl: v.optional(v.string()),
  redisUrl: v.optional(v.string()),
  /** Lets several installs share one PostgreSQL database, each in its own schema. */
  databaseSchema: v.optional(v.pipe(v.string(), v.regex(/^[a-z_][a-z0-9_]*$/, 'must be lowercase letters, digits and "_"'))),
  /** The Redis stream the processes of one install share: two installs on one Redis need two names. */
  redisStream: v.optional(v.pipe(v.string(), v.regex(REDIS_STREAM, 'must be 1 to 100 letters, digits or ":._-"'))),
  /** Prefix of the keys this install keeps in Redis (rate limits), so installs can share one. */
  redisKeyPrefix: v.optional(v.pipe(v.string(), v.regex(/^[\w.:-]+$/, 'must be letters, digits, ".", ":", "_" or "-"'))),
  /** Set when served over HTTPS (behind a proxy): session cookies get the Secure flag. */
  secureCookies: v.optional(v.boolean()),
  /** How many reverse proxies are in front (a number) or their addresses; `true` is refused. */
  trustProxy: v.optional(v.union([v.boolean(), v.number(), v.array(v.string())])),
  sessionHours: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(24 * 90))),
  /** Bearer token for GET /metrics; without it /metrics answers only direct loopback requests. */
  metricsToken: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  heapGrowthPercent: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_HEAP_GROWTH_PERCENT))),
  sites: v.optional(v.pipe(v.array(siteSchema), v.minLength(1, 'must list at least one site'))),
  /** Where people reach this server, for links in email and Slack. */
  publicUrl: v.optional(
    v.pipe(v.string(), v.regex(/^https?:\/\/[^/\s]+\/?$/, 'must be an origin like "https://help.shop.example"')),
  ),
  /** First retry of a failed webhook or email; doubles each time, for 24 hours. */
  deliveryRetrySeconds: v.optional(v.pipe(v.number(), v.minValue(0.05), v.maxValue(3600)), 10),
  /** Conversations closed longer ago than this many days are deleted; unset keeps them. */
  retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36_500))),
  /** The largest file a visitor or an agent may attach, in bytes. */
  attachmentMaxBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1024), v.maxValue(MAX_ATTACHMENT_BYTES))),
  /** A folder for attachment bytes (shared by every process when scaled out); unset: see Config. */
  attachmentDir: v.optional(v.string()),
  /** Files one visitor or agent may upload per minute. */
  attachmentUploadsPerMinute: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ATTACHMENT_UPLOADS_PER_MINUTE)),
  ),
  ...mailFileFields,
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
  /** @default "socket.io" (the adapter's own default, so existing installs keep their stream) */
  redisStream: string;
  /** Prefix of this install's Redis keys. @default "pasokh" */
  redisKeyPrefix: string;
  secureCookies: boolean;
  trustProxy: TrustProxy;
  sessionHours: number;
  metricsToken: string | undefined;
  /** PASOKH_ADMIN_EMAIL / _PASSWORD / _NAME: the first admin, created on the first start. */
  admin: { email: string; password: string; name?: string } | undefined;
  sites: SiteConfig[];
  logLevel: string;
  /** @see tuneOldGenerationGrowth in gc-tuning.ts; 0 leaves V8's own choice. */
  heapGrowthPercent: number;
  /** Origin for links in email and Slack, without a trailing slash. */
  publicUrl: string;
  deliveryRetryMs: number;
  mail: MailSettings;
  /** Delete conversations closed longer ago than this; undefined keeps them forever. */
  retentionDays: number | undefined;
  /** PASOKH_ATTACHMENT_MAX_BYTES / "attachmentMaxBytes". @default 10 MB */
  attachmentMaxBytes: number;
  /**
   * PASOKH_ATTACHMENT_DIR / "attachmentDir": where attachment bytes are kept. Undefined with
   * DATABASE_URL: in PostgreSQL, so every process reads them; otherwise `${dataDir}/attachments`.
   */
  attachmentDir: string | undefined;
  /**
   * PASOKH_ATTACHMENT_UPLOADS_PER_MINUTE / "attachmentUploadsPerMinute": files one visitor or
   * agent may upload per minute, across every process when scaled out. @default 30
   */
  attachmentUploadsPerMinute: number;
}

/** Thrown for configuration a site owner must fix; `message` is meant for them. */
export class ConfigError extends Error {}

/** One problem as is; several as a numbered list, so a site owner fixes them all in one go. */
function allProblems(problems: readonly string[]): string {
  if (problems.length === 1) return problems[0]!;
  return `The configuration has ${problems.length} problems:\n${problems.map((problem, i) => `  ${i + 1}. ${problem}`).join('\n')}`;
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

/** A whole number from 0 to `max` in env[name], or undefined when unset; `what` names it in the problem. */
function envInt(
  env: NodeJS.ProcessEnv,
  name: string,
  max: number,
  what: string,
  problems: string[],
  min = 0,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    return void problems.push(`${name} must be ${what} from ${min} to ${max}, not "${raw}".`);
  return n;
}

function redisKeyPrefix(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[\w.:-]+$/.test(raw))
    return void problems.push(`PASOKH_REDIS_PREFIX must be letters, digits, ".", ":", "_" or "-", not "${raw}".`);
  return raw;
}

function databaseSchema(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[a-z_][a-z0-9_]*$/.test(raw))
    return void problems.push(`PASOKH_DATABASE_SCHEMA must be lowercase letters, digits and "_", not "${raw}".`);
  return raw;
}

/** `true` or `false` in env[name] (nothing else: "yes" or "1" would be a guess), or undefined when unset. */
function envBool(env: NodeJS.ProcessEnv, name: string, problems: string[]): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false') return void problems.push(`${name} must be "true" or "false", not "${raw}".`);
  return raw === 'true';
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
  // Every problem is collected and reported at once: a site owner fixes them all in one go.
  const problems: string[] = parsed.success ? [] : describeConfigIssues(parsed.issues, `In ${file}`, fileSchema);
  // On a broken file, go on with the defaults only to collect the environment's problems too.
  const fromFile: v.InferOutput<typeof fileSchema> = parsed.success ? parsed.output : v.parse(fileSchema, {});
  const baseDir = existsSync(file) ? dirname(file) : cwd;

  const defaultSite = v.parse(siteSchema, { key: 'default', name: { en: 'Pasokh Demo Store', fa: 'فروشگاه نمایشی پاسخ' } });
  const sites = (fromFile.sites ?? [defaultSite]).map((site) => ({
    ...site,
    // A console-managed site without a file starts empty rather than with the demo FAQ.
    faq: site.faq ? resolve(baseDir, site.faq) : site.faqSource === 'database' ? '' : DEMO_FAQ,
  }));
  const keys = new Set<string>();
  for (const site of sites) {
    if (keys.has(site.key)) problems.push(`Site "${site.key}" is listed twice in ${file}; site keys must be unique.`);
    keys.add(site.key);
    if (site.faq && !existsSync(site.faq)) problems.push(`The FAQ of site "${site.key}" (${site.faq}) does not exist.`);
  }
  // Env overlays the first site so a single-site install needs no file at all.
  const first = sites[0]!;
  if (env.PASOKH_ALLOWED_ORIGINS) {
    const origins = env.PASOKH_ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of origins) {
      if (!/^(\*|https?:\/\/[^/\s]+)$/.test(origin))
        problems.push(`PASOKH_ALLOWED_ORIGINS: "${origin}" is not an origin like "https://shop.example" (no path) or "*".`);
    }
    first.allowedOrigins = origins;
  }
  if (env.PASOKH_FAQ) {
    first.faq = resolve(cwd, env.PASOKH_FAQ);
    if (!existsSync(first.faq)) problems.push(`PASOKH_FAQ points to ${first.faq}, which does not exist.`);
  }
  if (env.PASOKH_LOCALE) {
    if (env.PASOKH_LOCALE !== 'en' && env.PASOKH_LOCALE !== 'fa')
      problems.push(`PASOKH_LOCALE must be "en" or "fa", not "${env.PASOKH_LOCALE}".`);
    else first.locale = env.PASOKH_LOCALE;
  }
  const autoAcknowledge = envBool(env, 'PASOKH_AUTO_ACK', problems);
  if (autoAcknowledge !== undefined) first.autoAcknowledge = autoAcknowledge;
  if (env.PASOKH_SECRET) {
    if (env.PASOKH_SECRET.length < 16) problems.push('PASOKH_SECRET must be at least 16 characters.');
    first.secret = env.PASOKH_SECRET;
  }

  const adminEmail = env.PASOKH_ADMIN_EMAIL;
  const adminPassword = env.PASOKH_ADMIN_PASSWORD;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    problems.push('Set both PASOKH_ADMIN_EMAIL and PASOKH_ADMIN_PASSWORD to create the first agent, or neither.');
  }
  const trustProxy = env.PASOKH_TRUST_PROXY
    ? parseTrustProxy(env.PASOKH_TRUST_PROXY, 'PASOKH_TRUST_PROXY')
    : parseTrustProxy(fromFile.trustProxy, `"trustProxy" in ${file}`);
  if (typeof trustProxy === 'object' && !Array.isArray(trustProxy)) problems.push(trustProxy.problem);
  if (env.PASOKH_METRICS_TOKEN && env.PASOKH_METRICS_TOKEN.length < 16)
    problems.push('PASOKH_METRICS_TOKEN must be at least 16 characters.');
  if (adminPassword && adminPassword.length < 8) problems.push('PASOKH_ADMIN_PASSWORD must be at least 8 characters.');
  const envPort = envInt(env, 'PORT', 65535, 'a port number', problems);
  const heapGrowthPercent = envInt(
    env,
    'PASOKH_HEAP_GROWTH_PERCENT',
    MAX_HEAP_GROWTH_PERCENT,
    "a whole number (0: V8's own choice)",
    problems,
  );
  const attachmentMaxBytes = envInt(env, 'PASOKH_ATTACHMENT_MAX_BYTES', MAX_ATTACHMENT_BYTES, 'a number of bytes', problems);
  const retentionDays = envInt(env, 'PASOKH_RETENTION_DAYS', 36_500, 'a number of days (0: keep everything)', problems);
  const uploadsPerMinute = envInt(
    env,
    'PASOKH_ATTACHMENT_UPLOADS_PER_MINUTE',
    MAX_ATTACHMENT_UPLOADS_PER_MINUTE,
    'a number of files',
    problems,
    1,
  );
  const secureCookies = envBool(env, 'PASOKH_SECURE_COOKIES', problems);
  if (env.PASOKH_REDIS_STREAM && !REDIS_STREAM.test(env.PASOKH_REDIS_STREAM))
    problems.push(`PASOKH_REDIS_STREAM must be 1 to 100 letters, digits or ":._-", not "${env.PASOKH_REDIS_STREAM}".`);
  const schema = databaseSchema(env.PASOKH_DATABASE_SCHEMA, problems);
  const keyPrefix = redisKeyPrefix(env.PASOKH_REDIS_PREFIX, problems);
  if (problems.length || (typeof trustProxy === 'object' && !Array.isArray(trustProxy)))
    throw new ConfigError(allProblems(problems));

  const port = envPort ?? fromFile.port ?? 8787;
  const publicUrl = (env.PASOKH_PUBLIC_URL || fromFile.publicUrl || `http://localhost:${port}`).replace(/\/$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(publicUrl))
    throw new ConfigError(`PASOKH_PUBLIC_URL must be an origin like "https://help.shop.example", not "${publicUrl}".`);
  const dataDir = resolve(cwd, env.PASOKH_DATA ?? fromFile.dataDir ?? 'data');
  const databaseUrl = env.DATABASE_URL || fromFile.databaseUrl || undefined;
  const mail = resolveMail(env, fromFile, { dataDir, publicUrl, scaledOut: databaseUrl !== undefined }, (message) => {
    throw new ConfigError(message);
  });

  return {
    port,
    host: env.HOST ?? fromFile.host ?? '0.0.0.0',
    dataDir,
    databaseUrl,
    redisUrl: env.REDIS_URL || fromFile.redisUrl || undefined,
    databaseSchema: schema ?? fromFile.databaseSchema,
    redisStream: env.PASOKH_REDIS_STREAM || fromFile.redisStream || 'socket.io',
    redisKeyPrefix: keyPrefix ?? fromFile.redisKeyPrefix ?? 'pasokh',
    secureCookies: secureCookies ?? fromFile.secureCookies ?? false,
    trustProxy,
    sessionHours: fromFile.sessionHours ?? 24 * 14,
    metricsToken: env.PASOKH_METRICS_TOKEN || fromFile.metricsToken || undefined,
    admin:
      adminEmail && adminPassword
        ? {
            email: adminEmail,
            password: adminPassword,
            ...(env.PASOKH_ADMIN_NAME?.trim() ? { name: env.PASOKH_ADMIN_NAME.trim() } : {}),
          }
        : undefined,
    sites,
    logLevel: env.LOG_LEVEL ?? 'info',
    heapGrowthPercent: heapGrowthPercent ?? fromFile.heapGrowthPercent ?? DEFAULT_HEAP_GROWTH_PERCENT,
    publicUrl,
    deliveryRetryMs: fromFile.deliveryRetrySeconds * 1000,
    mail,
    retentionDays: retentionDays || fromFile.retentionDays,
    attachmentMaxBytes: attachmentMaxBytes || fromFile.attachmentMaxBytes || DEFAULT_ATTACHMENT_MAX_BYTES,
    attachmentDir: env.PASOKH_ATTACHMENT_DIR
      ? resolve(cwd, env.PASOKH_ATTACHMENT_DIR)
      : fromFile.attachmentDir
        ? resolve(baseDir, fromFile.attachmentDir)
        : databaseUrl === undefined
          ? resolve(dataDir, 'attachments')
          : undefined,
    attachmentUploadsPerMinute: uploadsPerMinute ?? fromFile.attachmentUploadsPerMinute ?? DEFAULT_ATTACHMENT_UPLOADS_PER_MINUTE,
  };
}
