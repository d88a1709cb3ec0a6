import {
  countRecipients,
  createBroadcast,
  getBroadcast,
  previewBroadcast,
  runBroadcastSender,
  startBroadcast,
  updateBroadcast,
} from '@groundwork/core/broadcasts';
import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { createTag, tagPeople } from '@groundwork/core/people';
import { grantConsent, withdrawConsent } from '@groundwork/core/privacy';
import { createTestDatabase, insertTestUser, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let chapterId: string;
let tagId: string;
const clock = manualClock('2026-11-26T10:00:00.000Z');
const options = { secret: 'b'.repeat(40), publicUrl: 'https://x.example', batchSize: 2 };

beforeAll(async () => {
  db = await createTestDatabase();
  chapterId = (await createChapter(db.kysely, { slug: 'bc', name: 'Broadcast chapter' }, clock)).id;
  const now = clock.now().toISOString();
  await insertTestUser(db, 'u1', now);
  tagId = (await createTag(db.kysely, chapterId, 'u1', 'Volunteers', clock)).id;
  // p1..p5 tagged; p1..p4 consent; p6 consents but is not tagged.
  for (let i = 1; i <= 6; i++) {
    await db.kysely
      .insertInto('people')
      .values({
        id: `p${i}`,
        chapter_id: chapterId,
        email: `p${i}@example.org`,
        name: null,
        postal_code: null,
        locale: 'fr',
        created_at: now,
        updated_at: now,
        source: 'import',
      })
      .execute();
    if (i !== 5)
      await grantConsent(
        db.kysely,
        {
          chapterId,
          personId: `p${i}`,
          purpose: 'email_updates',
          text: 'Yes',
          locale: 'fr',
          source: 'import:t',
        },
        clock,
      );
  }
  await tagPeople(
    db.kysely,
    chapterId,
    'u1',
    tagId,
    { personIds: ['p1', 'p2', 'p3', 'p4', 'p5'] },
    'add',
    clock,
  );
});
afterAll(() => db.cleanup());

describe('broadcasts', () => {
  it('reaches only consenting people of the segment, once each, across sender restarts', async () => {
    const draft = await createBroadcast(
      db.kysely,
      chapterId,
      'u1',
      { subject: 'Hello', body: '**Meet** us', locale: 'en', segment: { tagId }, perMinute: 2 },
      clock,
    );
    expect(await countRecipients(db.kysely, chapterId, { tagId })).toBe(4);
    const preview = await previewBroadcast(db.kysely, chapterId, draft.id, options.publicUrl);
    expect(preview.html).toContain('<strong>Meet</strong>');
    await startBroadcast(db.kysely, chapterId, 'u1', draft.id, clock);
    await expect(startBroadcast(db.kysely, chapterId, 'u1', draft.id, clock)).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );
    await expect(
      updateBroadcast(
        db.kysely,
        chapterId,
        draft.id,
        { subject: 'x', body: 'y', locale: 'en' },
        clock,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await runBroadcastSender(db.kysely, options, clock)).toBe(2);
    // p4 withdraws before being queued; p2 (queued, not sent) withdraws: neither receives it.
    await withdrawConsent(db.kysely, { personId: 'p4', source: 'unsubscribe' }, clock);
    await withdrawConsent(db.kysely, { personId: 'p2', source: 'unsubscribe' }, clock);
    // A "restart": a fresh sender run resumes after the last queued person.
    expect(await runBroadcastSender(db.kysely, options, clock)).toBe(1);
    expect(await runBroadcastSender(db.kysely, options, clock)).toBe(0);
    const rows = await db.kysely
      .selectFrom('outbox')
      .select(['to_address', 'next_attempt_at', 'headers'])
      .where('template', '=', 'broadcast')
      .orderBy('to_address')
      .execute();
    expect(rows.map((r) => r.to_address)).toEqual(['p1@example.org', 'p3@example.org']);
    expect(JSON.parse(rows[0]?.headers ?? '{}')['List-Unsubscribe-Post']).toBe(
      'List-Unsubscribe=One-Click',
    );
    // Paced at 2 a minute: the third recipient waits a minute.
    expect(rows[1]?.next_attempt_at).toBe('2026-11-26T10:01:00.000Z');
    const { broadcast, progress } = await getBroadcast(db.kysely, chapterId, draft.id);
    expect(broadcast.status).toBe('sent');
    expect(progress.queued).toBe(2);
  });

  it('refuses a segment naming an event (or tag) the chapter does not have', async () => {
    const draft = (segment: Record<string, string>) =>
      createBroadcast(
        db.kysely,
        chapterId,
        'u1',
        { subject: 'Hello', body: 'Hi', locale: 'en', segment },
        clock,
      );
    await expect(draft({ eventId: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      fields: { 'segment.eventId': 'No such event in this chapter.' },
    });
    await expect(draft({ tagId, eventId: 'nope' })).rejects.toMatchObject({
      fields: { 'segment.eventId': 'No such event in this chapter.' },
    });
    await expect(draft({ tagId: 'nope' })).rejects.toMatchObject({
      fields: { 'segment.tagId': 'No such tag in this chapter.' },
    });
    const drafts = await db.kysely.selectFrom('broadcasts').select('id').execute();
    expect(drafts).toHaveLength(1); // only the earlier test's broadcast
  });
});
