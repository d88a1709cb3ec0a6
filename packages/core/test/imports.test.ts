import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { importPeople } from '@groundwork/core/imports';
import { listPeople, listTags } from '@groundwork/core/people';
import { consentLedger, grantConsent, withdrawConsent } from '@groundwork/core/privacy';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let chapterId: string;
const clock = manualClock('2026-11-26T10:00:00.000Z');

async function* chunks(text: string, size = 7) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const mapping = {
  email: 'E-mail',
  name: 'Nom',
  consent: 'Newsletter',
  tags: 'Tags',
  consentText: 'I want the newsletter',
  defaultLocale: 'en' as const,
};

beforeAll(async () => {
  db = await createTestDatabase();
  chapterId = (await createChapter(db.kysely, { slug: 'imp', name: 'Imports' }, clock)).id;
  const now = clock.now().toISOString();
  await db.kysely
    .insertInto('people')
    .values({
      id: 'old',
      chapter_id: chapterId,
      email: 'known@example.org',
      name: null,
      postal_code: null,
      locale: 'fr',
      created_at: now,
      updated_at: now,
      source: null,
    })
    .execute();
  await grantConsent(
    db.kysely,
    {
      chapterId,
      personId: 'old',
      purpose: 'email_updates',
      text: 'x',
      locale: 'fr',
      source: 'pledge:p',
    },
    clock,
  );
  await withdrawConsent(db.kysely, { personId: 'old', source: 'unsubscribe' }, clock);
});
afterAll(() => db.cleanup());

const csv = [
  '\uFEFFE-mail,Nom,Newsletter,Tags',
  'ana@example.org,Ana,yes,Volunteers; Paris',
  'not-an-email,Bad,yes,',
  'ANA@example.org,Ana again,yes,',
  'known@example.org,Known,oui,Paris',
  ',empty,,',
  'bo@example.org,"Bo, ""the"" builder",no,',
].join('\r\n');

describe('CSV import', () => {
  it('dry-runs a report without writing anything', async () => {
    const report = await importPeople(
      db.kysely,
      chapterId,
      null,
      chunks(csv),
      mapping,
      { dryRun: true },
      clock,
    );
    expect(report).toMatchObject({
      rows: 6,
      valid: 3,
      invalid: 2,
      new: 2,
      updated: 1,
      duplicates: 1,
      fatal: null,
    });
    expect(report.errors).toEqual([
      { line: 3, reason: 'email: not an e-mail address' },
      { line: 6, reason: 'email: empty' },
    ]);
    expect((await listPeople(db.kysely, chapterId, {})).total).toBe(1);
  });

  it('imports the valid rows with consent only where the column says so, never re-subscribing', async () => {
    const report = await importPeople(
      db.kysely,
      chapterId,
      null,
      chunks(csv),
      mapping,
      { dryRun: false },
      clock,
    );
    expect(report).toMatchObject({ new: 2, updated: 1, invalid: 2, duplicates: 1 });
    const people = await listPeople(db.kysely, chapterId, { sort: 'email', order: 'asc' });
    expect(people.items.map((p) => [p.email, p.name, p.consent])).toEqual([
      ['ana@example.org', 'Ana', true],
      ['bo@example.org', 'Bo, "the" builder', false],
      ['known@example.org', 'Known', false],
    ]);
    const ana = people.items[0]?.id ?? '';
    const ledger = await consentLedger(db.kysely, ana);
    expect(ledger[0]).toMatchObject({
      text: 'I want the newsletter',
      source: `import:${report.importId}`,
    });
    expect((await listTags(db.kysely, chapterId)).map((t) => [t.name, t.people])).toEqual([
      ['Paris', 2],
      ['Volunteers', 1],
    ]);
    const audit = await db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', report.importId)
      .execute();
    expect(audit).toEqual([{ action: 'people.imported' }]);
  });

  it('counts in its report only the consents it writes (or would write)', async () => {
    // ana already has this text's grant, known withdrew: only cy gets a consent row.
    const again = [
      'E-mail,Nom,Newsletter,Tags',
      'ana@example.org,Ana,yes,',
      'known@example.org,Known,yes,',
      'cy@example.org,Cy,yes,',
    ].join('\n');
    const run = (dryRun: boolean) =>
      importPeople(db.kysely, chapterId, null, chunks(again), mapping, { dryRun }, clock);
    const rowsBefore = await db.kysely.selectFrom('consents').select('id').execute();
    expect((await run(true)).consents).toBe(1);
    expect((await run(false)).consents).toBe(1);
    const rowsAfter = await db.kysely.selectFrom('consents').select('id').execute();
    expect(rowsAfter.length - rowsBefore.length).toBe(1);
  });

  it("files people under the chapter's tag whatever the case the file writes it in", async () => {
    const recased = [
      'E-mail,Nom,Newsletter,Tags',
      'dee@example.org,Dee,no,VOLUNTEERS; paris; New team',
      'eli@example.org,Eli,no,new TEAM',
    ].join('\n');
    await importPeople(
      db.kysely,
      chapterId,
      null,
      chunks(recased),
      mapping,
      { dryRun: false },
      clock,
    );
    expect((await listTags(db.kysely, chapterId)).map((t) => [t.name, t.people])).toEqual([
      ['New team', 2],
      ['Paris', 3],
      ['Volunteers', 2],
    ]);
  });

  it('reports a malformed file or a missing column instead of crashing', async () => {
    const broken = 'E-mail,Nom\n"unterminated@example.org,Ana\n';
    const bad = await importPeople(
      db.kysely,
      chapterId,
      null,
      chunks(broken),
      { email: 'E-mail' },
      { dryRun: false },
      clock,
    );
    expect(bad.fatal).toMatch(/cannot be read as CSV/);
    const missing = await importPeople(
      db.kysely,
      chapterId,
      null,
      chunks('Mail\na@example.org\n'),
      { email: 'E-mail' },
      { dryRun: true },
      clock,
    );
    expect(missing.fatal).toBe('Columns not in the file: E-mail');
    await expect(
      importPeople(
        db.kysely,
        chapterId,
        null,
        chunks(csv),
        { email: 'E-mail', consent: 'Newsletter' },
        { dryRun: true },
        clock,
      ),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
