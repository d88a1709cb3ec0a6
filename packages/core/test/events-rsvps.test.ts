import { AppError } from '@groundwork/core/errors';
import {
  cancelRsvp,
  createEvent,
  getPublicEvent,
  listAttendees,
  rsvp,
  utcToZoned,
  zonedToUtc,
} from '@groundwork/core/events';
import { getOutboxMessage } from '@groundwork/core/outbox';
import { getPerson } from '@groundwork/core/people';
import { loadMyData } from '@groundwork/core/privacy';
import { describe, expect, it } from 'vitest';

import {
  actor,
  base,
  chapterId,
  clock,
  db,
  opts,
  outbox,
  statusOf,
  useEventsDatabase,
} from './events-fixture.ts';

useEventsDatabase();

describe('times', () => {
  it('converts wall-clock times in Paris across the DST change', () => {
    expect(zonedToUtc('2026-07-01T19:00', 'Europe/Paris')).toBe('2026-07-01T17:00:00.000Z');
    expect(zonedToUtc('2026-12-10T19:00', 'Europe/Paris')).toBe('2026-12-10T18:00:00.000Z');
    expect(utcToZoned('2026-10-25T00:30:00.000Z', 'Europe/Paris')).toBe('2026-10-25T02:30');
    expect(utcToZoned('2026-10-25T01:30:00.000Z', 'Europe/Paris')).toBe('2026-10-25T02:30');
  });
});

describe('RSVPs', () => {
  it('gives the last seat to exactly one of many concurrent RSVPs; the rest are waitlisted', async () => {
    const event = await createEvent(db.kysely, actor(), base('race'), clock);
    const emails = Array.from({ length: 25 }, (_, i) => `racer${i}@example.org`);
    const results = await Promise.allSettled(
      emails.map((email) => rsvp(db.kysely, 'race', { email, name: email }, opts)),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const list = await listAttendees(db.kysely, chapterId, event.id);
    expect(list.filter((a) => a.status === 'confirmed')).toHaveLength(1);
    expect(list.filter((a) => a.status === 'waitlisted')).toHaveLength(24);
    const row = await db.kysely
      .selectFrom('events')
      .select('seats_taken')
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.seats_taken)).toBe(1);
    expect(await outbox('event-rsvp-confirmed')).toHaveLength(1);
    expect(await outbox('event-waitlisted')).toHaveLength(24);
  });

  it('answers a repeat RSVP the same and stores nothing twice', async () => {
    await createEvent(db.kysely, actor(), base('repeat', { capacity: 10 }), clock);
    const first = await rsvp(db.kysely, 'repeat', { email: 'Ada@Example.org', name: 'Ada' }, opts);
    const again = await rsvp(
      db.kysely,
      'repeat',
      { email: 'ada@example.org', name: 'Mallory' },
      opts,
    );
    expect(again).toEqual(first);
    const people = await db.kysely
      .selectFrom('people')
      .select('name')
      .where('email', '=', 'ada@example.org')
      .execute();
    expect(people.map((p) => p.name)).toEqual(['Ada']);
  });

  it('refuses with field errors, and refuses a full event without waitlist', async () => {
    await createEvent(db.kysely, actor(), base('closed-list', { waitlist: false }), clock);
    await expect(
      rsvp(db.kysely, 'closed-list', { email: 'nope', name: '' }, opts),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      fields: { email: expect.any(String), name: expect.any(String) },
    });
    await rsvp(db.kysely, 'closed-list', { email: 'one@example.org', name: 'One' }, opts);
    const refused = await rsvp(
      db.kysely,
      'closed-list',
      { email: 'two@example.org', name: 'Two' },
      opts,
    ).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe('CONFLICT');
  });

  it('promotes the first waitlisted person when a confirmed one cancels, and tells them', async () => {
    const event = await createEvent(db.kysely, actor(), base('promo'), clock);
    for (const n of ['first', 'second', 'third']) {
      await rsvp(db.kysely, 'promo', { email: `${n}@promo.example`, name: n }, opts);
      clock.advance(1000);
    }
    expect(await statusOf(event.id, 'second@promo.example')).toBe('waitlisted');
    const token = (
      await db.kysely
        .selectFrom('rsvps')
        .select('token')
        .where(
          'code',
          '=',
          (
            await listAttendees(db.kysely, chapterId, event.id, { search: 'first@promo.example' })
          )[0]?.code ?? '',
        )
        .where('event_id', '=', event.id)
        .executeTakeFirstOrThrow()
    ).token;
    const cancelled = await cancelRsvp(db.kysely, 'promo', token, opts);
    expect(cancelled?.status).toBe('cancelled');
    expect(await statusOf(event.id, 'first@promo.example')).toBe('cancelled');
    expect(await statusOf(event.id, 'second@promo.example')).toBe('confirmed');
    expect(await statusOf(event.id, 'third@promo.example')).toBe('waitlisted');
    const promoted = (await outbox('event-promoted')).filter(
      (m) => m.to_address === 'second@promo.example',
    );
    expect(promoted).toHaveLength(1);
    expect(JSON.parse(promoted[0]?.payload ?? '{}')).toMatchObject({
      onlineUrl: 'https://meet.example/room',
      place: 'Café, 1 rue Exemple, 75011 Paris',
    });
    // Cancelling again changes nothing.
    await cancelRsvp(db.kysely, 'promo', token, opts);
    expect(await statusOf(event.id, 'third@promo.example')).toBe('waitlisted');
  });

  it('keeps the online link and private address out of waitlist mails and the public view', async () => {
    const [waitlisted] = await outbox('event-waitlisted');
    const payload = JSON.parse(waitlisted?.payload ?? '{}');
    expect(payload.onlineUrl).toBeUndefined();
    expect(payload.code).toBeUndefined();
    expect(payload.place).toBe('Café');
    const event = await getPublicEvent(db.kysely, 'promo');
    expect(event.onlineUrl).toBe('https://meet.example/room'); // the domain knows; the API view hides it (api test)
  });
});

describe('what the attendee sees of their RSVP', () => {
  /** The id of the person behind an e-mail. */
  async function personId(email: string) {
    const row = await db.kysely
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it("shows the event title in the person's language, else the event's own", async () => {
    await createEvent(db.kysely, actor(), base('titled', { capacity: 10 }), clock);
    const frOnly = { title: { fr: 'Petite réunion' }, capacity: 10 };
    await createEvent(db.kysely, actor(), base('fr-only', frOnly), clock);
    const email = 'reader@example.org';
    await rsvp(db.kysely, 'titled', { email, name: 'Reader', locale: 'en' }, opts);
    await rsvp(db.kysely, 'fr-only', { email, name: 'Reader', locale: 'en' }, opts);
    const id = await personId(email);
    const data = await loadMyData(db.kysely, id);
    expect(data?.rsvps.map((r) => r.title)).toEqual(['Party titled', 'Petite réunion']);
    const timeline = (await getPerson(db.kysely, chapterId, id)).timeline;
    const labels = timeline.filter((e) => e.kind === 'rsvp').map((e) => e.label);
    expect(labels.sort()).toEqual(['Party titled', 'Petite réunion']);
  });

  it('records the RSVP consent with its text version, which my data reports', async () => {
    await createEvent(db.kysely, actor(), base('consenting', { capacity: 10 }), clock);
    const email = 'consenting@example.org';
    await rsvp(db.kysely, 'consenting', { email, name: 'C', consent: true, locale: 'en' }, opts);
    const id = await personId(email);
    const row = await db.kysely
      .selectFrom('consents')
      .innerJoin('consent_texts', 'consent_texts.hash', 'consents.text_hash')
      .select(['consents.text_hash', 'consent_texts.text', 'consents.text_shown'])
      .where('person_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.text).toBe(row.text_shown);
    const data = await loadMyData(db.kysely, id);
    expect(data?.consents.map((c) => c.textHash)).toEqual([row.text_hash]);
  });

  it('shows the confirmation mail in the admin with its QR code written in (no cid: link)', async () => {
    await createEvent(db.kysely, actor(), base('qr-mail', { capacity: 10 }), clock);
    await rsvp(db.kysely, 'qr-mail', { email: 'qr@example.org', name: 'Q', locale: 'en' }, opts);
    const [row] = (await outbox('event-rsvp-confirmed')).filter(
      (m) => m.to_address === 'qr@example.org',
    );
    const message = await getOutboxMessage(db.kysely, chapterId, row?.id ?? '');
    expect(message.rendered?.html).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    expect(message.rendered?.html).not.toContain('cid:');
  });
});
