import { renderMail } from '../mail/render.ts';
import type { Mailbox, OutgoingMail } from '../mail/transport.ts';
import type { ExpandedMail } from './expand.ts';
import type { OutboxRow } from './outbox.table.ts';

/**
 * Turns a claimed row into the message to send: renders its template now (so a queued mail
 * always uses the current wording) and applies the per-message sender name and headers.
 * `expanded`: what a row queued as a reference stands for (`MailExpander`).
 * Throws when the template or its data no longer fits (a permanent failure).
 */
export function buildOutgoing(
  row: OutboxRow,
  defaultFrom: Mailbox,
  expanded?: ExpandedMail,
): OutgoingMail {
  const data: unknown = expanded ? expanded.data : JSON.parse(row.payload);
  const rendered = renderMail(row.template, row.locale, data);
  const domain = defaultFrom.address.split('@')[1] ?? 'localhost';
  return {
    from: { name: row.from_name ?? defaultFrom.name, address: defaultFrom.address },
    to: row.to_address,
    replyTo: row.reply_to ?? undefined,
    ...rendered,
    headers: { ...(JSON.parse(row.headers) as Record<string, string>), ...expanded?.headers },
    messageId: `<${row.id}@${domain}>`,
  };
}

const addressLike = /[^\s<>()[\]@,;:"']+@[^\s<>()[\]@,;:"']+/g;

/**
 * The error as stored in `last_error` and logged: the SMTP code and the server's reply, with
 * anything that looks like an address replaced (servers echo the recipient), truncated.
 *
 * @example
 * describeError(new Error('550 <ana@example.org>: no such user')) // '550 <address>: no such user'
 */
export function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return `${code}${message}`.replace(addressLike, '<address>').replace(/\s+/g, ' ').slice(0, 500);
}

/**
 * A refusal that retrying cannot fix: the server answered 5xx to the recipient or the
 * message. Connection and authentication errors are retried (a configuration fixed later
 * still delivers the mail).
 */
export function isPermanent(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : 0;
  return code >= 500 && code < 600 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
}
