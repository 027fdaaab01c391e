/** A real SMTP server on 127.0.0.1 standing in for the world's mail: it keeps every message it is sent. */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  replyTo: string | undefined;
  references: string[];
}

export interface Mailbox {
  url: string;
  mails: Mail[];
  /** Resolves with the first mail to `address` that satisfies `match`. */
  next(address: string, match?: (mail: Mail) => boolean, ms?: number): Promise<Mail>;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const references =
            parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : [parsed.references];
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            replyTo: parsed.replyTo?.value[0]?.address,
            references,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async next(address, match = () => true, ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = mails.find((m) => m.to.includes(address.toLowerCase()) && match(m));
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no mail to ${address} within ${ms} ms (${mails.length} mails: ${mails.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ')})`,
          );
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
