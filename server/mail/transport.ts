/**
 * Sending one email: over SMTP (nodemailer), or in development as an .eml file in the data
 * folder, so the whole flow can be seen without a mail server.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { newId } from '../store/ids.js';
import type { MailTransportSetting } from './settings.js';

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  replyTo?: string;
  /** Threads every email of a conversation together in the reader's client. */
  references?: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'files';
  /** Resolves when the server (or the disk) took the message; rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(setting: Exclude<MailTransportSetting, { kind: 'off' }>, from: string): Mailer {
  if (setting.kind === 'smtp') {
    // Every stage bounded well inside the outbox's 15 s lease, so a slow server can never have
    // two processes sending the same mail.
    const transport = nodemailer.createTransport({
      url: setting.url,
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    });
    return {
      kind: 'smtp',
      async send(mail) {
        await transport.sendMail({ from, ...mail });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    async send(mail) {
      const { message } = (await transport.sendMail({ from, ...mail })) as { message: Buffer };
      await mkdir(setting.dir, { recursive: true });
      await writeFile(join(setting.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId().slice(-8)}.eml`), message);
    },
    close: () => transport.close(),
  };
}
