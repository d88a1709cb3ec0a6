import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { createEvent, exportAttendees, seedRsvps } from '@groundwork/core/events';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/* The attendee export's keyset batches: no row lost or repeated at batch boundaries. */
let db: TestDatabase;
let chapterId: string;
const clock = manualClock('2026-11-26T10:00:00.000Z');

beforeAll(async () => {
  db = await createTestDatabase();
  chapterId = (
    await createChapter(db.kysely, { slug: 'lyon', name: 'Lyon', timeZone: 'Europe/Paris' }, clock)
  ).id;
});
afterAll(() => db.close());

async function collect(eventId: string, batchSize: number, chapter = chapterId) {
  const { header, batches } = await exportAttendees(db.kysely, chapter, eventId, batchSize);
  const sizes: number[] = [];
  const rows: string[][] = [];
  for await (const batch of batches) {
    sizes.push(batch.length);
    rows.push(...batch);
  }
  return { header, sizes, rows };
}

describe('exportAttendees', () => {
  it('reads every RSVP once in (created_at, id) order, even when many share a timestamp', async () => {
    const event = await createEvent(
      db.kysely,
      { chapterId, userId: null },
      {
        slug: 'same-second',
        status: 'published',
        defaultLocale: 'fr',
        title: { fr: 'Même seconde' },
        description: {},
        timeZone: 'Europe/Paris',
        startsLocal: '2027-02-01T19:00',
        endsLocal: '2027-02-01T21:00',
        venueName: null,
        venueAddress: null,
        addressPublic: true,
        onlineUrl: null,
        capacity: null,
        waitlist: true,
        questions: [],
        reminders: [],
      },
      clock,
    );
    // 25 registrations in the same second, then 25 one second apart.
    await seedRsvps(db.kysely, { chapterId, eventId: event.id }, 50, (i) => ({
      createdAt: new Date(
        Date.parse('2026-11-20T10:00:00.000Z') + Math.max(0, i - 24) * 1000,
      ).toISOString(),
    }));
    const { header, sizes, rows } = await collect(event.id, 7);
    expect(header).toEqual([
      'name',
      'email',
      'status',
      'code',
      'source',
      'registered_at',
      'checked_in_at',
    ]);
    expect(sizes).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
    const emails = rows.map((r) => r[1]);
    expect(new Set(emails).size).toBe(50);
    const times = rows.map((r) => r[5] ?? '');
    expect(times).toEqual([...times].sort());
    expect((await collect(event.id, 50)).sizes).toEqual([50]);
    await expect(collect(event.id, 10, 'another-chapter')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
