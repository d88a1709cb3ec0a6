/**
 * Bulk RSVPs for tests and benchmarks (thousands of rows in well under a second): people and
 * RSVPs written directly in batches, with the event's seat count kept right — not through the
 * RSVP service, which would queue mails and rate-limit. Never used by the running server.
 */
import type { Insertable, Kysely } from 'kysely';
import { newId } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import type { PersonTable } from '../people/people.table.ts';
import type { RsvpStatus, RsvpTable } from './events.table.ts';

export interface SeedRsvp {
  name?: string | null;
  email?: string;
  status?: RsvpStatus;
  source?: string;
  createdAt?: string;
  answers?: Record<string, string | string[]>;
}

/**
 * Inserts `count` RSVPs; `make(i)` overrides the defaults of the i-th one (name `Guest i`,
 * e-mail `guest-i@example.org`, confirmed, from the web, one second apart from 2026-11-01).
 * Returns the RSVP ids in order.
 *
 * @example
 * const ids = await seedRsvps(db, { chapterId, eventId }, 6000);
 */
export async function seedRsvps(
  db: Kysely<Database>,
  target: { chapterId: string; eventId: string },
  count: number,
  make: (i: number) => SeedRsvp = () => ({}),
): Promise<string[]> {
  const ids: string[] = [];
  const base = Date.parse('2026-11-01T00:00:00.000Z');
  for (let start = 0; start < count; start += 500) {
    const people: Insertable<PersonTable>[] = [];
    const rsvps: Insertable<RsvpTable>[] = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const r = make(i);
      const personId = newId();
      const id = newId();
      const createdAt = r.createdAt ?? new Date(base + i * 1000).toISOString();
      ids.push(id);
      people.push({
        id: personId,
        chapter_id: target.chapterId,
        email: r.email ?? `guest-${i}@example.org`,
        name: r.name === undefined ? `Guest ${i}` : r.name,
        postal_code: null,
        locale: 'fr',
        created_at: createdAt,
        updated_at: createdAt,
        source: 'event',
      });
      rsvps.push({
        id,
        chapter_id: target.chapterId,
        event_id: target.eventId,
        person_id: personId,
        status: r.status ?? 'confirmed',
        answers: JSON.stringify(r.answers ?? {}),
        locale: 'fr',
        source: r.source ?? 'web',
        // Unique per event: the index in base 32 after a fixed letter (real codes are random).
        code: `S${i.toString(32).toUpperCase().padStart(5, '0')}`,
        token: newId(24),
        created_at: createdAt,
        updated_at: createdAt,
        checked_in_at: null,
      });
    }
    const seats = rsvps.filter((r) => r.status === 'confirmed').length;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('people').values(people).execute();
      await trx.insertInto('rsvps').values(rsvps).execute();
      await trx
        .updateTable('events')
        .set((eb) => ({ seats_taken: eb('seats_taken', '+', seats) }))
        .where('id', '=', target.eventId)
        .execute();
    });
  }
  return ids;
}
