/**
 * The SMTP receiver for replies: mail to reply+<token>@<reply domain> whose token is genuine
 * becomes the visitor's message in that conversation; every other recipient is refused at
 * RCPT, before any body is read. Quoted history and signatures are stripped first.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { MAX_MESSAGE_LENGTH } from '../../protocol/events.js';
import type { Message } from '../../protocol/types.js';
import type { ConversationRecord, Store } from '../store/store.js';
import { replyText } from './reply-text.js';
import { conversationOfAddress } from './tokens.js';

/** @default 1 MB: a text reply is far smaller; attachments are not taken by email. */
const MAX_MAIL_BYTES = 1024 * 1024;

export interface InboundDeps {
  store: Store;
  logger: Logger;
  secret: string;
  domain: string;
  /** Tells agents (and the visitor's open widgets) about the saved message. */
  relay: (message: Message, conversation: ConversationRecord, created: boolean) => void;
}

export interface InboundServer {
  port: number;
  close(): Promise<void>;
}

class SmtpRefusal extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

/** Saves one parsed reply; returns the message, or throws an SmtpRefusal. */
async function saveReply(deps: InboundDeps, conversationId: string, raw: Buffer): Promise<Message> {
  const parsed = await simpleParser(raw);
  const text = replyText(parsed.text ?? '').slice(0, MAX_MESSAGE_LENGTH);
  if (text === '') throw new SmtpRefusal('The reply has no new text above the quoted message.', 550);
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation) throw new SmtpRefusal('This conversation no longer exists.', 550);
  // The Message-ID makes a redelivered email one message, as a resent clientId does.
  const clientId = `email-${createHash('sha256')
    .update(parsed.messageId ?? raw)
    .digest('hex')
    .slice(0, 32)}`;
  const result = await deps.store.appendVisitorMessage({
    site: conversation.site,
    visitorId: conversation.visitorId,
    message: { clientId, author: { kind: 'visitor', id: conversation.visitorId }, text },
  });
  if (!result.duplicate) deps.relay(result.message, result.conversation, result.created);
  return result.message;
}

/**
 * @param tls a certificate and key (PEM): the receiver then offers STARTTLS, so senders that
 *   encrypt opportunistically (most mail servers) do; without, it speaks plain SMTP only.
 */
export function startInboundServer(
  deps: InboundDeps,
  port: number,
  host = '0.0.0.0',
  tls?: { cert: Buffer; key: Buffer },
): Promise<InboundServer> {
  const conversations = new WeakMap<object, string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls && { cert: tls.cert, key: tls.key }),
    size: MAX_MAIL_BYTES,
    maxClients: 50,
    banner: 'Pasokh reply receiver',
    logger: false,
    onRcptTo(address: SMTPServerAddress, session, callback) {
      const conversationId = conversationOfAddress(deps.secret, deps.domain, address.address);
      if (!conversationId) return callback(new SmtpRefusal(`No such mailbox: ${address.address}`, 550));
      conversations.set(session, conversationId);
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const conversationId = conversations.get(session);
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded)
          return callback(new SmtpRefusal('The message is too large.', 552));
        if (!conversationId) return callback(new SmtpRefusal('No valid recipient.', 554));
        saveReply(deps, conversationId, Buffer.concat(chunks)).then(
          () => callback(),
          (error: unknown) => {
            if (error instanceof SmtpRefusal) return callback(error);
            deps.logger.error({ err: error }, 'saving an email reply failed');
            callback(new SmtpRefusal('Try again later.', 451));
          },
        );
      });
    },
  });
  server.on('error', (error) => deps.logger.warn({ err: error }, 'SMTP receiver error'));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
