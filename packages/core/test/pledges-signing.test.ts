import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { demoPledge, seedDemo } from '@groundwork/core/demo';
import { AppError } from '@groundwork/core/errors';
import {
  createPledge,
  getPledgeBySlug,
  getPublicPledge,
  listPledges,
  type PledgeInput,
  readCounterSums,
  renderMarkdown,
  setPledgeStatus,
  updatePledge,
} from '@groundwork/core/pledges';
import {
  createSigningService,
  hashToken,
  type SigningService,
  signatureInputFromForm,
} from '@groundwork/core/signing';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let chapterId: string;
const clock = manualClock('2026-11-26T10:00:00.000Z');
const publicUrl = 'https://pledge.example';
const secret = 'x'.repeat(40);

const basePledge = (slug: string, extra: Partial<PledgeInput> = {}): PledgeInput => ({
  ...demoPledge,
  slug,
  status: 'live',
  // The defaults (UK petitions numbers), not the demo's looser limit.
  rateLimit: null,
  ...extra,
});

const services: SigningService[] = [];

function service(extra: Partial<Parameters<typeof createSigningService>[0]> = {}): SigningService {
  const signing = createSigningService({
    db: db.kysely,
    clock,
    secret,
    publicUrl,
    rateLimits: false,
    // On a SQLite file, batches go through the writer thread, as in the server.
    ...(db.sqlitePath ? { sqlitePath: db.sqlitePath } : {}),
    ...extra,
  });
  services.push(signing);
  return signing;
}

async function counts(pledgeId: string) {
  const sums = (await readCounterSums(db.kysely, [pledgeId])).get(pledgeId);
  const rows = await db.kysely
    .selectFrom('signatures')
    .select(['status'])
    .where('pledge_id', '=', pledgeId)
    .execute();
  return {
    confirmed: sums?.confirmed ?? 0,
    pending: sums?.pending ?? 0,
    rowsConfirmed: rows.filter((r) => r.status === 'confirmed').length,
    rowsPending: rows.filter((r) => r.status === 'pending').length,
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  chapterId = (
    await createChapter(db.kysely, { slug: 'test-chapter', name: 'Test chapter' }, clock)
  ).id;
});
afterAll(async () => {
  await Promise.all(services.map((s) => s.close()));
  await db.cleanup();
});

describe('pledges', () => {
  it('seeds the live demo pledge in both languages, idempotently', async () => {
    expect(await seedDemo(db.kysely, clock)).toBe(true);
    expect(await seedDemo(db.kysely, clock)).toBe(false);
    const fr = await getPublicPledge(db.kysely, 'quit-chatgpt', undefined, { publicUrl });
    expect(fr.title).toBe('Je résilie mon abonnement ChatGPT');
    expect(fr.locale).toBe('fr');
    expect(fr.goal).toBe(20000);
    expect(fr.nextSteps).toHaveLength(5);
    expect(fr.questions.map((q) => q.kind)).toEqual(['multiple', 'single']);
    const en = await getPublicPledge(db.kysely, 'quit-chatgpt', 'en', { publicUrl });
    expect(en.title).toBe("I'm cancelling my ChatGPT subscription");
    expect(en.questions[0]?.options[0]?.label).toBe("The company's political ties");
    expect(en.shareUrl).toBe(`${publicUrl}/p/quit-chatgpt`);
    expect(en.bodyHtml).toContain('<strong>Cancelling is voting with your wallet.</strong>');
  });

  it('renders Markdown without raw HTML, unsafe links or remote images', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> [x](javascript:alert(1)) [ok](https://a.example) ![img](https://t.example/p.png)',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('href="https://a.example"');
    expect(html).not.toContain('<img');
  });

  it('creates, updates, lists and hides drafts from the public', async () => {
    const draft = await createPledge(
      db.kysely,
      chapterId,
      basePledge('draft-one', { status: 'draft' }),
      clock,
    );
    await expect(getPublicPledge(db.kysely, 'draft-one')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await updatePledge(
      db.kysely,
      draft.id,
      basePledge('draft-one', { status: 'draft', goal: 77 }),
      clock,
    );
    expect((await getPledgeBySlug(db.kysely, 'draft-one'))?.goal).toBe(77);
    await setPledgeStatus(db.kysely, draft.id, 'live', clock);
    expect((await getPublicPledge(db.kysely, 'draft-one')).status).toBe('live');
    const list = await listPledges(db.kysely, chapterId);
    expect(list.map((p) => p.slug)).toContain('draft-one');
    const taken = await createPledge(db.kysely, chapterId, basePledge('draft-one'), clock).catch(
      (e) => e,
    );
    expect(taken).toBeInstanceOf(AppError);
    expect(taken.fields).toHaveProperty('slug');
  });

  it('refuses a choice question without options, naming the field', async () => {
    const error = await createPledge(
      db.kysely,
      chapterId,
      basePledge('bad-question', {
        questions: [
          { id: 'q', kind: 'single', required: true, label: { fr: 'Q', en: 'Q' }, options: [] },
        ],
      }),
    ).catch((e) => e);
    expect(error.fields).toHaveProperty('questions.0.options');
  });
});

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
    expect(await counts(pledge.id)).toEqual({
      confirmed: 1,
      pending: 0,
      rowsConfirmed: 1,
      rowsPending: 0,
    });
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
    expect(await counts(pledge.id)).toEqual({
      confirmed: 250,
      pending: 0,
      rowsConfirmed: 250,
      rowsPending: 0,
    });
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
    expect(await counts(pledge.id)).toEqual({
      confirmed: 0,
      pending: 1,
      rowsConfirmed: 0,
      rowsPending: 1,
    });
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
    expect(await counts(pledge.id)).toEqual({
      confirmed: 1,
      pending: 0,
      rowsConfirmed: 1,
      rowsPending: 0,
    });
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
