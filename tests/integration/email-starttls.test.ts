/**
 * The reply receiver offers STARTTLS when given a certificate and key: a sender that insists on
 * encryption delivers the visitor's reply over TLS; without them it is refused STARTTLS. The
 * certificate is self-signed, made in the test with the openssl command.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../server/config.js';
import { replyAddress } from '../../server/mail/tokens.js';
import { startHarness, type Harness } from './harness.js';
import { startMailbox, type Mailbox } from './mailbox.js';

const MAIL_SECRET = 'mail-secret-for-the-tls-test';
let harness: Harness | undefined;
let mailbox: Mailbox | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await harness?.stop();
  await mailbox?.close();
  harness = mailbox = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pasokh-tls-'));
  dirs.push(dir);
  return dir;
}

/** A self-signed certificate for localhost and 127.0.0.1, valid for a day. */
function selfSigned(dir: string): { certFile: string; keyFile: string; cert: string } {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8') };
}

async function start(tlsEnv: Record<string, string>): Promise<Harness> {
  mailbox = await startMailbox();
  const file = join(tempDir(), 'pasokh.config.json');
  writeFileSync(file, JSON.stringify({ sites: [{ key: 'default', name: 'Shop' }] }));
  harness = await startHarness({
    env: {
      PASOKH_CONFIG: file,
      HOST: '127.0.0.1',
      PASOKH_SMTP_URL: mailbox.url,
      PASOKH_MAIL_FROM: 'Shop Support <support@shop.example>',
      PASOKH_SMTP_INBOUND_PORT: '0',
      PASOKH_MAIL_SECRET: MAIL_SECRET,
      ...tlsEnv,
    },
  });
  return harness;
}

/** Sends as a mail server that refuses to go on without STARTTLS and trusts only `ca`. */
function sendEncrypted(h: Harness, to: string, text: string, ca: string) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: h.integrations!.inbound!.port,
    secure: false,
    requireTLS: true,
    tls: { ca: [ca], servername: 'localhost' },
  });
  return transport
    .sendMail({ from: 'nasrin@example.org', to, subject: 'Re: Shop', text, messageId: `<${randomUUID()}@example.org>` })
    .finally(() => transport.close());
}

async function conversationToReplyTo(h: Harness): Promise<{ conversationId: string; address: string }> {
  const { socket } = await h.visitor();
  const sent = await socket.timeout(5000).emitWithAck('message:send', { clientId: randomUUID(), text: 'Do you ship to Yazd?' });
  if (!sent.ok) throw new Error('the visitor could not write');
  socket.disconnect();
  const address = replyAddress(MAIL_SECRET, 'shop.example', sent.conversationId, Date.now() + 86_400_000);
  return { conversationId: sent.conversationId, address };
}

describe('STARTTLS on the reply receiver', () => {
  it('takes a reply over TLS when a certificate and key are configured', async () => {
    const tls = selfSigned(tempDir());
    const h = await start({ PASOKH_SMTP_INBOUND_TLS_CERT: tls.certFile, PASOKH_SMTP_INBOUND_TLS_KEY: tls.keyFile });
    const { conversationId, address } = await conversationToReplyTo(h);
    const info = await sendEncrypted(h, address, 'Yes please, over TLS.', tls.cert);
    expect(info.accepted).toEqual([address]);
    const messages = await h.store.listMessages(conversationId, { includeInternal: false });
    expect(messages.map((m) => m.text)).toEqual(['Do you ship to Yazd?', 'Yes please, over TLS.']);
  });

  it('offers no STARTTLS without them, so a sender that insists cannot deliver', async () => {
    const tls = selfSigned(tempDir());
    const h = await start({});
    const { conversationId, address } = await conversationToReplyTo(h);
    await expect(sendEncrypted(h, address, 'Over TLS?', tls.cert)).rejects.toThrow(/STARTTLS/i);
    expect(await h.store.listMessages(conversationId, { includeInternal: false })).toHaveLength(1);
  });

  it('refuses a certificate without a key, and a file that does not exist, in a sentence', () => {
    const dir = tempDir();
    const halfSet = () => loadConfig({ PASOKH_DATA: dir, NODE_ENV: 'test', PASOKH_SMTP_INBOUND_TLS_CERT: join(dir, 'cert.pem') });
    expect(halfSet).toThrow(ConfigError);
    expect(halfSet).toThrow(/Set both PASOKH_SMTP_INBOUND_TLS_CERT and PASOKH_SMTP_INBOUND_TLS_KEY/);
    expect(() =>
      loadConfig({
        PASOKH_DATA: dir,
        NODE_ENV: 'test',
        PASOKH_SMTP_INBOUND_TLS_CERT: join(dir, 'cert.pem'),
        PASOKH_SMTP_INBOUND_TLS_KEY: join(dir, 'key.pem'),
      }),
    ).toThrow(/PASOKH_SMTP_INBOUND_TLS_CERT names ".*cert\.pem", which does not exist/);
  });
});
