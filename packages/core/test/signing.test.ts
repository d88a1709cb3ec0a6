import { AppError } from '@groundwork/core/errors';
import { createPledge, getPledgeBySlug, setPledgeStatus } from '@groundwork/core/pledges';
import { COUNTER_SHARDS, hashToken, signatureInputFromForm } from '@groundwork/core/signing';
import { describe, expect, it, vi } from 'vitest';

import {
  basePledge,
  chapterId,
  clock,
  db,
  expectCounted,
  publicUrl,
  service,
  usePledgeDatabase,
} from './pledges-fixture.ts';

usePledgeDatabase({ demo: true });

describe('signing', () => {
  it('is idempotent per e-mail and the counter equals the signatures', async () => {
    const pledge = await createPledge(db.kysely, chapterId, basePledge('idem'), clock);
    const signing = service();
    const first = await signing.sign(
      'idem',
      { email: ' Ada@Example.org ', name: 'Ada' },
      { ipHash: 'h' },
    );
    const again = await signing.sign(
      'idem',
      { email: 'ada@example.org', name: 'Eve' },
      { ipHash: 'h' },
    );
    expect(first).toMatchObject({ count: 1, status: 'confirmed' });
    expect(Object.keys(again).sort()).toEqual(Object.keys(first).sort());
    expect(again.status).toBe(first.status);
    expect(again.ref).toBe(first.ref);
    expect(first.shareUrl).toBe(`${publicUrl}/p/idem?ref=${first.ref}`);
    const people = await db.kysely
      .selectFrom('people')
      .selectAll()
      .where('email', '=', 'ada@example.org')
      .execute();
    expect(people.filter((p) => p.chapter_id === chapterId)).toHaveLength(1);
    expect(people.find((p) => p.chapter_id === chapterId)?.name).toBe('Ada');
    await expectCounted(pledge.id, { confirmed: 1 });
    const mails = await db.kysely
      .selectFrom('outbox')
      .select('template')
      .where('to_address', '=', 'ada@example.org')
      .execute();
    expect(mails.map((m) => m.template)).toEqual(['pledge-thanks']);
    expect((await signing.count('idem')).count).toBe(1);
  });

  it('group-commits concurrent signatures, including duplicates inside one batch', async () => {
    const pledge = await createPledge(db.kysely, chapterId, basePledge('batch'), clock);
    const signing = service();
    const emails = Array.from({ length: 300 }, (_, i) => `p${i % 250}@example.org`);
    const results = await Promise.all(
      emails.map((email) => signing.sign('batch', { email }, { ipHash: 'h' })),
    );
    expect(results.every((r) => r.status === 'confirmed')).toBe(true);
    expect(results[0]?.ref).toBe(results[250]?.ref);
    await expectCounted(pledge.id, { confirmed: 250 });
    expect((await signing.count('batch')).count).toBe(250);
  });

  it('keeps pending and confirmed apart and confirms once', async () => {
    const pledge = await createPledge(
      db.kysely,
      chapterId,
      basePledge('confirm-me', { requiresConfirmation: true, countUnconfirmed: false }),
      clock,
    );
    const signing = service();
    const result = await signing.sign(
      'confirm-me',
      { email: 'bob@example.org', consent: true },
      { ipHash: 'h' },
    );
    expect(result).toMatchObject({ status: 'pending', count: 0 });
    await expectCounted(pledge.id, { pending: 1 });
    const mail = await db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('template', '=', 'pledge-confirm')
      .where('to_address', '=', 'bob@example.org')
      .executeTakeFirstOrThrow();
    const confirmUrl: string = JSON.parse(mail.payload).confirmUrl;
    const token = confirmUrl.split('/confirm/')[1] as string;
    expect(confirmUrl.startsWith(`${publicUrl}/confirm/`)).toBe(true);
    const stored = await db.kysely.selectFrom('signature_confirmations').selectAll().execute();
    expect(stored.some((t) => t.token_hash === hashToken(token))).toBe(true);
    expect(stored.some((t) => t.token_hash === token)).toBe(false);
    const confirmed = await signing.confirm(token);
    expect(confirmed.slug).toBe('confirm-me');
    await expectCounted(pledge.id, { confirmed: 1 });
    expect((await signing.count('confirm-me')).count).toBe(1);
    await expect(signing.confirm(token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A repeat after confirmation still says "pending": the answer never tells who signed.
    const repeat = await signing.sign('confirm-me', { email: 'bob@example.org' }, { ipHash: 'h' });
    expect(repeat.status).toBe('pending');
    const consent = await db.kysely.selectFrom('consents').selectAll().executeTakeFirstOrThrow();
    expect(consent.text_shown).toContain('QuitGPT Paris');
    expect(consent.purpose).toBe('email_updates');
  });

  it('counts pending signatures when the pledge says so, and expires links', async () => {
    await createPledge(
      db.kysely,
      chapterId,
      basePledge('count-pending', { requiresConfirmation: true }),
      clock,
    );
    const signing = service();
    const result = await signing.sign('count-pending', { email: 'c@example.org' }, { ipHash: 'h' });
    expect(result).toMatchObject({ status: 'pending', count: 1 });
    const mail = await db.kysely
      .selectFrom('outbox')
      .select('payload')
      .where('to_address', '=', 'c@example.org')
      .executeTakeFirstOrThrow();
    const token = JSON.parse(mail.payload).confirmUrl.split('/confirm/')[1];
    clock.advance(8 * 24 * 3600 * 1000);
    await expect(signing.confirm(token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sends a new link to someone who signs again unconfirmed, at most every ten minutes', async () => {
    const pledge = await createPledge(
      db.kysely,
      chapterId,
      basePledge('resend', { requiresConfirmation: true, countUnconfirmed: false }),
      clock,
    );
    const signing = service();
    const links = async () =>
      (
        await db.kysely
          .selectFrom('outbox')
          .select('payload')
          .where('to_address', '=', 'late@example.org')
          .where('template', '=', 'pledge-confirm')
          .orderBy('id')
          .execute()
      ).map((m) => JSON.parse(m.payload).confirmUrl.split('/confirm/')[1] as string);
    const first = await signing.sign('resend', { email: 'late@example.org' }, { ipHash: 'h' });
    clock.advance(5 * 60 * 1000);
    const soon = await signing.sign('resend', { email: 'late@example.org' }, { ipHash: 'h' });
    expect(soon).toEqual(first);
    expect(await links()).toHaveLength(1);
    clock.advance(8 * 24 * 3600 * 1000); // the first link expired
    const later = await signing.sign('resend', { email: ' LATE@example.org' }, { ipHash: 'h' });
    expect(later).toEqual(first);
    const [old, fresh] = await links();
    await expect(signing.confirm(old as string)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await signing.confirm(fresh as string);
    await expectCounted(pledge.id, { confirmed: 1 });
    // Confirmed: signing again sends nothing more, and nothing is stored twice.
    clock.advance(3600 * 1000);
    await signing.sign('resend', { email: 'late@example.org' }, { ipHash: 'h' });
    expect(await links()).toHaveLength(2);
    const rows = await db.kysely
      .selectFrom('signatures')
      .select('id')
      .where('pledge_id', '=', pledge.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('settles its count on the database after its own batches when other processes write too', async () => {
    const pledge = await createPledge(db.kysely, chapterId, basePledge('reconcile'), clock);
    const signing = service();
    await signing.sign('reconcile', { email: 'r1@example.org' }, { ipHash: 'h' });
    // Five signatures another process committed, whose notification this one never got.
    await db.kysely
      .insertInto('pledge_counters')
      .values({ pledge_id: pledge.id, shard: COUNTER_SHARDS, confirmed: 5, pending: 0 })
      .execute();
    await signing.sign('reconcile', { email: 'r2@example.org' }, { ipHash: 'h' });
    if (db.kind === 'postgres') {
      // Several processes may share the database: a read shortly after the batch settles it.
      await vi.waitFor(async () => expect((await signing.count('reconcile')).count).toBe(7), {
        timeout: 3000,
      });
    } else {
      // SQLite has one writing process, this one: its deltas are the count, no extra reads.
      await new Promise((r) => setTimeout(r, 400));
      expect((await signing.count('reconcile')).count).toBe(2);
    }
  });

  it('records who referred whom and the embedding site', async () => {
    await createPledge(db.kysely, chapterId, basePledge('refs'), clock);
    const signing = service();
    const alice = await signing.sign('refs', { email: 'alice@example.org' }, { ipHash: 'h' });
    await signing.sign(
      'refs',
      { email: 'bea@example.org', ref: alice.ref, source: 'https://ally.example/blog/post?x=1' },
      { ipHash: 'h' },
    );
    await signing.sign('refs', { email: 'carl@example.org', ref: 'unknown1' }, { ipHash: 'h' });
    const rows = await db.kysely
      .selectFrom('signatures as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .select(['p.email', 's.id', 's.referred_by', 's.source', 's.referral_code'])
      .where('s.pledge_id', '=', (await getPledgeBySlug(db.kysely, 'refs'))?.id as string)
      .execute();
    const by = Object.fromEntries(rows.map((r) => [r.email, r]));
    expect(by['bea@example.org']?.referred_by).toBe(by['alice@example.org']?.id);
    expect(by['bea@example.org']?.source).toBe('https://ally.example');
    expect(by['carl@example.org']?.referred_by).toBeNull();
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    await createPledge(db.kysely, chapterId, basePledge('honey'), clock);
    const signing = service();
    const before = await db.kysely.selectFrom('people').select('id').execute();
    const result = await signing.sign(
      'honey',
      { email: 'bot@example.org', website: 'http://spam' },
      { ipHash: 'h' },
    );
    expect(result.status).toBe('confirmed');
    expect(result.ref).toMatch(/^[a-z0-9]{8}$/);
    const after = await db.kysely.selectFrom('people').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('rate limits per pledge and client with Retry-After, unless switched off', async () => {
    await createPledge(db.kysely, chapterId, basePledge('limited'), clock);
    const limited = service({ rateLimits: true });
    await limited.sign('limited', { email: 'r1@example.org' }, { ipHash: 'client-a' });
    const error = await limited
      .sign('limited', { email: 'r2@example.org' }, { ipHash: 'client-a' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfter).toBeGreaterThan(0);
    // Another client is not affected.
    await expect(
      limited.sign('limited', { email: 'r3@example.org' }, { ipHash: 'client-b' }),
    ).resolves.toBeTruthy();
    const open = service({ rateLimits: false });
    for (let i = 0; i < 5; i++) {
      await open.sign('limited', { email: `r-open-${i}@example.org` }, { ipHash: 'client-a' });
    }
    expect((await open.count('limited')).count).toBe(7);
  });

  it('validates answers against the questions, naming the field, and parses forms', async () => {
    const signing = service();
    const error = await signing
      .sign(
        'quit-chatgpt',
        { email: 'q@example.org', answers: { instead: 'nope' } },
        { ipHash: 'h' },
      )
      .catch((e) => e);
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.fields).toHaveProperty('answers.instead');
    const typeError = await signing
      .sign('quit-chatgpt', { email: 42 }, { ipHash: 'h' })
      .catch((e) => e);
    expect(typeError.code).toBe('BAD_REQUEST');
    expect(typeError.fields).toHaveProperty('email');
    const form = new URLSearchParams(
      'email=f%40example.org&name=Fran%C3%A7oise&answers.why=price&answers.why=quality&answers.instead=unsure&consent=on',
    );
    const raw = signatureInputFromForm(form);
    expect(raw).toMatchObject({
      consent: true,
      answers: { why: ['price', 'quality'], instead: 'unsure' },
    });
    const ok = await signing.sign('quit-chatgpt', raw, { ipHash: 'h' });
    expect(ok.status).toBe('confirmed');
    const row = await db.kysely
      .selectFrom('signatures as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .select(['s.answers', 'p.name'])
      .where('p.email', '=', 'f@example.org')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.answers)).toEqual({ why: ['price', 'quality'], instead: 'unsure' });
    expect(row.name).toBe('Françoise');
  });

  it('refuses closed pledges and hides drafts', async () => {
    const pledge = await createPledge(db.kysely, chapterId, basePledge('closing'), clock);
    const signing = service();
    await setPledgeStatus(db.kysely, pledge.id, 'closed', clock);
    signing.invalidate(pledge.id);
    await expect(
      signing.sign('closing', { email: 'z@example.org' }, { ipHash: 'h' }),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
    await setPledgeStatus(db.kysely, pledge.id, 'draft', clock);
    signing.invalidate(pledge.id);
    await expect(signing.count('closing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('notifies subscribers of count changes and refreshes on onCountChanged', async () => {
    const pledge = await createPledge(db.kysely, chapterId, basePledge('live-count'), clock);
    const a = service();
    const b = service();
    const seen: number[] = [];
    await b.count('live-count');
    const stop = b.subscribe('live-count', (v) => seen.push(v.count));
    await a.sign('live-count', { email: 'n1@example.org' }, { ipHash: 'h' });
    // b is "another process": it learns through onCountChanged (the notifier's entry point).
    await b.onCountChanged(pledge.id);
    expect(seen).toEqual([1]);
    expect((await b.count('live-count')).count).toBe(1);
    stop();
  });
});
