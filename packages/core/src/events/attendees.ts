/**
 * The door and the attendee list: check-in by code, undo, walk-ins, the list with search and
 * the live arrived/expected numbers, statistics.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import { ensurePeople } from '../people/people.ts';
import { EMAIL_UPDATES, grantConsent } from '../privacy/consents.ts';
import type { RsvpStatus } from './events.table.ts';
import { type Actor, getEvent } from './events.ts';
import { chapterNameOf } from './mail.ts';
import { eventConsentText, newCheckInCode } from './rsvps.ts';
import { walkInInput } from './schemas.ts';

export interface Attendee {
  id: string;
  name: string | null;
  email: string;
  status: RsvpStatus;
  code: string;
  source: string;
  answers: Record<string, string | string[]>;
  createdAt: string;
  checkedInAt: string | null;
}

export interface DoorCounts {
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  arrived: number;
}

/**
 * The RSVPs of an event (with a name/e-mail/code search), waitlist in its order.
 *
 * @example
 * const list = await listAttendees(db, chapterId, eventId, { search: 'ada' });
 */
export async function listAttendees(
  db: Kysely<Database>,
  chapterId: string,
  eventId: string,
  options: { search?: string; status?: RsvpStatus } = {},
): Promise<Attendee[]> {
  await getEvent(db, chapterId, eventId);
  let query = db
    .selectFrom('rsvps')
    .innerJoin('people', 'people.id', 'rsvps.person_id')
    .select(['rsvps.id', 'people.name', 'people.email', 'rsvps.status', 'rsvps.code'])
    .select(['rsvps.source', 'rsvps.answers', 'rsvps.created_at', 'rsvps.checked_in_at'])
    .where('rsvps.event_id', '=', eventId);
  if (options.status) query = query.where('rsvps.status', '=', options.status);
  const search = options.search?.trim().toLowerCase();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['people.name']), 'like', like),
        eb('people.email', 'like', like),
        eb('rsvps.code', '=', search.toUpperCase()),
      ]),
    );
  }
  const rows = await query.orderBy('rsvps.created_at').orderBy('rsvps.id').limit(5000).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    status: r.status,
    code: r.code,
    source: r.source,
    answers: JSON.parse(r.answers) as Attendee['answers'],
    createdAt: r.created_at,
    checkedInAt: r.checked_in_at,
  }));
}

/**
 * Arrived / expected at the door, and the waitlist and cancellation counts.
 *
 * @example
 * const { arrived, confirmed } = await doorCounts(db, eventId);
 */
export async function doorCounts(db: Kysely<Database>, eventId: string): Promise<DoorCounts> {
  const rows = await db
    .selectFrom('rsvps')
    .select((eb) => [
      'status',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.count<number | string>('checked_in_at').as('arrived'),
    ])
    .where('event_id', '=', eventId)
    .groupBy('status')
    .execute();
  const counts: DoorCounts = { confirmed: 0, waitlisted: 0, cancelled: 0, arrived: 0 };
  for (const r of rows) {
    counts[r.status] = Number(r.n);
    counts.arrived += Number(r.arrived);
  }
  return counts;
}

/**
 * Checks someone in by their code (case and spaces ignored). A waitlisted person can be let
 * in too (the organizer decides at the door). Checking in twice says so.
 *
 * @example
 * const { attendee, already } = await checkIn(db, actor, eventId, 'k7p 3qx');
 */
export async function checkIn(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  rawCode: string,
  clock: Clock = systemClock,
): Promise<{ attendee: Attendee; already: boolean }> {
  await getEvent(db, actor.chapterId, eventId);
  const code = rawCode.replace(/[\s-]/g, '').toUpperCase();
  const row = await db
    .selectFrom('rsvps')
    .select(['id', 'status', 'checked_in_at'])
    .where('event_id', '=', eventId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row || row.status === 'cancelled') {
    throw new AppError('NOT_FOUND', 'No registration with this code.', {
      fields: { code: 'No registration with this code.' },
    });
  }
  const already = row.checked_in_at !== null;
  if (!already) await setArrived(db, actor, eventId, row.id, true, clock);
  const [attendee] = (await listAttendees(db, actor.chapterId, eventId, { search: code })).filter(
    (a) => a.id === row.id,
  );
  return { attendee: attendee as Attendee, already };
}

/**
 * Marks an RSVP as arrived (or not, to undo a mistaken check-in).
 *
 * @example
 * await setArrived(db, actor, eventId, rsvpId, false);
 */
export async function setArrived(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  rsvpId: string,
  arrived: boolean,
  clock: Clock = systemClock,
): Promise<void> {
  await getEvent(db, actor.chapterId, eventId);
  const result = await db
    .updateTable('rsvps')
    .set({ checked_in_at: arrived ? isoNow(clock) : null, updated_at: isoNow(clock) })
    .where('id', '=', rsvpId)
    .where('event_id', '=', eventId)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', 'No such registration.');
}

/**
 * Adds someone who came without registering: a confirmed RSVP, checked in, taking a seat even
 * beyond capacity (they are in the room). Their consent is recorded when they gave it.
 *
 * @example
 * await addWalkIn(db, actor, eventId, { name: 'Ada', email: 'ada@example.org', consent: true });
 */
export async function addWalkIn(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  input: unknown,
  clock: Clock = systemClock,
): Promise<Attendee> {
  const data = parseInput(walkInInput, input);
  const event = await getEvent(db, actor.chapterId, eventId);
  const now = isoNow(clock);
  const id = await db.transaction().execute(async (trx) => {
    const ids = await ensurePeople(
      trx,
      [
        {
          id: newId(),
          chapterId: event.chapterId,
          email: data.email,
          name: data.name,
          postalCode: null,
          source: 'event',
          locale: event.defaultLocale,
        },
      ],
      now,
    );
    const personId = ids.get(`${event.chapterId}\n${data.email}`) as string;
    const existing = await trx
      .selectFrom('rsvps')
      .select(['id', 'status'])
      .where('event_id', '=', eventId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (existing && existing.status !== 'confirmed') {
      await trx
        .updateTable('events')
        .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
        .where('id', '=', eventId)
        .execute();
    }
    const rsvpId = existing?.id ?? newId();
    if (existing) {
      await trx
        .updateTable('rsvps')
        .set({ status: 'confirmed', checked_in_at: now, updated_at: now })
        .where('id', '=', rsvpId)
        .execute();
    } else {
      await trx
        .updateTable('events')
        .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
        .where('id', '=', eventId)
        .execute();
      await trx
        .insertInto('rsvps')
        .values({
          id: rsvpId,
          chapter_id: event.chapterId,
          event_id: eventId,
          person_id: personId,
          status: 'confirmed',
          answers: '{}',
          locale: event.defaultLocale,
          source: 'walk-in',
          code: newCheckInCode(),
          token: randomBytes(18).toString('base64url'),
          created_at: now,
          updated_at: now,
          checked_in_at: now,
        })
        .execute();
    }
    if (data.consent) {
      // Through the ledger, so the row points at its text version like every other consent.
      await grantConsent(
        trx,
        {
          chapterId: event.chapterId,
          personId,
          purpose: EMAIL_UPDATES,
          text: eventConsentText(event.defaultLocale, await chapterNameOf(trx, event.chapterId)),
          locale: event.defaultLocale,
          source: `event-door:${event.slug}`,
        },
        clock,
      );
    }
    await recordAudit(
      trx,
      {
        chapterId: actor.chapterId,
        actorUserId: actor.userId,
        action: 'event.walk_in',
        target: eventId,
      },
      clock,
    );
    return rsvpId;
  });
  const list = await listAttendees(db, actor.chapterId, eventId, { search: data.email });
  return list.find((a) => a.id === id) as Attendee;
}

/**
 * Statistics for organizers: counts by status, arrivals, and RSVPs per day (event's zone).
 *
 * @example
 * const stats = await eventStats(db, chapterId, eventId);
 */
export async function eventStats(db: Kysely<Database>, chapterId: string, eventId: string) {
  const event = await getEvent(db, chapterId, eventId);
  const counts = await doorCounts(db, eventId);
  const rows = await db
    .selectFrom('rsvps')
    .select(['created_at', 'source'])
    .where('event_id', '=', eventId)
    .execute();
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: event.timeZone });
  const perDay = new Map<string, number>();
  const bySource = new Map<string, number>();
  for (const r of rows) {
    const d = day.format(new Date(r.created_at));
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
    bySource.set(r.source, (bySource.get(r.source) ?? 0) + 1);
  }
  return {
    ...counts,
    capacity: event.capacity,
    seatsTaken: event.seatsTaken,
    perDay: [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, n]) => ({ date, n })),
    bySource: [...bySource].map(([source, n]) => ({ source, n })),
  };
}
