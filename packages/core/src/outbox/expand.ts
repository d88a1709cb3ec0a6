import type { OutboxRow } from './outbox.table.ts';

/** What a queued reference stands for: the template's data and the headers to send. */
export interface ExpandedMail {
  data: unknown;
  headers: Record<string, string>;
}

/**
 * Completes a row queued as a reference (e.g. a signing mail that holds only its signature's
 * id) when it is sent or shown; `undefined` for rows that carry their whole data. Kept out of
 * the hot path that queues them: rows stay small and nothing is built that is sent later.
 */
export type MailExpander = (row: OutboxRow) => Promise<ExpandedMail | undefined>;

/** The thing a referenced mail was about is gone (erased, deleted): it can never be sent. */
export class MailGoneError extends Error {
  override name = 'MailGoneError';
}
