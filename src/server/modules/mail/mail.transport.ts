/** One message ready to hand to a transport. */
export interface OutgoingMail {
  /** The outbox row id: a stable Message-ID / idempotency key for transports that support one. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  template: string;
  locale: string;
}

/** Delivers one message or throws; the outbox worker retries thrown messages with backoff. */
export interface MailTransport {
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
}

export interface MailLogger {
  info(obj: object, msg?: string): void;
}

/**
 * The default transport while no SMTP server is configured: it records that a message would have
 * gone out. Only the recipient, subject and template are logged — never the body, which may hold
 * a one-time link.
 */
export class LogTransport implements MailTransport {
  readonly name = 'log';
  constructor(private readonly logger: MailLogger) {}

  async send(mail: OutgoingMail): Promise<void> {
    this.logger.info({ outboxId: mail.id, to: mail.to, subject: mail.subject, template: mail.template }, 'mail delivered to the log transport');
  }
}
