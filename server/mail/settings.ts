/**
 * Email settings: where outgoing mail goes (SMTP, a folder of .eml files in development, or
 * nowhere), who it is from, the inbound SMTP port for replies, and the delays that decide
 * when to write. Validated with the rest of the config at start.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';

const port = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535));

/**
 * The config file's mail fields (env: PASOKH_SMTP_URL, PASOKH_MAIL_FROM, PASOKH_SMTP_INBOUND_PORT,
 * PASOKH_SMTP_INBOUND_TLS_CERT, PASOKH_SMTP_INBOUND_TLS_KEY, PASOKH_REPLY_DOMAIN, PASOKH_MAIL_SECRET).
 */
export const mailFileFields = {
  /** smtp://user:pass@host:587 or smtps://…:465 */
  smtp: v.optional(v.pipe(v.string(), v.regex(/^smtps?:\/\/\S+$/, 'must be a URL like "smtp://user:password@mail.example:587"'))),
  /** "Shop Support <support@shop.example>" */
  mailFrom: v.optional(v.pipe(v.string(), v.minLength(3), v.maxLength(200))),
  smtpInboundPort: v.optional(port),
  /** PEM files: with both, the receiver offers STARTTLS. */
  smtpInboundTlsCert: v.optional(v.pipe(v.string(), v.minLength(1))),
  smtpInboundTlsKey: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** The domain of reply addresses (reply+<token>@domain); mail for it must reach the inbound port. */
  replyDomain: v.optional(
    v.pipe(v.string(), v.regex(/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/i, 'must be a domain like "reply.shop.example"')),
  ),
  /** Signs reply addresses and reopen links; every process of one installation needs the same. */
  mailSecret: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  mail: v.optional(
    v.strictObject({
      /** An agent's reply is emailed when the visitor has had no open widget this long. */
      visitorAwaySeconds: v.optional(v.pipe(v.number(), v.minValue(0.1), v.maxValue(86_400)), 120),
      /** Agents are emailed when a conversation waits unclaimed this long; 0 turns it off. */
      unclaimedAlertMinutes: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(10_080)), 10),
      /** How long a reopen link and a reply address stay valid. */
      linkDays: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(365)), 30),
    }),
  ),
};

export type MailTransportSetting = { kind: 'smtp'; url: string } | { kind: 'files'; dir: string } | { kind: 'off' };

export interface MailSettings {
  transport: MailTransportSetting;
  from: string;
  /** Where to accept replies; undefined runs no SMTP receiver. */
  inboundPort: number | undefined;
  /** The receiver's certificate and key (PEM file paths) for STARTTLS; undefined offers none. */
  inboundTls: { certFile: string; keyFile: string } | undefined;
  replyDomain: string;
  /** Set, or undefined to use one kept in the data folder (see mailSecret). */
  secret: string | undefined;
  visitorAwayMs: number;
  unclaimedAlertMs: number;
  linkMs: number;
}

type FileFields = { [K in keyof typeof mailFileFields]?: v.InferOutput<(typeof mailFileFields)[K]> };

function domainOf(address: string): string | undefined {
  return /@([^\s>]+)>?\s*$/.exec(address)?.[1];
}

/** The configured secret, else one kept in the data folder, made on first start: enough for one process on SQLite. */
export function mailSecret(settings: MailSettings, dataDir: string): string {
  return settings.secret ?? localSecret(dataDir);
}

function localSecret(dataDir: string): string {
  const file = join(dataDir, 'mail-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The mail settings from env over file. Without SMTP, development (NODE_ENV unset or
 * "development") writes .eml files under `<data>/mail`; anything else sends no email.
 * `fail` turns a mistake into the config's error.
 */
export function resolveMail(
  env: NodeJS.ProcessEnv,
  file: FileFields,
  context: { dataDir: string; publicUrl: string; scaledOut: boolean },
  fail: (message: string) => never,
): MailSettings {
  const smtp = env.PASOKH_SMTP_URL || file.smtp;
  if (smtp !== undefined && !/^smtps?:\/\/\S+$/.test(smtp))
    fail(`PASOKH_SMTP_URL must be a URL like "smtp://user:password@mail.example:587".`);
  const development = env.NODE_ENV === undefined || env.NODE_ENV === '' || env.NODE_ENV === 'development';
  const transport: MailTransportSetting = smtp
    ? { kind: 'smtp', url: smtp }
    : development
      ? { kind: 'files', dir: join(context.dataDir, 'mail') }
      : { kind: 'off' };
  const host = new URL(context.publicUrl).hostname;
  const from = env.PASOKH_MAIL_FROM || file.mailFrom || `Pasokh <support@${host}>`;
  if (!domainOf(from)) fail(`PASOKH_MAIL_FROM must hold an address, like "Shop Support <support@shop.example>", not "${from}".`);
  const inboundRaw = env.PASOKH_SMTP_INBOUND_PORT;
  const inboundPort = inboundRaw ? Number(inboundRaw) : file.smtpInboundPort;
  if (inboundPort !== undefined && (!Number.isInteger(inboundPort) || inboundPort < 0 || inboundPort > 65535))
    fail(`PASOKH_SMTP_INBOUND_PORT must be a port number from 0 to 65535, not "${inboundRaw}".`);
  const inboundTls = resolveInboundTls(env, file, fail);
  const secret = env.PASOKH_MAIL_SECRET || file.mailSecret;
  if (secret !== undefined && secret.length < 16) fail('PASOKH_MAIL_SECRET must be at least 16 characters.');
  if (secret === undefined && transport.kind !== 'off' && context.scaledOut) {
    fail('Set PASOKH_MAIL_SECRET (16+ characters, the same in every process) to send email with DATABASE_URL.');
  }
  const timing = file.mail ?? { visitorAwaySeconds: 120, unclaimedAlertMinutes: 10, linkDays: 30 };
  return {
    transport,
    from,
    inboundPort,
    inboundTls,
    replyDomain: env.PASOKH_REPLY_DOMAIN || file.replyDomain || domainOf(from)!,
    secret,
    visitorAwayMs: timing.visitorAwaySeconds * 1000,
    unclaimedAlertMs: timing.unclaimedAlertMinutes * 60_000,
    linkMs: timing.linkDays * 86_400_000,
  };
}

/** Both files or neither, and readable now rather than when the first mail arrives. */
function resolveInboundTls(
  env: NodeJS.ProcessEnv,
  file: FileFields,
  fail: (message: string) => never,
): MailSettings['inboundTls'] {
  const certFile = env.PASOKH_SMTP_INBOUND_TLS_CERT || file.smtpInboundTlsCert;
  const keyFile = env.PASOKH_SMTP_INBOUND_TLS_KEY || file.smtpInboundTlsKey;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined)
    fail('Set both PASOKH_SMTP_INBOUND_TLS_CERT and PASOKH_SMTP_INBOUND_TLS_KEY (PEM files) to offer STARTTLS, or neither.');
  for (const [name, path] of [
    ['PASOKH_SMTP_INBOUND_TLS_CERT', certFile],
    ['PASOKH_SMTP_INBOUND_TLS_KEY', keyFile],
  ] as const) {
    if (!existsSync(path)) fail(`${name} names "${path}", which does not exist.`);
  }
  return { certFile, keyFile };
}
