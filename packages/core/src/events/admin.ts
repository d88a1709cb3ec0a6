/**
 * Organizer actions on events: edit (notifying attendees when the time or place changes),
 * publish, cancel (notifying everyone), message attendees. Each is one transaction with its
 * audit line and its mails.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';
import {
  type Actor,
  assertSlugFree,
  type Event,
  getEvent,
  inputColumns,
  toEvent,
} from './events.ts';
import { chapterNameOf, mailRecipients, queueEventMail } from './mail.ts';
import type { EventInput } from './schemas.ts';
import { promoteWaitlist } from './seats.ts';

export interface MailOptions {
  publicUrl: string;
  clock?: Clock;
}

/**
 * Saves an organizer's edit. When a published event's time or place changes, every confirmed
 * and waitlisted person gets an `event-changed` mail; more capacity promotes from the waitlist.
 *
 * @example
 * await updateEvent(db, actor, eventId, input, { publicUrl });
 */
export async function updateEvent(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  input: EventInput,
  options: MailOptions,
): Promise<Event> {
  const clock = options.clock ?? systemClock;
  const before = await getEvent(db, actor.chapterId, eventId);
  if (before.status === 'cancelled') {
    throw new AppError('CONFLICT', 'A cancelled event cannot be edited.');
  }
  const columns = inputColumns(input);
  await assertSlugFree(db, columns.slug, eventId);
  // Publishing goes through publishEvent; an edit keeps the status unless it publishes.
  const status = before.status === 'published' ? 'published' : columns.status;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('events')
      .set({ ...columns, status, updated_at: isoNow(clock) })
      .where('id', '=', eventId)
      .execute();
    const after = toEvent(
      await trx
        .selectFrom('events')
        .selectAll()
        .where('id', '=', eventId)
        .executeTakeFirstOrThrow(),
    );
    const moved =
      before.startsAt !== after.startsAt ||
      before.endsAt !== after.endsAt ||
      before.venueName !== after.venueName ||
      before.venueAddress !== after.venueAddress ||
      before.onlineUrl !== after.onlineUrl;
    if (moved && before.status === 'published') {
      const chapterName = await chapterNameOf(trx, actor.chapterId);
      for (const r of await mailRecipients(trx, eventId, ['confirmed', 'waitlisted'])) {
        await queueEventMail(trx, 'event-changed', after, chapterName, r, {
          publicUrl: options.publicUrl,
          clock,
        });
      }
    }
    if (after.status === 'published') {
      await promoteWaitlist(trx, eventId, { publicUrl: options.publicUrl, clock });
    }
    await recordAudit(
      trx,
      {
        chapterId: actor.chapterId,
        actorUserId: actor.userId,
        action: 'event.updated',
        target: eventId,
        details: { moved },
      },
      clock,
    );
  });
  return getEvent(db, actor.chapterId, eventId);
}

/**
 * Publishes a draft (its page, API and feed entries appear).
 *
 * @example
 * await publishEvent(db, actor, eventId, clock);
 */
export async function publishEvent(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  clock: Clock = systemClock,
): Promise<Event> {
  const event = await getEvent(db, actor.chapterId, eventId);
  if (event.status === 'cancelled') {
    throw new AppError('CONFLICT', 'A cancelled event cannot be published again.');
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('events')
      .set({ status: 'published', updated_at: isoNow(clock) })
      .where('id', '=', eventId)
      .execute();
    await recordAudit(
      trx,
      {
        chapterId: actor.chapterId,
        actorUserId: actor.userId,
        action: 'event.published',
        target: eventId,
      },
      clock,
    );
  });
  return getEvent(db, actor.chapterId, eventId);
}

/**
 * Cancels an event and tells every confirmed and waitlisted person (once).
 *
 * @example
 * await cancelEvent(db, actor, eventId, { publicUrl });
 */
export async function cancelEvent(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  options: MailOptions,
): Promise<Event> {
  const clock = options.clock ?? systemClock;
  const event = await getEvent(db, actor.chapterId, eventId);
  if (event.status === 'cancelled') return event;
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('events')
      .set({ status: 'cancelled', updated_at: isoNow(clock) })
      .where('id', '=', eventId)
      .where('status', '!=', 'cancelled')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return;
    if (event.status === 'published') {
      const chapterName = await chapterNameOf(trx, actor.chapterId);
      const cancelled = { ...event, status: 'cancelled' as const };
      for (const r of await mailRecipients(trx, eventId, ['confirmed', 'waitlisted'])) {
        await queueEventMail(trx, 'event-cancelled', cancelled, chapterName, r, {
          publicUrl: options.publicUrl,
          clock,
          dedupeKey: `event-cancelled:${eventId}:${r.id}`,
        });
      }
    }
    await recordAudit(
      trx,
      {
        chapterId: actor.chapterId,
        actorUserId: actor.userId,
        action: 'event.cancelled',
        target: eventId,
      },
      clock,
    );
  });
  return getEvent(db, actor.chapterId, eventId);
}

/**
 * Queues one mail per attendee (confirmed, and waitlisted when asked) through the outbox.
 *
 * @returns how many mails were queued.
 */
export async function messageAttendees(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  message: { subject: string; text: string; includeWaitlist: boolean },
  options: MailOptions,
): Promise<number> {
  const clock = options.clock ?? systemClock;
  const event = await getEvent(db, actor.chapterId, eventId);
  return db.transaction().execute(async (trx) => {
    const chapterName = await chapterNameOf(trx, actor.chapterId);
    const statuses: Array<'confirmed' | 'waitlisted'> = message.includeWaitlist
      ? ['confirmed', 'waitlisted']
      : ['confirmed'];
    const recipients = await mailRecipients(trx, eventId, statuses);
    for (const r of recipients) {
      await queueEventMail(trx, 'event-message', event, chapterName, r, {
        publicUrl: options.publicUrl,
        clock,
        message: { subject: message.subject, text: message.text },
      });
    }
    await recordAudit(
      trx,
      {
        chapterId: actor.chapterId,
        actorUserId: actor.userId,
        action: 'event.messaged',
        target: eventId,
        details: { recipients: recipients.length },
      },
      clock,
    );
    return recipients.length;
  });
}
