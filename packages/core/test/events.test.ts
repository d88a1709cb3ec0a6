import { manualClock } from '@groundwork/core/clock';
import { seedDemo } from '@groundwork/core/demo';
import {
  addWalkIn,
  cancelEvent,
  checkIn,
  createEvent,
  doorCounts,
  eventsCalendar,
  getPublicEvent,
  listAttendees,
  qrSvg,
  rsvp,
  sendDueReminders,
  updateEvent,
  utcToZoned,
} from '@groundwork/core/events';
import { createTestDatabase } from '@groundwork/core/testing';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';

import {
  actor,
  base,
  chapterId,
  clock,
  db,
  opts,
  outbox,
  publicUrl,
  useEventsDatabase,
} from './events-fixture.ts';

useEventsDatabase();

describe('reminders', () => {
  it('sends each reminder round once, even when the job runs again after a restart', async () => {
    const clock2 = manualClock('2026-12-01T10:00:00.000Z');
    const event = await createEvent(
      db.kysely,
      actor(),
      base('remind', {
        capacity: 10,
        reminders: [24, 2],
        startsLocal: '2026-12-20T19:00',
        endsLocal: '2026-12-20T22:00',
      }),
      clock2,
    );
    await rsvp(
      db.kysely,
      'remind',
      { email: 'r1@example.org', name: 'R1' },
      { publicUrl, clock: clock2 },
    );
    await rsvp(
      db.kysely,
      'remind',
      { email: 'r2@example.org', name: 'R2' },
      { publicUrl, clock: clock2 },
    );
    const reminders = async () =>
      (await outbox('event-reminder')).filter(
        (m) => JSON.parse(m.payload).eventTitle === 'Soirée remind',
      );
    expect(await sendDueReminders(db.kysely, { publicUrl, clock: clock2 })).toBe(0);
    clock2.set('2026-12-19T18:30:00.000Z'); // 23.5 h before 19:00 Paris
    expect(await sendDueReminders(db.kysely, { publicUrl, clock: clock2 })).toBe(2);
    expect(await sendDueReminders(db.kysely, { publicUrl, clock: clock2 })).toBe(0);
    expect(await reminders()).toHaveLength(2);
    // Someone registering after the reminder still gets the practical details.
    await rsvp(
      db.kysely,
      'remind',
      { email: 'late@example.org', name: 'Late' },
      { publicUrl, clock: clock2 },
    );
    const late = (await outbox('event-rsvp-confirmed')).find(
      (m) => m.to_address === 'late@example.org',
    );
    expect(JSON.parse(late?.payload ?? '{}')).toMatchObject({
      code: expect.any(String),
      place: expect.stringContaining('1 rue Exemple'),
    });
    clock2.set('2026-12-20T16:30:00.000Z'); // 1.5 h before: the second round, with the late one
    expect(await sendDueReminders(db.kysely, { publicUrl, clock: clock2 })).toBe(3);
    // A "restart": a fresh call with the same clock sends nothing again.
    expect(await sendDueReminders(db.kysely, { publicUrl, clock: manualClock(clock2.now()) })).toBe(
      0,
    );
    expect(await reminders()).toHaveLength(5);
    void event;
  });
});

describe('changes, cancellation, check-in', () => {
  it('notifies attendees of a new time, and everyone of a cancellation', async () => {
    const event = await createEvent(db.kysely, actor(), base('change', { capacity: 1 }), clock);
    await rsvp(db.kysely, 'change', { email: 'c1@example.org', name: 'C1' }, opts);
    await rsvp(db.kysely, 'change', { email: 'c2@example.org', name: 'C2' }, opts);
    await updateEvent(
      db.kysely,
      actor(),
      event.id,
      base('change', { capacity: 1, startsLocal: '2026-12-10T20:00' }),
      opts,
    );
    const changed = (await outbox('event-changed')).map((m) => m.to_address).sort();
    expect(changed).toEqual(['c1@example.org', 'c2@example.org']);
    await cancelEvent(db.kysely, actor(), event.id, opts);
    await cancelEvent(db.kysely, actor(), event.id, opts);
    expect((await outbox('event-cancelled')).map((m) => m.to_address).sort()).toEqual([
      'c1@example.org',
      'c2@example.org',
    ]);
  });

  it('checks in by code (any case), adds walk-ins, and counts arrivals', async () => {
    const event = await createEvent(db.kysely, actor(), base('door', { capacity: 5 }), clock);
    await rsvp(db.kysely, 'door', { email: 'd1@example.org', name: 'Dora' }, opts);
    const [dora] = await listAttendees(db.kysely, chapterId, event.id);
    const first = await checkIn(
      db.kysely,
      actor(),
      event.id,
      ` ${dora?.code.toLowerCase()} `,
      clock,
    );
    expect(first.already).toBe(false);
    expect(first.attendee.name).toBe('Dora');
    expect((await checkIn(db.kysely, actor(), event.id, dora?.code ?? '', clock)).already).toBe(
      true,
    );
    await expect(checkIn(db.kysely, actor(), event.id, 'ZZZZZZ', clock)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const walkIn = await addWalkIn(
      db.kysely,
      actor(),
      event.id,
      { name: 'Walt', email: 'walt@example.org', consent: true },
      clock,
    );
    expect(walkIn.checkedInAt).not.toBeNull();
    const walt = await db.kysely
      .selectFrom('people')
      .select('source')
      .where('email', '=', 'walt@example.org')
      .executeTakeFirstOrThrow();
    expect(walt.source).toBe('event');
    expect(await doorCounts(db.kysely, event.id)).toMatchObject({ confirmed: 2, arrived: 2 });
    const consent = await db.kysely
      .selectFrom('consents')
      .select('source')
      .where('source', '=', 'event-door:door')
      .execute();
    expect(consent).toHaveLength(1);
    const versioned = await db.kysely
      .selectFrom('consents')
      .innerJoin('consent_texts', 'consent_texts.hash', 'consents.text_hash')
      .select('consent_texts.text')
      .where('source', '=', 'event-door:door')
      .execute();
    expect(versioned).toHaveLength(1); // the walk-in's consent points at its text version
    expect(qrSvg(dora?.code ?? 'X', 'code')).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
  });
});

describe('iCalendar', () => {
  it('parses with ical.js and gives the right Paris local times on both sides of the DST change', async () => {
    await createEvent(
      db.kysely,
      actor(),
      base('before-dst', { startsLocal: '2026-10-24T19:00', endsLocal: '2026-10-24T22:00' }),
      clock,
    );
    await createEvent(
      db.kysely,
      actor(),
      base('after-dst', { startsLocal: '2026-10-26T19:00', endsLocal: '2026-10-26T22:00' }),
      clock,
    );
    const events = [
      await getPublicEvent(db.kysely, 'before-dst'),
      await getPublicEvent(db.kysely, 'after-dst'),
    ];
    const text = eventsCalendar(events, { name: 'Paris', publicUrl, locale: 'fr' });
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('TZID:Europe/Paris');
    expect(text).not.toContain('meet.example'); // the public file has no online link
    expect(text).not.toContain('1 rue Exemple');
    const own = eventsCalendar(events.slice(0, 1), {
      name: 'P',
      publicUrl,
      locale: 'fr',
      confirmed: true,
    });
    expect(own).toContain('meet.example/room');
    expect(own).toContain('1 rue Exemple');
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const tz of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    }
    const vevents = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(vevents).toHaveLength(2);
    const [before, after] = vevents;
    expect(before?.startDate.zone.tzid).toBe('Europe/Paris');
    expect(before?.startDate.toString()).toBe('2026-10-24T19:00:00');
    expect(after?.startDate.toString()).toBe('2026-10-26T19:00:00');
    // Summer time (UTC+2) before the change, winter time (UTC+1) after it.
    expect(before?.startDate.toJSDate().toISOString()).toBe('2026-10-24T17:00:00.000Z');
    expect(after?.startDate.toJSDate().toISOString()).toBe('2026-10-26T18:00:00.000Z');
    expect(before?.summary).toBe('Soirée before-dst');
  });
});

describe('local times on the night clocks change', () => {
  it('stores the hour before the spring change as it was typed, and refuses an empty event', async () => {
    await createEvent(
      db.kysely,
      actor(),
      base('spring-night', { startsLocal: '2027-03-28T00:59', endsLocal: '2027-03-28T01:59' }),
      clock,
    );
    const event = await getPublicEvent(db.kysely, 'spring-night');
    expect([event.startsAt, event.endsAt]).toEqual([
      '2027-03-27T23:59:00.000Z',
      '2027-03-28T00:59:00.000Z',
    ]);
    // 02:00 does not exist that night (it is 03:00): 01:00 → 02:00 is an hour long, and
    // 03:00 → 02:00 ends as it starts.
    await expect(
      createEvent(
        db.kysely,
        actor(),
        base('spring-empty', { startsLocal: '2027-03-28T03:00', endsLocal: '2027-03-28T02:00' }),
        clock,
      ),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fields: { endsLocal: 'Must be after the start.' },
    });
    // Empty times are field errors, not a crash of the comparison.
    await expect(
      createEvent(db.kysely, actor(), base('no-times', { startsLocal: '', endsLocal: '' }), clock),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fields: {
        startsLocal: 'Use the form 2026-12-10T19:00.',
        endsLocal: 'Use the form 2026-12-10T19:00.',
      },
    });
  });
});

describe('demo', () => {
  it('seeds the published demo event two weeks after the first start, once', async () => {
    const demoDb = await createTestDatabase();
    try {
      const start = manualClock('2026-11-26T10:00:00.000Z');
      expect(await seedDemo(demoDb.kysely, start)).toBe(true);
      expect(await seedDemo(demoDb.kysely, start)).toBe(false);
      const event = await getPublicEvent(demoDb.kysely, 'mass-cancellation-party');
      expect(event).toMatchObject({
        status: 'published',
        capacity: 80,
        waitlist: true,
        timeZone: 'Europe/Paris',
      });
      expect(utcToZoned(event.startsAt, 'Europe/Paris')).toBe('2026-12-10T19:00');
      expect(utcToZoned(event.endsAt, 'Europe/Paris')).toBe('2026-12-10T22:00');
    } finally {
      await demoDb.cleanup();
    }
  });
});
