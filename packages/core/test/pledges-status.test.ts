/**
 * Publishing, closing and reopening a pledge from the admin: each change is audit-logged as what
 * it is, and another chapter cannot touch the pledge.
 */
import { insertUser } from '@groundwork/core/auth';
import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { createPledge } from '@groundwork/core/pledges';
import { setChapterPledgeStatus } from '@groundwork/core/pledges/admin';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let chapterId: string;
let otherChapterId: string;
let pledgeId: string;
let userId: string;
const clock = manualClock('2026-11-26T10:00:00.000Z');

beforeAll(async () => {
  db = await createTestDatabase();
  chapterId = (await createChapter(db.kysely, { slug: 'paris', name: 'Paris' })).id;
  otherChapterId = (await createChapter(db.kysely, { slug: 'lyon', name: 'Lyon' })).id;
  userId = (
    await insertUser(db.kysely, {
      email: 'org@example.org',
      name: 'Org',
      locale: 'fr',
      passwordHash: 'x',
    })
  ).id;
  const pledge = await createPledge(db.kysely, chapterId, {
    slug: 'quit',
    goal: 100,
    defaultLocale: 'fr',
    translations: { fr: { title: 'Je résilie' } },
  });
  pledgeId = pledge.id;
});

afterAll(async () => {
  await db.cleanup();
});

describe('pledge status', () => {
  it('publishes and closes with an audit entry', async () => {
    const live = await setChapterPledgeStatus(
      db.kysely,
      { chapterId, userId },
      pledgeId,
      'live',
      clock,
    );
    expect(live.status).toBe('live');
    const audit = await db.kysely
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'pledge.published')
      .execute();
    expect(audit).toEqual([{ action: 'pledge.published', target: pledgeId }]);
    // Closed, then opened again: logged as what it is.
    await setChapterPledgeStatus(db.kysely, { chapterId, userId }, pledgeId, 'closed', clock);
    await setChapterPledgeStatus(db.kysely, { chapterId, userId }, pledgeId, 'live', clock);
    const actions = await db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', pledgeId)
      .where('action', 'in', ['pledge.published', 'pledge.closed', 'pledge.reopened'])
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'pledge.closed',
      'pledge.published',
      'pledge.reopened',
    ]);
    await expect(
      setChapterPledgeStatus(db.kysely, { chapterId: otherChapterId, userId }, pledgeId, 'closed'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
