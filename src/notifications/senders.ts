/**
 * Delivery of a notice through one channel. Adapters for real gateways implement `NoticeSender`; none is wired to a
 * network here. Every message carries an idempotency key (the notice id): a gateway that receives the same key twice
 * (after a worker died between delivering and marking) must deliver once — e-mail as the Message-ID, SMS as the
 * client reference.
 */
import type { Logger } from 'pino';
import type { DeliveryChannel, NoticeKind } from './domain/notice-rules';

export interface OutgoingNotice {
  /** The notice id: stable across retries. */
  idempotencyKey: string;
  kind: NoticeKind;
  channel: DeliveryChannel;
  registrationNumber: string;
  /** Personal data: the address to deliver to. Never log it. */
  recipient: { name: string | null; email: string | null; phone: string | null; address: string | null };
  subject: string;
  body: string;
}

/** A failure the sender knows will not pass on retry (a malformed address, a rejected number). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export interface NoticeSender {
  readonly name: string;
  readonly channels: readonly DeliveryChannel[];
  /** Resolves when the gateway accepted the message; throws to have it retried (or PermanentDeliveryError). */
  send(notice: OutgoingNotice): Promise<{ externalId?: string | null }>;
}

/**
 * The default sender: writes a line per notice with what was sent and through which channel — never the recipient,
 * the text or any other personal data. Used until a real gateway is configured (and for paper notices, which the
 * registry prints and posts).
 */
export class LoggingSender implements NoticeSender {
  readonly name = 'log';
  readonly channels: readonly DeliveryChannel[] = ['email', 'sms', 'post'];
  constructor(private readonly logger: Pick<Logger, 'info'>) {}
  async send(n: OutgoingNotice) {
    this.logger.info(
      { notice: n.idempotencyKey, kind: n.kind, channel: n.channel, appeal: n.registrationNumber, bodyChars: n.body.length },
      'applicant notice delivered (logging sender)',
    );
    return { externalId: null };
  }
}

/** What an e-mail gateway needs; an SMTP or HTTP client implements it outside this project. */
export interface MailTransport {
  sendMail(m: { messageId: string; to: string; subject: string; text: string }): Promise<{ id?: string }>;
}

export class EmailSender implements NoticeSender {
  readonly name = 'email';
  readonly channels: readonly DeliveryChannel[] = ['email'];
  constructor(private readonly transport: MailTransport, private readonly domain = 'baqylau.local') {}
  async send(n: OutgoingNotice) {
    if (!n.recipient.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(n.recipient.email)) throw new PermanentDeliveryError('no valid e-mail address');
    const r = await this.transport.sendMail({ messageId: `<${n.idempotencyKey}@${this.domain}>`, to: n.recipient.email, subject: n.subject, text: n.body });
    return { externalId: r.id ?? null };
  }
}

/** What an SMS gateway needs. */
export interface SmsGateway {
  sendSms(m: { clientRef: string; to: string; text: string }): Promise<{ id?: string }>;
}

export class SmsSender implements NoticeSender {
  readonly name = 'sms';
  readonly channels: readonly DeliveryChannel[] = ['sms'];
  constructor(private readonly gateway: SmsGateway) {}
  async send(n: OutgoingNotice) {
    if (!n.recipient.phone || !/^\+7\d{10}$/.test(n.recipient.phone)) throw new PermanentDeliveryError('no valid mobile number');
    // An SMS carries the subject only; the full text goes by e-mail or post.
    const r = await this.gateway.sendSms({ clientRef: n.idempotencyKey, to: n.recipient.phone, text: n.subject });
    return { externalId: r.id ?? null };
  }
}

/** Picks the sender for a channel: the first configured one that handles it. */
export function senderFor(senders: readonly NoticeSender[], channel: DeliveryChannel): NoticeSender | null {
  return senders.find((s) => s.channels.includes(channel)) ?? null;
}
