import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { demoPledge } from '@groundwork/core/demo';
import {
  addNote,
  createTag,
  deleteNote,
  deleteTag,
  getPerson,
  listPeople,
  listTags,
  mergePeople,
  renameTag,
  tagPeople,
  updatePerson,
  withdrawConsentFor,
} from '@groundwork/core/people';
import { createPledge, readCounterSums } from '@groundwork/core/pledges';
import { grantConsent } from '@groundwork/core/privacy';
import { createSigningService } from '@groundwork/core/signing';
import { createTestDatabase, insertTestUser, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let chapterId: string;
let pledgeId: string;
const clock = manualClock('2026-11-26T10:00:00.000Z');
const merging = { publicUrl: 'https://x.example', clock };
const emails = [
  'ada@example.org',
  'bob@example.org',
  'chloe@example.org',
  'dan@example.org',
  'eve@example.org',
];

async function idOf(email: string) {
  const r = await db.kysely
    .selectFrom('people')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return r.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  chapterId = (await createChapter(db.kysely, { slug: 'people', name: 'People' }, clock)).id;
  pledgeId = (
    await createPledge(
      db.kysely,
      chapterId,
      { ...demoPledge, slug: 'people-pledge', status: 'live' },
      clock,
    )
  ).id;
  const s = createSigningService({
    db: db.kysely,
    clock,
    secret: 'k'.repeat(40),
    publicUrl: 'https://x.example',
    rateLimits: false,
  });
  for (const [i, email] of emails.entries()) {
    clock.advance?.(1000);
    if (i < 3)
      await s.sign(
        'people-pledge',
        { email, name: i === 2 ? 'Chloé' : `Name ${i}`, consent: i === 0 },
        { ipHash: 'h' },
      );
    else {
      const now = clock.now().toISOString();
      await db.kysely
        .insertInto('people')
        .values({
          id: `p${i}`,
          chapter_id: chapterId,
          email,
          name: null,
          postal_code: `750${i}`,
          locale: 'fr',
          created_at: now,
          updated_at: now,
          source: 'import',
        })
        .execute();
    }
  }
  await s.close();
  await insertTestUser(db, 'u1', clock.now().toISOString());
});
afterAll(() => db.cleanup());

describe('people list', () => {
  it('pages by keyset without repeats and filters by search, pledge, consent and source', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listPeople(db.kysely, chapterId, {
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      // Counted with the first page only.
      expect(page.total).toBe(cursor ? null : 5);
      seen.push(...page.items.map((p) => p.email));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...emails].reverse());
    expect(
      (await listPeople(db.kysely, chapterId, { search: 'CHLOÉ' })).items.map((p) => p.email),
    ).toEqual(['chloe@example.org']);
    expect((await listPeople(db.kysely, chapterId, { search: '7504' })).total).toBe(1);
    // ASCII search ignores case on both engines (PostgreSQL's LIKE would not).
    const upper = await listPeople(db.kysely, chapterId, { search: 'NAME' });
    const lower = await listPeople(db.kysely, chapterId, { search: 'name' });
    expect(upper.total).toBeGreaterThan(0);
    expect(lower.items.map((p) => p.email)).toEqual(upper.items.map((p) => p.email));
    const signers = await listPeople(db.kysely, chapterId, { pledgeId });
    expect(signers.total).toBe(3);
    // Where each first came from, for the list and its export.
    expect(signers.items.map((p) => p.source)).toEqual(['pledge', 'pledge', 'pledge']);
    const consenting = await listPeople(db.kysely, chapterId, { consent: 'yes' });
    expect(consenting.items.map((p) => [p.email, p.consent])).toEqual([['ada@example.org', true]]);
    expect((await listPeople(db.kysely, chapterId, { consent: 'no' })).total).toBe(4);
    expect((await listPeople(db.kysely, chapterId, { source: 'import' })).total).toBe(2);
    const byName = await listPeople(db.kysely, chapterId, {
      sort: 'email',
      order: 'asc',
      limit: 1,
    });
    expect(byName.items[0]?.email).toBe('ada@example.org');
    await expect(listPeople(db.kysely, chapterId, { cursor: 'nonsense' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('refuses a day that does not exist in the calendar', async () => {
    for (const day of ['2026-02-30', '2026-04-31', '2026-13-01', '2025-02-29']) {
      await expect(listPeople(db.kysely, chapterId, { from: day })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        fields: { from: 'Not a real date.' },
      });
    }
    expect((await listPeople(db.kysely, chapterId, { from: '2028-02-29' })).items).toEqual([]);
  });
});

describe('tags', () => {
  it('creates, renames, applies to a filtered selection, removes and deletes', async () => {
    const tag = await createTag(db.kysely, chapterId, 'u1', ' Volunteers ', clock);
    expect(tag.name).toBe('Volunteers');
    await expect(createTag(db.kysely, chapterId, 'u1', 'Volunteers', clock)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Names differing only in case are one name, in any alphabet.
    await expect(createTag(db.kysely, chapterId, 'u1', 'VOLUNTEERS', clock)).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { name: 'Already used: Volunteers.' },
    });
    const other = await createTag(db.kysely, chapterId, 'u1', 'Élus', clock);
    await expect(
      renameTag(db.kysely, chapterId, 'u1', other.id, 'volunteers'),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(createTag(db.kysely, chapterId, 'u1', 'élus', clock)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await renameTag(db.kysely, chapterId, 'u1', other.id, 'ÉLUS'); // its own name, recased
    await deleteTag(db.kysely, chapterId, 'u1', other.id);
    await renameTag(db.kysely, chapterId, 'u1', tag.id, 'Core team');
    expect(
      await tagPeople(db.kysely, chapterId, 'u1', tag.id, { filter: { pledgeId } }, 'add', clock),
    ).toBe(3);
    expect(
      await tagPeople(db.kysely, chapterId, 'u1', tag.id, { filter: { pledgeId } }, 'add', clock),
    ).toBe(0);
    expect((await listPeople(db.kysely, chapterId, { tagId: tag.id })).total).toBe(3);
    const ada = await idOf('ada@example.org');
    expect(
      await tagPeople(db.kysely, chapterId, 'u1', tag.id, { personIds: [ada] }, 'remove', clock),
    ).toBe(1);
    expect(await listTags(db.kysely, chapterId)).toEqual([
      { id: tag.id, name: 'Core team', people: 2 },
    ]);
    await deleteTag(db.kysely, chapterId, 'u1', tag.id);
    expect(await listTags(db.kysely, chapterId)).toEqual([]);
    // Every change is in the audit log with its organizer; refused ones and no-ops are not.
    // (The test clock stands still: lines compared in any order.)
    expect(await auditLines(['tag.', 'people.'])).toEqual(
      sorted([
        ['tag.created', { name: 'Volunteers' }],
        ['tag.created', { name: 'Élus' }],
        ['tag.renamed', { from: 'Élus', to: 'ÉLUS' }],
        ['tag.deleted', { name: 'ÉLUS', people: 0 }],
        ['tag.renamed', { from: 'Volunteers', to: 'Core team' }],
        ['people.tagged', { tag: 'Core team', people: 3 }],
        ['people.untagged', { tag: 'Core team', people: 1 }],
        ['tag.deleted', { name: 'Core team', people: 2 }],
      ]),
    );
  });
});

function sorted(lines: unknown[][]) {
  return lines.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The chapter's audit lines whose action starts with one of `prefixes`, as [action, details], sorted. */
async function auditLines(prefixes: string[]) {
  const rows = await db.kysely
    .selectFrom('audit_log')
    .select(['action', 'details', 'actor_user_id'])
    .where('chapter_id', '=', chapterId)
    .execute();
  const lines = rows
    .filter((r) => prefixes.some((p) => r.action.startsWith(p)))
    .map((r) => {
      expect(r.actor_user_id).toBe('u1');
      return [r.action, JSON.parse(r.details)];
    });
  return sorted(lines);
}

describe('person page, edit and merge', () => {
  it('shows a timeline, edits, refuses a taken e-mail, and merges a duplicate keeping counts right', async () => {
    const ada = await idOf('ada@example.org');
    const bob = await idOf('bob@example.org');
    await addNote(db.kysely, chapterId, 'u1', ada, 'Met at the stall', clock);
    const view = await getPerson(db.kysely, chapterId, ada);
    expect(view.timeline.map((e) => e.kind)).toContain('consent-given');
    expect(view.timeline.map((e) => e.kind)).toContain('signed');
    expect(view.notes[0]?.body).toBe('Met at the stall');
    await updatePerson(db.kysely, chapterId, 'u1', { personId: ada, name: 'Ada L.' }, clock);
    await expect(
      updatePerson(db.kysely, chapterId, 'u1', { personId: ada, postalCode: '75005!!<>' }, clock),
    ).rejects.toMatchObject({
      fields: { postalCode: 'Letters, digits, spaces and dashes only.' },
    });
    await expect(
      updatePerson(db.kysely, chapterId, 'u1', { personId: ada, email: 'BOB@example.org' }, clock),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const before = (await readCounterSums(db.kysely, [pledgeId])).get(pledgeId);
    const dan = await idOf('dan@example.org');
    await grantConsent(
      db.kysely,
      {
        chapterId,
        personId: dan,
        purpose: 'email_updates',
        text: 'ok',
        locale: 'fr',
        source: 'import:x',
      },
      clock,
    );
    // bob and ada both signed: the merged count goes down by one.
    const result = await mergePeople(db.kysely, chapterId, 'u1', ada, bob, merging);
    expect(result.pledgesChanged).toEqual([pledgeId]);
    const after = (await readCounterSums(db.kysely, [pledgeId])).get(pledgeId);
    expect((after?.confirmed ?? 0) + (after?.pending ?? 0)).toBe(
      (before?.confirmed ?? 0) + (before?.pending ?? 0) - 1,
    );
    await mergePeople(db.kysely, chapterId, 'u1', ada, dan, merging);
    const merged = await getPerson(db.kysely, chapterId, ada);
    expect(merged.data.person.postalCode).toBe('7503');
    expect(merged.data.consents).toHaveLength(2);
    expect((await listPeople(db.kysely, chapterId, {})).total).toBe(3);
    await expect(mergePeople(db.kysely, chapterId, 'u1', ada, ada, merging)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('audit-logs notes (not their text) and a consent an organizer withdraws', async () => {
    const ada = await idOf('ada@example.org');
    const noteId = await addNote(db.kysely, chapterId, 'u1', ada, 'Called back', clock);
    await deleteNote(db.kysely, chapterId, 'u1', noteId, clock);
    await expect(deleteNote(db.kysely, chapterId, 'u1', noteId, clock)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await withdrawConsentFor(db.kysely, chapterId, 'u1', ada, clock)).toBe(2);
    expect(await withdrawConsentFor(db.kysely, chapterId, 'u1', ada, clock)).toBe(0);
    await expect(
      withdrawConsentFor(db.kysely, chapterId, 'u1', 'nobody', clock),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const consents = (await getPerson(db.kysely, chapterId, ada)).data.consents;
    expect(consents.map((c) => c.withdrawnSource)).toEqual(['admin', 'admin']);
    expect(await auditLines(['person.note', 'person.consent'])).toEqual(
      sorted([
        ['person.note_added', {}],
        ['person.note_added', {}],
        ['person.note_deleted', {}],
        ['person.consent_withdrawn', { withdrawn: 2 }],
      ]),
    );
  });
});
