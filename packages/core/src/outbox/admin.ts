import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';
import { type RenderedMail, renderMail, withImagesInline } from '../mail/index.ts';
import type { ExpandedMail, MailExpander } from './expand.ts';
import type { OutboxRow, OutboxStatus } from './outbox.table.ts';

/*
 * What organizers see of the outbox: the list, one message rendered, and retry. Every query
 * is scoped by chapter; a row of another chapter answers NOT_FOUND like a missing one.
 */

const statuses = ['pending', 'sent', 'logged', 'failed'] as const;

/** Input of `listOutbox` (without `chapterId`, which the procedure adds). */
export const listOutboxInput = z.object({
  status: z.enum(statuses).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** Input of `getOutboxMessage` and `retryOutboxMessage`. */
export const outboxMessageInput = z.object({ id: z.string().min(1).max(64) });

/** One line of the admin's list. */
export interface OutboxSummary {
  id: string;
  kind: string;
  template: string;
  locale: string;
  to: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  lastError: string | null;
}

/** One message as the admin shows it: the summary, its headers, and the rendered mail. */
export interface OutboxMessage extends OutboxSummary {
  fromName: string | null;
  replyTo: string | null;
  headers: Record<string, string>;
  /** Null when the template no longer renders (see `renderError`). */
  rendered: RenderedMail | null;
  renderError: string | null;
}

function summary(row: OutboxRow): OutboxSummary {
  return {
    id: row.id,
    kind: row.kind,
    template: row.template,
    locale: row.locale,
    to: row.to_address,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  };
}

/* The cursor is the last row's (created_at, id): keyset pagination, newest first. */
function encodeCursor(row: OutboxRow): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return value as [string, string];
    }
  } catch {
    // answered below
  }
  throw new AppError('BAD_REQUEST', 'Invalid cursor.', { fields: { cursor: 'is not valid' } });
}

/**
 * A page of a chapter's outbox, newest first, optionally by status.
 *
 * @example
 * const { items, nextCursor } = await listOutbox(db, chapterId, { status: 'failed', limit: 50 });
 */
export async function listOutbox(
  db: Kysely<Database>,
  chapterId: string,
  input: z.input<typeof listOutboxInput>,
): Promise<{ items: OutboxSummary[]; nextCursor: string | null }> {
  const { status, cursor, limit } = listOutboxInput.parse(input);
  let query = db.selectFrom('outbox').selectAll().where('chapter_id', '=', chapterId);
  if (status) query = query.where('status', '=', status);
  if (cursor) {
    const [createdAt, id] = decodeCursor(cursor);
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(summary),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

async function findRow(db: Kysely<Database>, chapterId: string, id: string): Promise<OutboxRow> {
  const row = await db
    .selectFrom('outbox')
    .selectAll()
    .where('chapter_id', '=', chapterId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such message in this chapter.');
  return row;
}

/**
 * One message with its subject, text and HTML rendered as the worker sends them.
 *
 * @example
 * const message = await getOutboxMessage(db, chapterId, id);
 */
export async function getOutboxMessage(
  db: Kysely<Database>,
  chapterId: string,
  id: string,
  expand?: MailExpander,
  { hideTokens = false }: { hideTokens?: boolean } = {},
): Promise<OutboxMessage> {
  const row = await findRow(db, chapterId, id);
  let rendered: RenderedMail | null = null;
  let renderError: string | null = null;
  let expanded: ExpandedMail | undefined;
  try {
    expanded = await expand?.(row);
    // Images written into the HTML: the admin shows it in a browser frame (no `cid:` there).
    rendered = withImagesInline(
      renderMail(row.template, row.locale, expanded?.data ?? JSON.parse(row.payload)),
    );
  } catch (error) {
    renderError = error instanceof Error ? error.message : 'The template does not render.';
  }
  const message: OutboxMessage = {
    ...summary(row),
    fromName: row.from_name,
    replyTo: row.reply_to,
    headers: { ...(JSON.parse(row.headers) as Record<string, string>), ...expanded?.headers },
    rendered,
    renderError,
  };
  return hideTokens ? withoutTokens(message) : message;
}

// The secret part of the links a mail gives its recipient: whoever holds one acts as them
// ("my data" can erase, an unsubscribe link withdraws, an RSVP link cancels).
const tokenLinks = [
  /(\/(?:my-data|confirm|unsubscribe)\/)[^\s"'<>/?#&]+/g,
  /(\/e\/[a-z0-9-]+\/rsvp\/)[^\s"'<>/?#&.]+/g,
];

function hide(text: string): string {
  return tokenLinks.reduce((t, pattern) => t.replace(pattern, '$1…'), text);
}

/**
 * The message with the recipient's personal links cut short, for readers who may see mail
 * but must not act for the people it was sent to (the viewer role).
 */
function withoutTokens(message: OutboxMessage): OutboxMessage {
  const r = message.rendered;
  return {
    ...message,
    headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, hide(v)])),
    rendered: r ? { subject: hide(r.subject), text: hide(r.text), html: hide(r.html) } : null,
  };
}

/**
 * Queues a failed, logged or waiting message again, due now with a fresh set of attempts
 * (e.g. after fixing SMTP_URL). A sent message cannot be retried (CONFLICT). Audit-logged.
 *
 * @example
 * await retryOutboxMessage(db, { chapterId, id, actorUserId: user.id }, clock);
 */
export async function retryOutboxMessage(
  db: Kysely<Database>,
  input: { chapterId: string; id: string; actorUserId: string | null },
  clock: Clock = systemClock,
): Promise<OutboxSummary> {
  return db.transaction().execute(async (trx) => {
    const row = await findRow(trx, input.chapterId, input.id);
    if (row.status === 'sent') {
      throw new AppError('CONFLICT', 'This message was already sent.');
    }
    const now = isoNow(clock);
    const updated = await trx
      .updateTable('outbox')
      .set({
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        locked_by: null,
        locked_until: null,
        sent_at: null,
      })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      // A worker holding a live claim is sending it right now: leave it alone.
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('CONFLICT', 'This message is being sent right now.');
    await recordAudit(
      trx,
      {
        chapterId: input.chapterId,
        actorUserId: input.actorUserId,
        action: 'outbox.retried',
        target: row.id,
        details: { template: row.template, previousStatus: row.status },
      },
      clock,
    );
    return summary(updated);
  });
}
