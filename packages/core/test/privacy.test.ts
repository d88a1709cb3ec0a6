import { readFileSync } from 'node:fs';
import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { demoPledge } from '@groundwork/core/demo';
import { createPledge, readCounterSums, setPledgeStatus } from '@groundwork/core/pledges';
import {
  consentLedger,
  EMAIL_UPDATES,
  erasePerson,
  grantConsent,
  loadMyData,
  myDataLinks,
  retentionPlan,
  runRetention,
  signLinkToken,
  verifyLinkToken,
  withdrawConsent,
} from '@groundwork/core/privacy';
import { createSigningService } from '@groundwork/core/signing';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let chapterId: string;
const clock = manualClock('2026-11-26T10:00:00.000Z');
const publicUrl = 'https://pledge.example';
const secret = 's'.repeat(40);

function signing() {
  return createSigningService({ db: db.kysely, clock, secret, publicUrl, rateLimits: false });
}

async function personOf(email: string) {
  return db.kysely
    .selectFrom('people')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  db = await createTestDatabase();
  chapterId = (await createChapter(db.kysely, { slug: 'priv', name: 'Privacy chapter' }, clock)).id;
  await createPledge(
    db.kysely,
    chapterId,
    { ...demoPledge, slug: 'priv-pledge', status: 'live' },
    clock,
  );
});
afterAll(() => db.cleanup());

describe('link tokens', () => {
  it('verify for their purpose only, and expire', () => {
    const later = new Date('2026-11-26T11:00:00Z');
    const token = signLinkToken(secret, 'my-data', 'P1', later);
    expect(verifyLinkToken(secret, 'my-data', token, clock.now())).toBe('P1');
    expect(verifyLinkToken(secret, 'unsubscribe', token, clock.now())).toBeNull();
    expect(verifyLinkToken('other'.repeat(8), 'my-data', token, clock.now())).toBeNull();
    expect(verifyLinkToken(secret, 'my-data', token, new Date('2026-11-26T11:00:01Z'))).toBeNull();
    expect(verifyLinkToken(secret, 'my-data', token.replace('P1', 'P2'), clock.now())).toBeNull();
    expect(verifyLinkToken(secret, 'my-data', 'garbage', clock.now())).toBeNull();
  });
});

describe('consent ledger', () => {
  it('records the signing consent with its text version and an unsubscribe link in the mail', async () => {
    const s = signing();
    await s.sign('priv-pledge', { email: 'ledger@example.org', consent: true }, { ipHash: 'h' });
    await s.close?.();
    const person = await personOf('ledger@example.org');
    const ledger = await consentLedger(db.kysely, person.id);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]?.purpose).toBe(EMAIL_UPDATES);
    expect(ledger[0]?.source).toBe('pledge:priv-pledge');
    const version = await db.kysely
      .selectFrom('consent_texts')
      .selectAll()
      .where('hash', '=', ledger[0]?.textHash ?? '')
      .executeTakeFirst();
    expect(version?.text).toBe(ledger[0]?.text);
    const mail = await db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    // Queued as a reference; the link is signed when the mail is sent (as the worker does).
    const expanded = await s.expandMail(mail);
    const headers = expanded?.headers ?? {};
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = headers['List-Unsubscribe']?.slice(1, -1) ?? '';
    expect((expanded?.data as { unsubscribeUrl?: string } | undefined)?.unsubscribeUrl).toBe(url);
    const token = url.split('/unsubscribe/')[1] ?? '';
    expect(verifyLinkToken(secret, 'unsubscribe', token, clock.now())).toBe(person.id);
  });

  it('withdraws every current grant once, and a new grant is a new row', async () => {
    const person = await personOf('ledger@example.org');
    expect(
      await withdrawConsent(db.kysely, { personId: person.id, source: 'unsubscribe' }, clock),
    ).toBe(1);
    expect(
      await withdrawConsent(db.kysely, { personId: person.id, source: 'unsubscribe' }, clock),
    ).toBe(0);
    const grant = {
      chapterId,
      personId: person.id,
      purpose: EMAIL_UPDATES,
      text: 'Yes please',
      locale: 'en',
      source: 'my-data',
    };
    expect(await grantConsent(db.kysely, grant, clock)).toBe(true);
    expect(await grantConsent(db.kysely, grant, clock)).toBe(false);
    const ledger = await consentLedger(db.kysely, person.id);
    expect(ledger.map((c) => [c.withdrawnSource, c.withdrawnAt === null])).toEqual([
      ['unsubscribe', false],
      [null, true],
    ]);
  });
});

describe('my data and erasure', () => {
  const email = 'zephyrine.quetzal@example.org';
  const name = 'Zéphyrine Quetzalcoatl';

  it('shows everything stored, then erasure leaves no byte of the e-mail or name and the count unchanged', async () => {
    const s = signing();
    await s.sign(
      'priv-pledge',
      { email, name, consent: true, postalCode: '75011' },
      { ipHash: 'h' },
    );
    const person = await personOf(email);
    const links = await myDataLinks(db.kysely, email.toUpperCase(), { secret, publicUrl }, clock);
    expect(links).toHaveLength(1);
    expect(
      await myDataLinks(db.kysely, 'nobody@example.org', { secret, publicUrl }, clock),
    ).toEqual([]);
    const data = await loadMyData(db.kysely, person.id);
    expect(data?.person.name).toBe(name);
    expect(data?.signatures.map((x) => x.pledge)).toEqual(['priv-pledge']);
    expect(data?.consents).toHaveLength(1);
    expect(data?.mails.length).toBeGreaterThan(0);

    const pledge = await db.kysely
      .selectFrom('pledges')
      .select('id')
      .where('slug', '=', 'priv-pledge')
      .executeTakeFirstOrThrow();
    const before = (await readCounterSums(db.kysely, [pledge.id])).get(pledge.id);
    const rowsBefore = await db.kysely
      .selectFrom('signatures')
      .select('id')
      .where('pledge_id', '=', pledge.id)
      .execute();

    await erasePerson(
      db.kysely,
      { chapterId, personId: person.id, actorUserId: null, via: 'my-data' },
      clock,
    );

    expect(await loadMyData(db.kysely, person.id)).toBeUndefined();
    expect((await readCounterSums(db.kysely, [pledge.id])).get(pledge.id)).toEqual(before);
    const rowsAfter = await db.kysely
      .selectFrom('signatures')
      .select('id')
      .where('pledge_id', '=', pledge.id)
      .execute();
    expect(rowsAfter).toHaveLength(rowsBefore.length);
    const audit = await db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('target', '=', person.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['person.erased']);

    if (db.kind === 'sqlite') {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db.kysely);
      const raw = readFileSync(db.url.replace(/^file:/, ''));
      expect(raw.includes(Buffer.from(email))).toBe(false);
      expect(raw.includes(Buffer.from(name))).toBe(false);
      expect(raw.includes(Buffer.from('Quetzalcoatl'))).toBe(false);
      // The control: a person who was not erased is in the file.
      expect(raw.includes(Buffer.from('ledger@example.org'))).toBe(true);
    } else {
      const left = await db.kysely
        .selectFrom('people')
        .select('id')
        .where('email', '=', email)
        .execute();
      expect(left).toEqual([]);
    }
    await s.close?.();
  });

  it('refuses to erase an unknown or already erased person', async () => {
    await expect(
      erasePerson(
        db.kysely,
        { chapterId, personId: 'nope', actorUserId: null, via: 'admin' },
        clock,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('retention', () => {
  it('anonymises signatures of pledges closed longer than the period, keeping counts', async () => {
    const pledge = await createPledge(
      db.kysely,
      chapterId,
      { ...demoPledge, slug: 'old-pledge', status: 'live' },
      clock,
    );
    const s = signing();
    await s.sign('old-pledge', { email: 'old1@example.org', name: 'Old One' }, { ipHash: 'h' });
    await s.sign(
      'old-pledge',
      { email: 'ledger@example.org', name: 'Keeps consent' },
      { ipHash: 'h' },
    );
    await s.close?.();
    await setPledgeStatus(db.kysely, pledge.id, 'closed', clock);
    const plan = await retentionPlan(db.kysely, chapterId);
    const item = plan.items.find((i) => i.slug === 'old-pledge');
    expect(plan.months).toBe(6);
    expect(item?.anonymiseAt).toBe('2027-05-26T10:00:00.000Z');
    expect(item?.signatures).toBe(2);
    expect(await runRetention(db.kysely, clock)).toBe(0);
    const before = (await readCounterSums(db.kysely, [pledge.id])).get(pledge.id);
    clock.set(new Date('2027-05-27T00:00:00Z'));
    expect(await runRetention(db.kysely, clock)).toBe(2);
    expect((await readCounterSums(db.kysely, [pledge.id])).get(pledge.id)).toEqual(before);
    const erased = await db.kysely
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'old1@example.org')
      .execute();
    expect(erased).toEqual([]);
    // The person with a current consent stays; only their old signature is detached.
    const kept = await personOf('ledger@example.org');
    const sigs = await db.kysely
      .selectFrom('signatures')
      .select('pledge_id')
      .where('person_id', '=', kept.id)
      .execute();
    expect(sigs.map((x) => x.pledge_id)).not.toContain(pledge.id);
    expect(
      (await retentionPlan(db.kysely, chapterId)).items.find((i) => i.slug === 'old-pledge')
        ?.signatures,
    ).toBe(0);
  });
});
