import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { AppError } from '@groundwork/core/errors';
import { createPledge } from '@groundwork/core/pledges';
import {
  dayStart,
  exportSignatures,
  getSignatureDetail,
  listSignatures,
  localDay,
  pledgeStats,
  type SignatureListItem,
  seedSignatures,
} from '@groundwork/core/pledges/admin';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let chapterId: string;
let otherChapterId: string;
let pledgeId: string;
let ids: string[];
const clock = manualClock('2026-11-26T10:00:00.000Z');

const names = ['Élodie Martin', 'ada lovelace', 'Zoé', null, 'Bob 100%', 'bob 1000'];

beforeAll(async () => {
  db = await createTestDatabase();
  chapterId = (
    await createChapter(db.kysely, { slug: 'paris', name: 'Paris', timeZone: 'Europe/Paris' })
  ).id;
  otherChapterId = (await createChapter(db.kysely, { slug: 'lyon', name: 'Lyon' })).id;
  const pledge = await createPledge(db.kysely, chapterId, {
    slug: 'quit',
    goal: 100,
    defaultLocale: 'fr',
    questions: [
      {
        id: 'why',
        kind: 'multiple',
        label: { fr: 'Pourquoi ?', en: 'Why?' },
        options: [
          { id: 'privacy', label: { fr: 'Vie privée', en: 'Privacy' } },
          { id: 'price', label: { fr: 'Prix', en: 'Price' } },
        ],
      },
    ],
    translations: { fr: { title: 'Je résilie', consentText: 'Tenez-moi au courant.' } },
  });
  pledgeId = pledge.id;
  // 30 signatures: 12 share one instant (a group-committed batch), the rest one minute apart
  // around midnight UTC (= 01:00 in Paris in November).
  ids = await seedSignatures(db.kysely, { chapterId, pledgeId }, 30, (i) => ({
    name: i < names.length ? (names[i] ?? null) : `Signer ${String(i).padStart(2, '0')}`,
    email: i === 1 ? 'ADA@example.org'.toLowerCase() : `signer-${i}@example.org`,
    status: i % 3 === 0 ? 'pending' : 'confirmed',
    source: i % 2 === 0 ? 'https://ally.example' : null,
    createdAt:
      i < 12
        ? '2026-11-25T22:30:00.000Z'
        : new Date(Date.parse('2026-11-25T22:50:00.000Z') + (i - 12) * 60_000).toISOString(),
    answers: { why: ['privacy', 'price'] },
  }));
});
afterAll(() => db.cleanup());

async function allPages(input: Parameters<typeof listSignatures>[2]) {
  const seen: SignatureListItem[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listSignatures(db.kysely, chapterId, {
      ...input,
      ...(cursor ? { cursor } : {}),
    });
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

describe('listSignatures (keyset pagination)', () => {
  it('walks every signature exactly once across pages, even with equal timestamps', async () => {
    for (const order of ['asc', 'desc'] as const) {
      const seen = await allPages({ pledgeId, limit: 4, order });
      expect(seen.map((s) => s.id).sort()).toEqual([...ids].sort());
      const keys = seen.map((s) => `${s.createdAt}|${s.id}`);
      const sorted = [...keys].sort();
      expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
    }
  });

  it('pages through a search result the same way (matches resolved up front)', async () => {
    const seen = await allPages({ pledgeId, limit: 5, search: 'signer' });
    expect(seen).toHaveLength(29); // every e-mail signer-N@…, except ada@
    expect(new Set(seen.map((s) => s.id)).size).toBe(29);
    const keys = seen.map((s) => `${s.createdAt}|${s.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('sorts by name, case-insensitively, without skipping or repeating', async () => {
    const seen = await allPages({ pledgeId, limit: 5, sort: 'name', order: 'asc' });
    expect(new Set(seen.map((s) => s.id)).size).toBe(30);
    expect(seen[0]?.name).toBeNull(); // no name sorts as ''
    expect(seen.slice(1, 3).map((s) => s.name)).toEqual(['ada lovelace', 'Bob 100%']);
    // Code-point order of the folded names (portable; no locale collation in SQLite).
    const keys = seen.map((s) => (s.name ?? '').toLowerCase());
    expect(keys).toEqual([...keys].sort());
    expect(seen.at(-1)?.name).toBe('Élodie Martin');
  });

  it('counts from the counter rows when nothing narrows, and by status', async () => {
    const all = await listSignatures(db.kysely, chapterId, { pledgeId, limit: 1 });
    expect(all.total).toBe(30);
    const pending = await listSignatures(db.kysely, chapterId, { pledgeId, status: 'pending' });
    expect(pending.total).toBe(10);
    expect(pending.items.every((s) => s.status === 'pending')).toBe(true);
  });

  it('searches names and e-mails case-insensitively (Unicode too), % taken literally', async () => {
    const elodie = await listSignatures(db.kysely, chapterId, { pledgeId, search: 'ÉLODIE' });
    expect(elodie.items.map((s) => s.name)).toEqual(['Élodie Martin']);
    expect(elodie.total).toBe(1);
    // An ASCII term is compared without lower() (LIKE / ILIKE fold ASCII case): same answers.
    const martin = await listSignatures(db.kysely, chapterId, { pledgeId, search: 'MARTIN' });
    expect(martin.items.map((s) => s.name)).toEqual(['Élodie Martin']);
    const ada = await listSignatures(db.kysely, chapterId, { pledgeId, search: 'Ada@Exam' });
    expect(ada.items.map((s) => s.email)).toEqual(['ada@example.org']);
    const percent = await listSignatures(db.kysely, chapterId, { pledgeId, search: '100%' });
    expect(percent.items.map((s) => s.name)).toEqual(['Bob 100%']);
    const underscore = await listSignatures(db.kysely, chapterId, { pledgeId, search: 'bob_' });
    expect(underscore.total).toBe(0);
  });

  it('filters by source (null = the hosted page) and by days in the chapter time zone', async () => {
    const ally = await listSignatures(db.kysely, chapterId, {
      pledgeId,
      source: 'https://ally.example',
      limit: 200,
    });
    expect(ally.total).toBe(15);
    expect(ally.items.every((s) => s.source === 'https://ally.example')).toBe(true);
    const hosted = await listSignatures(db.kysely, chapterId, { pledgeId, source: null });
    expect(hosted.total).toBe(15);
    // 22:30Z (12) and 22:50Z–22:59Z (10) are Nov 25 in Paris; 23:00Z onwards (8) is Nov 26.
    const day25 = await listSignatures(db.kysely, chapterId, { pledgeId, to: '2026-11-25' });
    expect(day25.total).toBe(22);
    const day26 = await listSignatures(db.kysely, chapterId, {
      pledgeId,
      from: '2026-11-26',
      to: '2026-11-26',
    });
    expect(day26.total).toBe(8);
  });

  it('refuses a day that does not exist in the calendar', async () => {
    await expect(
      listSignatures(db.kysely, chapterId, { pledgeId, to: '2026-02-30' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', fields: { to: 'Not a real date.' } });
  });

  it('refuses a forged cursor with a field error, and another chapter gets NOT_FOUND', async () => {
    await expect(
      listSignatures(db.kysely, chapterId, { pledgeId, cursor: 'bm90IGpzb24' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', fields: { cursor: 'Invalid.' } });
    await expect(listSignatures(db.kysely, otherChapterId, { pledgeId })).rejects.toBeInstanceOf(
      AppError,
    );
    await expect(
      getSignatureDetail(db.kysely, otherChapterId, ids[0] as string),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('pledgeStats', () => {
  it('counts per day in Europe/Paris across midnight UTC', async () => {
    expect(localDay(new Date('2026-11-25T23:00:00Z'), 'Europe/Paris')).toBe('2026-11-26');
    expect(dayStart('2026-07-01', 'Europe/Paris').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    const stats = await pledgeStats(db.kysely, chapterId, { pledgeId, days: 3 }, clock);
    expect(stats.timeZone).toBe('Europe/Paris');
    expect(stats.perDay).toEqual([
      { day: '2026-11-24', count: 0 },
      { day: '2026-11-25', count: 22 },
      { day: '2026-11-26', count: 8 },
    ]);
    expect(stats.bySource).toEqual(
      expect.arrayContaining([
        { source: 'https://ally.example', count: 15 },
        { source: null, count: 15 },
      ]),
    );
    expect(stats.confirmed).toBe(20);
    expect(stats.confirmationRate).toBeCloseTo(20 / 30);
  });

  it('ranks top referrers', async () => {
    const other = await createPledge(db.kysely, chapterId, {
      slug: 'refs',
      goal: 10,
      translations: { en: { title: 'Refs' } },
    });
    const first = await seedSignatures(db.kysely, { chapterId, pledgeId: other.id }, 2, (i) => ({
      email: `ref-${i}@example.org`,
    }));
    await seedSignatures(db.kysely, { chapterId, pledgeId: other.id }, 5, (i) => ({
      email: `brought-${i}@example.org`,
      referredBy: i < 4 ? first[0] : first[1],
    }));
    const stats = await pledgeStats(db.kysely, chapterId, { pledgeId: other.id }, clock);
    expect(stats.topReferrers.map((r) => [r.email, r.count])).toEqual([
      ['ref-0@example.org', 4],
      ['ref-1@example.org', 1],
    ]);
  });
});

describe('signature detail and export', () => {
  it('labels the answers and shows the consent text, referrer and timeline', async () => {
    const id = ids[1] as string;
    await db.kysely
      .insertInto('consents')
      .values({
        id: 'c1',
        chapter_id: chapterId,
        person_id: (
          await db.kysely
            .selectFrom('signatures')
            .select('person_id')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).person_id,
        purpose: 'email_updates',
        text_shown: 'Tenez-moi au courant.',
        locale: 'fr',
        source: 'pledge:quit',
        granted_at: '2026-11-25T22:30:00.000Z',
        withdrawn_at: null,
      })
      .execute();
    await db.kysely
      .updateTable('signatures')
      .set({ consent: 1, referred_by: ids[0] })
      .where('id', '=', id)
      .execute();
    const detail = await getSignatureDetail(db.kysely, chapterId, id);
    expect(detail.person.email).toBe('ada@example.org');
    expect(detail.answers).toEqual([
      {
        questionId: 'why',
        kind: 'multiple',
        label: { fr: 'Pourquoi ?', en: 'Why?' },
        values: [
          { id: 'privacy', label: { fr: 'Vie privée', en: 'Privacy' } },
          { id: 'price', label: { fr: 'Prix', en: 'Price' } },
        ],
      },
    ]);
    expect(detail.consent?.textShown).toBe('Tenez-moi au courant.');
    expect(detail.referrer?.name).toBe('Élodie Martin');
    expect(detail.timeline.map((e) => e.kind)).toEqual(['signed', 'consent_granted']);
  });

  it('exports every matching row in batches, with answer labels', async () => {
    const { header, batches } = await exportSignatures(db.kysely, chapterId, { pledgeId }, 7);
    expect(header.at(-1)).toBe('Pourquoi ?');
    const sizes: number[] = [];
    const rows: string[][] = [];
    for await (const batch of batches) {
      sizes.push(batch.length);
      rows.push(...batch);
    }
    expect(sizes).toEqual([7, 7, 7, 7, 2]);
    expect(new Set(rows.map((r) => r[4])).size).toBe(30);
    expect(rows[0]?.at(-1)).toBe('Vie privée; Prix');
  });
});
