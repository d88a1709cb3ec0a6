/**
 * Signing mails during a spike (`signing/mail-relay.ts`): a batch of DEFER_MAILS_FROM
 * signatures or more records its mails as owed, and the relay queues each one once, oldest
 * first, with what a small batch would have queued at once.
 */

import { createPledge, type Pledge } from '@groundwork/core/pledges';
import { erasePerson } from '@groundwork/core/privacy';
import {
  confirmSignature,
  DEFER_MAILS_FROM,
  relaySigningMails,
  validateSignature,
  writeSignatures,
} from '@groundwork/core/signing';
import { describe, expect, it } from 'vitest';

import {
  basePledge,
  chapterId,
  clock,
  db,
  publicUrl,
  service,
  usePledgeDatabase,
} from './pledges-fixture.ts';

usePledgeDatabase();

const options = { publicUrl, clock };

/** Writes one batch, as the writer does, for these addresses. */
function writeBatch(pledge: Pledge, emails: string[]) {
  const items = emails.map((email) => ({
    pledge,
    chapterName: 'Test chapter',
    signature: validateSignature(pledge, { email }),
  }));
  return db.kysely.transaction().execute((trx) => writeSignatures(trx, items, options));
}

const emails = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${i}@example.org`);

/** The outbox rows of the pledge's signers, by address. */
async function mails(pledge: Pledge) {
  const rows = await db.kysely
    .selectFrom('outbox')
    .innerJoin('signatures', 'signatures.person_id', 'outbox.person_id')
    .select(['outbox.to_address', 'outbox.template', 'outbox.payload', 'signatures.id'])
    .where('signatures.pledge_id', '=', pledge.id)
    .orderBy('outbox.to_address')
    .execute();
  return rows.map((r) => ({
    to: r.to_address,
    template: r.template,
    ...JSON.parse(r.payload),
    signature: r.id,
  }));
}

/** A live pledge (confirmation optional) for one test. */
const pledgeFor = (slug: string, requiresConfirmation = false) =>
  createPledge(db.kysely, chapterId, basePledge(slug, { requiresConfirmation }), clock);

async function owed(pledge: Pledge) {
  const rows = await db.kysely
    .selectFrom('signature_mails')
    .innerJoin('signatures', 'signatures.id', 'signature_mails.signature_id')
    .select('signature_mails.signature_id')
    .where('signatures.pledge_id', '=', pledge.id)
    .execute();
  return rows.length;
}

// A signing service relays what is owed when it starts (its writer thread a moment later) and
// after its own big batches: the first two tests, which owe mails directly, start none.
describe('signing mails during a spike', () => {
  it('owes a big batch its mails, and the relay queues each once, oldest first', async () => {
    const pledge = await pledgeFor('spike', true);
    const big = emails('big', DEFER_MAILS_FROM);
    expect((await writeBatch(pledge, big)).mailsOwed).toBe(DEFER_MAILS_FROM);
    expect(await mails(pledge)).toEqual([]);
    expect(await owed(pledge)).toBe(DEFER_MAILS_FROM);

    // One signature fewer is no spike: its mails are queued in its own transaction.
    const small = emails('small', DEFER_MAILS_FROM - 1);
    expect((await writeBatch(pledge, small)).mailsOwed).toBe(0);
    expect(await mails(pledge)).toHaveLength(DEFER_MAILS_FROM - 1);

    expect(await relaySigningMails(db.kysely, { ...options, limit: 10 })).toBe(10);
    expect(await owed(pledge)).toBe(DEFER_MAILS_FROM - 10);
    expect(await relaySigningMails(db.kysely, options)).toBe(DEFER_MAILS_FROM - 10);
    expect(await relaySigningMails(db.kysely, options)).toBe(0);

    const queued = await mails(pledge);
    expect(queued.map((m) => m.to).sort()).toEqual([...big, ...small].sort());
    for (const m of queued) {
      expect(m).toMatchObject({ template: 'pledge-confirm', signatureId: m.signature });
      expect(m.confirmUrl).toMatch(/^https:\/\/pledge\.example\/confirm\/[\w-]+$/);
    }
    // A relayed link works like any other.
    const link = queued.find((m) => m.to === big[0]);
    const token = String(link?.confirmUrl).split('/').pop() as string;
    expect((await confirmSignature(db.kysely, token, clock, { publicUrl })).slug).toBe('spike');
    const signature = await db.kysely
      .selectFrom('signatures')
      .select('status')
      .where('id', '=', String(link?.signatureId))
      .executeTakeFirstOrThrow();
    expect(signature.status).toBe('confirmed');
  });

  it('owes nothing to a person erased before the relay, nor a second link to a repeat', async () => {
    const pledge = await pledgeFor('erased', true);
    const big = emails('erased', DEFER_MAILS_FROM);
    await writeBatch(pledge, big);
    const person = await db.kysely
      .selectFrom('people')
      .select('id')
      .where('email', '=', big[0] as string)
      .executeTakeFirstOrThrow();
    await erasePerson(
      db.kysely,
      { chapterId, personId: person.id, actorUserId: null, via: 'admin' },
      clock,
    );
    // Signing again while the link is still owed: answered as usual, no second link.
    expect((await writeBatch(pledge, [big[1] as string])).items[0]?.inserted).toBe(false);
    expect(await mails(pledge)).toEqual([]);

    expect(await relaySigningMails(db.kysely, options)).toBe(DEFER_MAILS_FROM - 1);
    const queued = await mails(pledge);
    expect(queued.map((m) => m.to).sort()).toEqual(big.slice(1).sort());
  });

  it('relays, once started, what an earlier process left owed', async () => {
    const pledge = await pledgeFor('left');
    const left = emails('left', DEFER_MAILS_FROM);
    await writeBatch(pledge, left);
    expect(await owed(pledge)).toBe(DEFER_MAILS_FROM);
    service();
    const deadline = Date.now() + 10_000;
    while ((await owed(pledge)) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await mails(pledge)).map((m) => m.to).sort()).toEqual([...left].sort());
  });

  it('reaches the outbox through the signing service, one mail per signature', async () => {
    await pledgeFor('rush');
    const signing = service();
    const rush = emails('rush', 3 * DEFER_MAILS_FROM);
    // All in one turn of the event loop: the batcher hands them over together.
    await Promise.all(rush.map((email) => signing.sign('rush', { email }, { ipHash: 'h' })));
    const pledge = await db.kysely
      .selectFrom('pledges')
      .select('id')
      .where('slug', '=', 'rush')
      .executeTakeFirstOrThrow();
    const deadline = Date.now() + 10_000;
    let queued = await mails(pledge as Pledge);
    while (queued.length < rush.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      queued = await mails(pledge as Pledge);
    }
    expect(queued.map((m) => m.to).sort()).toEqual([...rush].sort());
    for (const m of queued)
      expect(m).toMatchObject({ template: 'pledge-thanks', signatureId: m.signature });
    expect(await owed(pledge as Pledge)).toBe(0);
  });
});
