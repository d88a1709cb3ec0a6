import { cancelRsvp, createEvent, listAttendees, rsvp } from '@groundwork/core/events';
import { mergePeople, withdrawConsentFor } from '@groundwork/core/people';
import { consentLedger } from '@groundwork/core/privacy';
import { insertTestUser } from '@groundwork/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  actor,
  base,
  chapterId,
  clock,
  db,
  opts,
  outbox,
  useEventsDatabase,
} from './events-fixture.ts';

useEventsDatabase();

// The organizer who merges (the audit log names a real user).
beforeAll(async () => {
  await insertTestUser(db, 'u1', clock.now().toISOString());
});

async function personId(email: string) {
  const row = await db.kysely
    .selectFrom('people')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function seatsTaken(eventId: string) {
  const row = await db.kysely
    .selectFrom('events')
    .select('seats_taken')
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  return Number(row.seats_taken);
}

async function tokenOf(eventId: string, email: string) {
  const row = await db.kysely
    .selectFrom('rsvps')
    .innerJoin('people', 'people.id', 'rsvps.person_id')
    .select('rsvps.token')
    .where('rsvps.event_id', '=', eventId)
    .where('people.email', '=', email)
    .executeTakeFirstOrThrow();
  return row.token;
}

describe('merging two people who answered the same event', () => {
  it('keeps one seat, gives the other to the waitlist, and says so in the audit log', async () => {
    const event = await createEvent(
      db.kysely,
      actor(),
      base('merge-seats', { capacity: 2 }),
      clock,
    );
    await rsvp(db.kysely, 'merge-seats', { email: 'lea@example.org', name: 'Léa' }, opts);
    clock.advance(1000);
    await rsvp(db.kysely, 'merge-seats', { email: 'lea.m@example.org', name: 'Léa M.' }, opts);
    clock.advance(1000);
    await rsvp(db.kysely, 'merge-seats', { email: 'waiting@example.org', name: 'Wait' }, opts);
    expect(await seatsTaken(event.id)).toBe(2);

    const keep = await personId('lea@example.org');
    await mergePeople(db.kysely, chapterId, 'u1', keep, await personId('lea.m@example.org'), opts);

    const list = await listAttendees(db.kysely, chapterId, event.id);
    expect(list.map((a) => [a.email, a.status]).sort()).toEqual([
      ['lea@example.org', 'confirmed'],
      ['waiting@example.org', 'confirmed'],
    ]);
    expect(await seatsTaken(event.id)).toBe(2);
    const promoted = await outbox('event-promoted');
    expect(promoted.map((m) => m.to_address)).toEqual(['waiting@example.org']);
    const audit = await db.kysely
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'person.merged')
      .where('target', '=', keep)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details as string)).toMatchObject({ rsvpsDropped: 1 });
  });

  it("keeps the duplicate's seat when the person kept had cancelled", async () => {
    const event = await createEvent(
      db.kysely,
      actor(),
      base('merge-cancelled', { capacity: 5 }),
      clock,
    );
    await rsvp(db.kysely, 'merge-cancelled', { email: 'sam@example.org', name: 'Sam' }, opts);
    await cancelRsvp(
      db.kysely,
      'merge-cancelled',
      await tokenOf(event.id, 'sam@example.org'),
      opts,
    );
    clock.advance(1000);
    await rsvp(db.kysely, 'merge-cancelled', { email: 'sam.b@example.org', name: 'Sam B.' }, opts);
    expect(await seatsTaken(event.id)).toBe(1);

    const keep = await personId('sam@example.org');
    await mergePeople(db.kysely, chapterId, 'u1', keep, await personId('sam.b@example.org'), opts);

    const list = await listAttendees(db.kysely, chapterId, event.id);
    expect(list.map((a) => [a.email, a.status])).toEqual([['sam@example.org', 'confirmed']]);
    expect(await seatsTaken(event.id)).toBe(1);
  });

  it("keeps the person's latest consent choice: an older yes does not undo a newer no", async () => {
    await createEvent(db.kysely, actor(), base('merge-consent', { capacity: 50 }), clock);
    const say = (email: string) =>
      rsvp(db.kysely, 'merge-consent', { email, name: 'C', consent: true }, opts);
    await say('no@example.org');
    await say('no.old@example.org');
    clock.advance(60_000);
    const keep = await personId('no@example.org');
    expect(await withdrawConsentFor(db.kysely, chapterId, 'u1', keep, clock)).toBe(1);
    clock.advance(60_000);
    await mergePeople(db.kysely, chapterId, 'u1', keep, await personId('no.old@example.org'), opts);
    const after = await consentLedger(db.kysely, keep);
    expect(after).toHaveLength(2);
    expect(after.every((c) => c.withdrawnAt !== null)).toBe(true);
    expect(after.map((c) => c.withdrawnSource).sort()).toEqual(['admin', 'merge']);

    // The other way round: a yes given after the no stands.
    await say('yes@example.org');
    const kept = await personId('yes@example.org');
    await withdrawConsentFor(db.kysely, chapterId, 'u1', kept, clock);
    clock.advance(60_000);
    await say('yes.new@example.org');
    await mergePeople(
      db.kysely,
      chapterId,
      'u1',
      kept,
      await personId('yes.new@example.org'),
      opts,
    );
    const ledger = await consentLedger(db.kysely, kept);
    expect(ledger.filter((c) => c.withdrawnAt === null)).toHaveLength(1);
  });
});
