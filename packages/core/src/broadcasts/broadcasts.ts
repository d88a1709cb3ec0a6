/**
 * Broadcasts: an organizer's e-mail (Markdown, French or English) to the consenting people of
 * a segment. Drafts can be edited, previewed and sent as a test to the organizer; starting one
 * hands it to the sender (sender.ts), which queues one outbox mail per recipient, paced.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import { renderMail } from '../mail/index.ts';
import { enqueueMail } from '../outbox/index.ts';
import { filteredPeople } from '../people/people-query.ts';
import type { BroadcastRow } from '../privacy/privacy.table.ts';
import { type BroadcastInput, broadcastInput, type Segment } from './schemas.ts';

export interface Broadcast {
  id: string;
  subject: string;
  body: string;
  locale: 'fr' | 'en';
  segment: Segment;
  status: BroadcastRow['status'];
  perMinute: number;
  createdAt: string;
  sentAt: string | null;
}

export interface BroadcastProgress {
  /** Mails queued so far (one per recipient). */
  queued: number;
  sent: number;
  failed: number;
  pending: number;
}

function toBroadcast(r: BroadcastRow): Broadcast {
  return {
    id: r.id,
    subject: r.subject,
    body: r.body,
    locale: r.locale === 'en' ? 'en' : 'fr',
    segment: JSON.parse(r.segment) as Segment,
    status: r.status,
    perMinute: r.per_minute,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** The dedupe-key prefix of a broadcast's mails: one key per recipient. */
export function broadcastKeyPrefix(broadcastId: string): string {
  return `broadcast:${broadcastId}:`;
}

/** The consenting people of a segment, as `p` (the sender and the count use it). */
export function segmentPeople(db: Kysely<Database>, chapterId: string, segment: Segment) {
  return filteredPeople(db, chapterId, { ...segment, consent: 'yes' });
}

/**
 * How many people a segment reaches now (current consent only).
 *
 * @example
 * const n = await countRecipients(db, chapterId, { tagId });
 */
export async function countRecipients(
  db: Kysely<Database>,
  chapterId: string,
  segment: Segment,
): Promise<number> {
  const row = await segmentPeople(db, chapterId, segment)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function row(db: Kysely<Database>, chapterId: string, id: string): Promise<BroadcastRow> {
  const found = await db
    .selectFrom('broadcasts')
    .selectAll()
    .where('id', '=', id)
    .where('chapter_id', '=', chapterId)
    .executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND', 'No such broadcast.');
  return found;
}

/** The chapter's broadcasts, newest first. */
export async function listBroadcasts(
  db: Kysely<Database>,
  chapterId: string,
): Promise<Broadcast[]> {
  const rows = await db
    .selectFrom('broadcasts')
    .selectAll()
    .where('chapter_id', '=', chapterId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toBroadcast);
}

/**
 * One broadcast with its progress (from its outbox rows) and its reach.
 *
 * @example
 * const { broadcast, progress } = await getBroadcast(db, chapterId, id);
 */
export async function getBroadcast(db: Kysely<Database>, chapterId: string, id: string) {
  const broadcast = toBroadcast(await row(db, chapterId, id));
  const prefix = broadcastKeyPrefix(id);
  const counts = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('dedupe_key', '>=', prefix)
    .where('dedupe_key', '<', `${prefix}\uffff`)
    .groupBy('status')
    .execute();
  const by = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const progress: BroadcastProgress = {
    queued: counts.reduce((sum, c) => sum + Number(c.n), 0),
    sent: by('sent') + by('logged'),
    failed: by('failed'),
    pending: by('pending') + by('sending'),
  };
  const recipients =
    broadcast.status === 'draft'
      ? await countRecipients(db, chapterId, broadcast.segment)
      : progress.queued;
  return { broadcast, progress, recipients };
}

// Each segment field and the chapter table its id must name.
const segmentTables = [
  ['pledgeId', 'pledges', 'No such pledge in this chapter.'],
  ['tagId', 'tags', 'No such tag in this chapter.'],
  ['eventId', 'events', 'No such event in this chapter.'],
] as const;

/**
 * Refuses a segment naming a pledge, tag or event the chapter does not have: such a draft
 * would silently reach nobody.
 */
async function checkSegment(db: Kysely<Database>, chapterId: string, segment: Segment) {
  const fields: Record<string, string> = {};
  for (const [key, table, message] of segmentTables) {
    const id = segment[key];
    if (id === undefined) continue;
    const found = await db
      .selectFrom(table)
      .select('id')
      .where('id', '=', id)
      .where('chapter_id', '=', chapterId)
      .executeTakeFirst();
    if (!found) fields[`segment.${key}`] = message;
  }
  const names = Object.keys(fields);
  if (names.length > 0) {
    throw new AppError('BAD_REQUEST', `Invalid input: ${names.join(', ')}.`, { fields });
  }
}

/** Creates a draft. */
export async function createBroadcast(
  db: Kysely<Database>,
  chapterId: string,
  userId: string,
  input: BroadcastInput,
  clock: Clock = systemClock,
): Promise<Broadcast> {
  const b = parseInput(broadcastInput, input);
  await checkSegment(db, chapterId, b.segment);
  const now = isoNow(clock);
  const id = newId();
  await db
    .insertInto('broadcasts')
    .values({
      id,
      chapter_id: chapterId,
      subject: b.subject,
      body: b.body,
      locale: b.locale,
      segment: JSON.stringify(b.segment),
      status: 'draft',
      per_minute: b.perMinute,
      recipients: 0,
      created_by: userId,
      created_at: now,
      updated_at: now,
      sent_at: null,
    })
    .execute();
  return toBroadcast(await row(db, chapterId, id));
}

/** Edits a draft (CONFLICT once it is sending). */
export async function updateBroadcast(
  db: Kysely<Database>,
  chapterId: string,
  id: string,
  input: BroadcastInput,
  clock: Clock = systemClock,
): Promise<Broadcast> {
  const b = parseInput(broadcastInput, input);
  await checkSegment(db, chapterId, b.segment);
  const result = await db
    .updateTable('broadcasts')
    .set({
      subject: b.subject,
      body: b.body,
      locale: b.locale,
      segment: JSON.stringify(b.segment),
      per_minute: b.perMinute,
      updated_at: isoNow(clock),
    })
    .where('id', '=', id)
    .where('chapter_id', '=', chapterId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    await row(db, chapterId, id);
    throw new AppError('CONFLICT', 'This broadcast is already sent: it cannot change.');
  }
  return toBroadcast(await row(db, chapterId, id));
}

/** Sender name (default: the chapter's name) and reply-to of a chapter's broadcasts. */
export async function senderOf(db: Kysely<Database>, chapterId: string) {
  const r = await db
    .selectFrom('chapters')
    .leftJoin('chapter_privacy', 'chapter_privacy.chapter_id', 'chapters.id')
    .select(['chapters.name', 'chapter_privacy.sender_name', 'chapter_privacy.reply_to'])
    .where('chapters.id', '=', chapterId)
    .executeTakeFirstOrThrow();
  return { chapterName: r.name, fromName: r.sender_name ?? r.name, replyTo: r.reply_to ?? null };
}

/**
 * The mail as a recipient will see it (subject, text, HTML), with a placeholder unsubscribe link.
 *
 * @example
 * const { subject, html } = await previewBroadcast(db, chapterId, id, publicUrl);
 */
export async function previewBroadcast(
  db: Kysely<Database>,
  chapterId: string,
  id: string,
  publicUrl: string,
) {
  const b = toBroadcast(await row(db, chapterId, id));
  const { chapterName } = await senderOf(db, chapterId);
  return renderMail('broadcast', b.locale, {
    chapterName,
    subject: b.subject,
    body: b.body,
    unsubscribeUrl: `${publicUrl}/unsubscribe/preview`,
  });
}

/**
 * Sends the broadcast once to the organizer (their own address), whatever the segment.
 *
 * @example
 * await sendTestBroadcast(db, chapterId, id, { userId, publicUrl }, clock);
 */
export async function sendTestBroadcast(
  db: Kysely<Database>,
  chapterId: string,
  id: string,
  who: { userId: string; publicUrl: string },
  clock: Clock = systemClock,
): Promise<void> {
  const b = toBroadcast(await row(db, chapterId, id));
  const user = await db
    .selectFrom('users')
    .select('email')
    .where('id', '=', who.userId)
    .executeTakeFirstOrThrow();
  const sender = await senderOf(db, chapterId);
  await enqueueMail(
    db,
    {
      chapterId,
      to: user.email,
      template: 'broadcast',
      locale: b.locale,
      data: {
        chapterName: sender.chapterName,
        subject: `[TEST] ${b.subject}`,
        body: b.body,
        unsubscribeUrl: `${who.publicUrl}/unsubscribe/test`,
      },
      fromName: sender.fromName,
      replyTo: sender.replyTo,
    },
    clock,
  );
}

/**
 * Starts sending (once: a second call is a CONFLICT), audit-logged. The sender job queues
 * the mails; viewers never get here (the procedure needs organizer).
 *
 * @example
 * await startBroadcast(db, chapterId, userId, id, clock);
 */
export async function startBroadcast(
  db: Kysely<Database>,
  chapterId: string,
  userId: string,
  id: string,
  clock: Clock = systemClock,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = isoNow(clock);
    const result = await trx
      .updateTable('broadcasts')
      .set({ status: 'sending', updated_at: now, sent_at: now })
      .where('id', '=', id)
      .where('chapter_id', '=', chapterId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      await row(trx, chapterId, id);
      throw new AppError('CONFLICT', 'This broadcast is already sent.');
    }
    const b = await row(trx, chapterId, id);
    const recipients = await countRecipients(trx, chapterId, JSON.parse(b.segment) as Segment);
    await recordAudit(
      trx,
      {
        chapterId,
        actorUserId: userId,
        action: 'broadcast.sent',
        target: id,
        details: { subject: b.subject, recipients },
      },
      clock,
    );
  });
}

/**
 * Sets the chapter's broadcast sender name and reply-to (null: defaults).
 *
 * @example
 * await setSender(db, chapterId, { senderName: 'QuitGPT Paris', replyTo: 'paris@example.org' }, clock);
 */
export async function setSender(
  db: Kysely<Database>,
  chapterId: string,
  s: { senderName: string | null; replyTo: string | null },
  clock: Clock = systemClock,
): Promise<void> {
  const now = isoNow(clock);
  await db
    .insertInto('chapter_privacy')
    .values({
      chapter_id: chapterId,
      retention_months: 6,
      sender_name: s.senderName,
      reply_to: s.replyTo,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('chapter_id')
        .doUpdateSet({ sender_name: s.senderName, reply_to: s.replyTo, updated_at: now }),
    )
    .execute();
}
