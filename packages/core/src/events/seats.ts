/**
 * Seats and the waitlist. A seat is taken with a conditional UPDATE of the event's counter
 * (`seats_taken = seats_taken + 1 where seats_taken < capacity`) and the rows it changed: on
 * SQLite transactions run one at a time; on PostgreSQL the UPDATE locks the event row and
 * re-checks the condition after a concurrent writer commits. Either way two people racing for
 * the last seat cannot both get it. A freed seat goes to the waitlist, first come first served.
 */
import type { Kysely, Transaction } from 'kysely';
import { type Clock, isoNow } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { type Event, toEvent } from './events.ts';
import { chapterNameOf, queueEventMail } from './mail.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * True when a capacity is set and every seat is taken.
 *
 * @example
 * if (isFull(event) && !event.waitlist) refuse();
 */
export function isFull(event: Event): boolean {
  return event.capacity !== null && event.seatsTaken >= event.capacity;
}

/**
 * Takes one seat if there is one (the conditional UPDATE): true when taken.
 *
 * @example
 * const seated = await takeSeat(trx, event.id);
 */
export async function takeSeat(trx: Db, eventId: string): Promise<boolean> {
  const result = await trx
    .updateTable('events')
    .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
    .where('id', '=', eventId)
    .where((eb) => eb.or([eb('capacity', 'is', null), eb('seats_taken', '<', eb.ref('capacity'))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Gives a seat back.
 *
 * @example
 * await releaseSeat(trx, event.id);
 */
export async function releaseSeat(trx: Db, eventId: string): Promise<void> {
  await trx
    .updateTable('events')
    .set((eb) => ({ seats_taken: eb('seats_taken', '-', 1) }))
    .where('id', '=', eventId)
    .where('seats_taken', '>', 0)
    .execute();
}

/**
 * Moves people from the waitlist to free seats, first come first served, and tells each of
 * them. Safe when several run at once (the rsvp update re-checks its status).
 *
 * @returns how many were promoted.
 *
 * @example
 * await promoteWaitlist(trx, event.id, { publicUrl, clock });
 */
export async function promoteWaitlist(
  trx: Db,
  eventId: string,
  options: { publicUrl: string; clock: Clock },
): Promise<number> {
  let promoted = 0;
  for (;;) {
    const next = await trx
      .selectFrom('rsvps')
      .innerJoin('people', 'people.id', 'rsvps.person_id')
      .select(['rsvps.id', 'rsvps.person_id', 'people.email', 'people.name', 'rsvps.locale'])
      .select(['rsvps.code', 'rsvps.token'])
      .where('rsvps.event_id', '=', eventId)
      .where('rsvps.status', '=', 'waitlisted')
      .orderBy('rsvps.created_at')
      .orderBy('rsvps.id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return promoted;
    if (!(await takeSeat(trx, eventId))) return promoted;
    const moved = await trx
      .updateTable('rsvps')
      .set({ status: 'confirmed', updated_at: isoNow(options.clock) })
      .where('id', '=', next.id)
      .where('status', '=', 'waitlisted')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) {
      await releaseSeat(trx, eventId);
      continue;
    }
    promoted++;
    const event = toEvent(
      await trx
        .selectFrom('events')
        .selectAll()
        .where('id', '=', eventId)
        .executeTakeFirstOrThrow(),
    );
    await queueEventMail(
      trx,
      'event-promoted',
      event,
      await chapterNameOf(trx, event.chapterId),
      {
        id: next.id,
        personId: next.person_id,
        email: next.email,
        name: next.name,
        locale: next.locale,
        code: next.code,
        token: next.token,
        confirmed: true,
      },
      options,
    );
  }
}
