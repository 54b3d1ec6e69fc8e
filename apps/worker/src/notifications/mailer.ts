import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type SMTPSentMessageInfo, type SMTPTransportOptions, type Transporter } from 'nodemailer';
import { AppConfig } from '#config';

/** One email, already built (see messages.ts): text and HTML alternatives of the same content. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * A stable Message-ID (e.g. `reminder.<request id>.due_in_3`): a resend after a crash
   * carries the same one, so the receiver can recognise it. Without a domain part, the
   * host of PUBLIC_BASE_URL is added; angle brackets are optional.
   */
  messageId?: string;
  headers?: Record<string, string>;
}

export type MailResult = { sent: true; messageId: string } | { sent: false; why: string };

/**
 * A send that failed in a way worth retrying (connection lost, time-out, 4xx reply).
 * Its message names only the error code and the SMTP reply code: never an address,
 * never the server's reply text (which often quotes the recipient).
 */
export class MailSendError extends Error {
  override name = 'MailSendError';

  constructor(
    readonly code: string | null,
    readonly responseCode: number | null,
  ) {
    super(`mail not sent (${[code ?? 'unknown error', responseCode].filter((part) => part !== null).join(' ')})`);
  }
}

/** How long to wait for the server at each step: the job's retry handles a slow server better than a hung worker. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000, dnsTimeout: 10_000 } as const;

/**
 * Notification email over SMTP (SMTP_URL). One plain (not pooled) transport, made on
 * the first send and closed with the module: notification volume is low, and a fresh
 * connection per message leaves nothing half-open when a worker dies.
 *
 * `send` resolves `{ sent: false }` when email is off or the server refused the message
 * for good (5xx: sending it again would get the same answer), and rejects with a
 * MailSendError when trying again later may work. Logs carry the Message-ID and the
 * outcome only: never an address, a subject or a body.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = new Logger(Mailer.name);
  private transport: Transporter<SMTPSentMessageInfo, SMTPTransportOptions> | null = null;

  constructor(private readonly config: AppConfig) {}

  /** False when SMTP_URL is unset: in-app notices still work, email is off. */
  get enabled(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  async send(message: MailMessage): Promise<MailResult> {
    const transport = this.transportOrNull();
    if (!transport) return { sent: false, why: 'email is off' };
    const messageId = message.messageId === undefined ? undefined : normaliseMessageId(message.messageId, this.messageIdDomain());
    try {
      const info = await transport.sendMail({
        from: this.config.mail.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId,
        // RFC 3834: out-of-office and other robots should not answer a notification.
        headers: { 'Auto-Submitted': 'auto-generated', ...message.headers },
      });
      this.logger.log({ messageId: info.messageId, outcome: 'sent' }, 'mail sent');
      return { sent: true, messageId: info.messageId };
    } catch (error) {
      const { code, responseCode } = describeError(error);
      if (responseCode !== null && isPermanentReply(responseCode)) {
        this.logger.warn({ messageId: messageId ?? null, outcome: 'rejected', code, responseCode }, 'mail rejected');
        return { sent: false, why: `rejected by the mail server (${responseCode})` };
      }
      this.logger.warn({ messageId: messageId ?? null, outcome: 'failed', code, responseCode }, 'mail not sent');
      throw new MailSendError(code, responseCode);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
    this.transport = null;
  }

  private transportOrNull(): Transporter<SMTPSentMessageInfo, SMTPTransportOptions> | null {
    const url = this.config.mail.smtpUrl;
    if (url === null) return null;
    // Options given in the URL's query (e.g. ?socketTimeout=5000) win over these defaults.
    this.transport ??= createTransport({ url, ...TIMEOUTS, logger: false, debug: false });
    return this.transport;
  }

  private messageIdDomain(): string {
    try {
      return new URL(this.config.publicBaseUrl).hostname || 'localhost';
    } catch {
      return 'localhost';
    }
  }
}

/**
 * `<left@right>` from `left@right`, `<left@right>` or `left` (then `@domain` is added).
 * Refuses anything that is not a plain msg-id, so a header can never be forged through it.
 */
export function normaliseMessageId(id: string, domain: string): string {
  const bare = id.trim().replace(/^<(.*)>$/, '$1');
  const full = bare.includes('@') ? bare : `${bare}@${domain}`;
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.[\]:-]+$/.test(full)) throw new Error('not a valid Message-ID');
  return `<${full}>`;
}

/** RFC 5321: 5yz is a permanent refusal, except 503 (bad sequence), which a new connection may clear. */
function isPermanentReply(responseCode: number): boolean {
  return responseCode >= 500 && responseCode < 600 && responseCode !== 503;
}

function describeError(error: unknown): { code: string | null; responseCode: number | null } {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return {
    code: typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : null,
    responseCode: typeof responseCode === 'number' ? responseCode : null,
  };
}
