import type { Insertable, Selectable, Updateable } from 'kysely';

export type OutboxKind = 'mail' | 'webhook';

/**
 * `pending` waits for the worker; `sent` went out over SMTP; `logged` was kept in the outbox
 * because no SMTP server is configured (readable in the admin); `failed` gave up.
 */
export type OutboxStatus = 'pending' | 'sent' | 'logged' | 'failed';

export interface OutboxTable {
  id: string;
  chapter_id: string | null;
  kind: OutboxKind;
  person_id: string | null;
  to_address: string;
  /** A template name from the mail registry, e.g. `pledge-confirm`. */
  template: string;
  locale: string;
  /** JSON: the template's data; rendered when sent and when an organizer reads it. */
  payload: string;
  /** JSON object of extra headers (List-Unsubscribe, ...). */
  headers: string;
  from_name: string | null;
  reply_to: string | null;
  dedupe_key: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  /** The last delivery error, scrubbed of addresses (no personal data). */
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  message_id: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface OutboxTables {
  outbox: OutboxTable;
}

export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
export type OutboxUpdate = Updateable<OutboxTable>;
