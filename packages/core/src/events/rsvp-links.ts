/**
 * What the secret link in an attendee's mails opens: their RSVP (found by its token, scoped to
 * the event's slug so a token never opens another event) and its cancellation, which hands the
 * freed seat to the waitlist in the same transaction.
 */
import type { Kysely } from 'kysely';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import type { RsvpStatus } from './events.table.ts';
import { type Event, toEvent } from './events.ts';
import { promoteWaitlist, releaseSeat } from './seats.ts';

/** What the attendee's own page shows (found by the secret token of their links). */
export interface AttendeeView {
  event: Event;
  rsvpId: string;
  status: RsvpStatus;
  name: string | null;
  code: string;
  locale: string;
  checkedIn: boolean;
}

/**
 * The RSVP behind an attendee link, or undefined for an unknown token or another event.
 *
 * @example
 * const view = await findByToken(db, slug, token);
 */
export async function findByToken(
  db: Kysely<Database>,
  slug: string,
  token: string,
): Promise<AttendeeView | undefined> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('rsvps')
    .innerJoin('events', 'events.id', 'rsvps.event_id')
    .innerJoin('people', 'people.id', 'rsvps.person_id')
    .select([
      'rsvps.id as rsvp_id',
      'rsvps.status as rsvp_status',
      'rsvps.code',
      'rsvps.locale as rsvp_locale',
    ])
    .select(['rsvps.checked_in_at', 'people.name as person_name'])
    .selectAll('events')
    .where('rsvps.token', '=', token)
    .where('events.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    event: toEvent(row),
    rsvpId: row.rsvp_id,
    status: row.rsvp_status,
    name: row.person_name,
    code: row.code,
    locale: row.rsvp_locale,
    checkedIn: row.checked_in_at !== null,
  };
}

/**
 * Cancels the RSVP behind an attendee link; a freed seat goes to the first person on the
 * waitlist at once. Cancelling twice is fine.
 *
 * @returns the RSVP as it is now, or undefined for an unknown token.
 *
 * @example
 * const done = await cancelRsvp(db, slug, token, { publicUrl, clock });
 */
export async function cancelRsvp(
  db: Kysely<Database>,
  slug: string,
  token: string,
  options: { publicUrl: string; clock?: Clock },
): Promise<AttendeeView | undefined> {
  const clock = options.clock ?? systemClock;
  const found = await findByToken(db, slug, token);
  if (!found) return undefined;
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('rsvps')
      .set({ status: 'cancelled', updated_at: isoNow(clock) })
      .where('id', '=', found.rsvpId)
      .where('status', '!=', 'cancelled')
      .returning('id')
      .executeTakeFirst();
    if (!changed) return;
    if (found.status === 'confirmed') {
      await releaseSeat(trx, found.event.id);
      if (found.event.status === 'published') {
        await promoteWaitlist(trx, found.event.id, { publicUrl: options.publicUrl, clock });
      }
    }
  });
  return { ...found, status: 'cancelled' };
}
