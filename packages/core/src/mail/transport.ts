import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { InlineImage } from './registry.ts';

/** A sender: display name and address, e.g. MAIL_FROM parsed. */
export interface Mailbox {
  name: string;
  address: string;
}

/** One message ready to go: what the worker hands to a transport. */
export interface OutgoingMail {
  from: Mailbox;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Images the HTML shows by `cid:` (sent as related parts of the message). */
  images?: InlineImage[];
  headers: Record<string, string>;
  /** Stable per outbox row, so a rare duplicate (crash after send) has the same Message-ID. */
  messageId: string;
}

/**
 * How mail leaves. `smtp` sends; `log` sends nothing: the worker keeps the mail in the outbox
 * (status `logged`) for organizers to read in the admin.
 */
export interface MailTransport {
  kind: 'smtp' | 'log';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Parses `Name <address@host>` or a bare address; null when it is not one mailbox.
 *
 * @example
 * parseMailbox('Groundwork <no-reply@pledge.example.org>')
 * // { name: 'Groundwork', address: 'no-reply@pledge.example.org' }
 */
export function parseMailbox(value: string): Mailbox | null {
  if (/[\r\n]/.test(value)) return null;
  const parsed = addressparser(value, { flatten: true });
  const first = parsed[0];
  if (parsed.length !== 1 || !first || !/^[^\s@]+@[^\s@]+$/.test(first.address)) return null;
  return { name: first.name, address: first.address };
}

/** The transport used without SMTP_URL: nothing leaves the machine. */
export const logTransport: MailTransport = {
  kind: 'log',
  send: async (mail) => ({ messageId: mail.messageId }),
  close: () => undefined,
};

/**
 * SMTP through nodemailer, e.g. `smtp://user:pass@mail.example.org:587` (STARTTLS when the
 * server offers it) or `smtps://…:465` (TLS from the start). Timeouts are short enough that
 * a send always ends well before the worker's lock on the row expires.
 *
 * @example
 * const transport = createSmtpTransport('smtp://user:pass@127.0.0.1:2525');
 */
export function createSmtpTransport(
  url: string,
  options: { connections?: number } = {},
): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    // A few pooled connections: the worker sends that many mails side by side.
    pool: true,
    maxConnections: options.connections ?? 4,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        replyTo: mail.replyTo,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.images?.map((image) => ({
          cid: image.cid,
          filename: image.filename,
          contentType: image.contentType,
          content: image.content,
          contentDisposition: 'inline' as const,
        })),
        headers: mail.headers,
        messageId: mail.messageId,
      });
      return { messageId: String(info.messageId ?? mail.messageId) };
    },
    close: () => transporter.close(),
  };
}
