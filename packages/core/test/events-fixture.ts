/**
 * The shared set-up of the events tests: a fresh database with the Paris chapter, a manual
 * clock, an event input builder and outbox/status readers. `db` and `chapterId` are live
 * bindings, set in `beforeAll`.
 */
import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { type EventInput, listAttendees } from '@groundwork/core/events';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll } from 'vitest';

export let db: TestDatabase;
export let chapterId: string;
export const clock = manualClock('2026-11-26T10:00:00.000Z');
export const publicUrl = 'https://events.example';
export const opts = { publicUrl, clock };

/** A published event on 10 December 2026 in Paris, one seat, waitlist on. */
export const base = (slug: string, extra: Partial<EventInput> = {}): EventInput => ({
  slug,
  status: 'published',
  defaultLocale: 'fr',
  title: { fr: `Soirée ${slug}`, en: `Party ${slug}` },
  description: { fr: 'On se retrouve.' },
  timeZone: 'Europe/Paris',
  startsLocal: '2026-12-10T19:00',
  endsLocal: '2026-12-10T22:00',
  venueName: 'Café',
  venueAddress: '1 rue Exemple, 75011 Paris',
  addressPublic: false,
  onlineUrl: 'https://meet.example/room',
  capacity: 1,
  waitlist: true,
  ...extra,
});

/** The queued mails, oldest first (of one template when given). */
export async function outbox(template?: string) {
  let q = db.kysely.selectFrom('outbox').selectAll();
  if (template) q = q.where('template', '=', template);
  return q.orderBy('created_at').execute();
}

/** Where an e-mail stands on an event's list (confirmed, waitlisted, …). */
export async function statusOf(eventId: string, email: string) {
  const list = await listAttendees(db.kysely, chapterId, eventId, { search: email });
  return list[0]?.status;
}

export const actor = () => ({ chapterId, userId: null });

/** Registers the file's set-up and tear-down. */
export function useEventsDatabase(): void {
  beforeAll(async () => {
    db = await createTestDatabase();
    chapterId = (
      await createChapter(
        db.kysely,
        { slug: 'paris', name: 'Paris', locale: 'fr', timeZone: 'Europe/Paris' },
        clock,
      )
    ).id;
  });
  afterAll(() => db.cleanup());
}
