/**
 * The organizers' pledge pages over tRPC (caller and real port) and the CSV export route.
 */
import { createChapter } from '@groundwork/core/chapters';
import { seedSignatures } from '@groundwork/core/pledges/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, createTestUser, sessionCookie, trpc } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let chapterId: string;
let organizer: { id: string };
let viewer: { id: string };

const form = {
  slug: 'quit-test',
  goal: 500,
  defaultLocale: 'fr' as const,
  askPostalCode: true,
  requiresConfirmation: false,
  countUnconfirmed: true,
  proofOfWork: false,
  rateLimit: { burst: { points: 2, seconds: 60 }, sustained: { points: 10, seconds: 600 } },
  questions: [
    {
      id: 'why',
      kind: 'single' as const,
      required: false,
      label: { fr: 'Pourquoi ?', en: 'Why?' },
      options: [
        { id: 'privacy', label: { fr: 'Vie privée', en: 'Privacy' } },
        { id: 'price', label: { fr: 'Prix', en: 'Price' } },
      ],
    },
  ],
  translations: {
    fr: {
      title: 'Je résilie',
      body: '**Ensemble** <script>x</script>',
      consentText: 'Tenez-moi au courant.',
      shareText: "J'ai résilié !",
      nextSteps: ['Trouver la section abonnement', 'Annuler'],
    },
    en: { title: 'I cancel', body: 'Together', consentText: '', shareText: '', nextSteps: [] },
  },
};

const cookieFor = (userId: string) => sessionCookie(server.ctx, userId);

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: 'off' });
  chapterId = (
    await createChapter(server.ctx.db.kysely, {
      slug: 'paris',
      name: 'Paris',
      timeZone: 'Europe/Paris',
    })
  ).id;
  organizer = await createTestUser(server.ctx, { chapterId, role: 'organizer' });
  viewer = await createTestUser(server.ctx, { chapterId, role: 'viewer' });
});
afterAll(() => server.stop());

describe('pledges.* procedures', () => {
  let pledgeId: string;

  it('creates a pledge with every field, previews it, publishes it, and the public sees it', async () => {
    const caller = await callerAs(server.ctx, organizer.id);
    const created = await caller.pledges.create({ chapterId, ...form });
    pledgeId = created.id;
    expect(created).toMatchObject({
      status: 'draft',
      askPostalCode: true,
      rateLimit: form.rateLimit,
    });
    expect(created.translations.fr?.nextSteps).toEqual(form.translations.fr.nextSteps);

    const preview = await caller.pledges.preview({ chapterId, body: form.translations.fr.body });
    expect(preview.bodyHtml).toContain('<strong>Ensemble</strong>');
    expect(preview.bodyHtml).not.toContain('<script>');

    expect((await fetch(`${server.url}/api/v1/pledges/quit-test`)).status).toBe(404);
    await caller.pledges.publish({ chapterId, pledgeId });
    const res = await fetch(`${server.url}/api/v1/pledges/quit-test`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { title: string }).title).toBe('Je résilie');

    // Saving the form keeps the status (publish/close change it), whatever the form says.
    const updated = await caller.pledges.update({
      chapterId,
      pledgeId,
      ...form,
      goal: 900,
      status: 'draft',
    });
    expect(updated).toMatchObject({ goal: 900, status: 'live' });
    const list = await caller.pledges.list({ chapterId });
    expect(list).toEqual([
      expect.objectContaining({ id: pledgeId, title: 'Je résilie', goal: 900 }),
    ]);
  });

  it('rejects a bad form with field errors, and a slug taken by another pledge', async () => {
    const caller = await callerAs(server.ctx, organizer.id);
    const bad = await caller.pledges
      .create({ chapterId, ...form, slug: 'Bad Slug', goal: 0 })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'BAD_REQUEST' });
    const taken = await caller.pledges.create({ chapterId, ...form }).catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: 'CONFLICT' });
  });

  it('lists signatures signed over HTTP, searches them and shows a detail (viewer, real port)', async () => {
    for (const [email, name] of [
      ['ana@example.org', 'Ana Łukasik'],
      ['bo@example.org', 'Bo'],
    ]) {
      const signed = await fetch(`${server.url}/api/v1/pledges/quit-test/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://ally.example' },
        body: JSON.stringify({
          email,
          name,
          answers: { why: 'privacy' },
          consent: true,
          source: 'https://ally.example',
        }),
      });
      expect(signed.status).toBe(201);
    }
    const request = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
    const cookie = await cookieFor(viewer.id);
    const page = await trpc(
      request,
      'pledges.signatures',
      { chapterId, pledgeId, search: 'łUKA' },
      { cookie, query: true },
    );
    expect(page.status).toBe(200);
    const data = page.body.result.data;
    expect(data.total).toBe(1);
    expect(data.items[0]).toMatchObject({
      email: 'ana@example.org',
      source: 'https://ally.example',
    });

    const caller = await callerAs(server.ctx, viewer.id);
    const detail = await caller.pledges.signature({ chapterId, signatureId: data.items[0].id });
    expect(detail.answers[0]?.values[0]?.label).toEqual({ fr: 'Vie privée', en: 'Privacy' });
    expect(detail.consent?.textShown).toBe('Tenez-moi au courant.');
    expect(detail.timeline.map((e) => e.kind)).toContain('mail');

    const stats = await caller.pledges.stats({ chapterId, pledgeId, days: 7 });
    expect(stats.bySource).toEqual([{ source: 'https://ally.example', count: 2 }]);
    expect(stats.perDay.reduce((n, d) => n + d.count, 0)).toBe(2);
    const viewerEdit = await caller.pledges.close({ chapterId, pledgeId }).catch((e: unknown) => e);
    expect(viewerEdit).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('GET /admin/api/pledges/:id/signatures.csv', () => {
  let pledgeId: string;
  const hostile = [
    '=HYPERLINK("https://evil.example","x")',
    '+33 6 12',
    '-2+3',
    '@SUM(A1)',
    '\tTab',
    '\rReturn',
    'Comma, "quote"\nnewline',
  ];

  beforeAll(async () => {
    const caller = await callerAs(server.ctx, organizer.id);
    pledgeId = (await caller.pledges.create({ chapterId, ...form, slug: 'export-me' })).id;
    await seedSignatures(server.ctx.db.kysely, { chapterId, pledgeId }, 10_000, (i) => ({
      name: i < hostile.length ? hostile[i] : `Signer ${i}`,
      answers: { why: 'price' },
    }));
  });

  // Through app.request (no socket): after the long seeding, undici's kept-alive sockets from
  // the tests above were closed by the server and the next fetch may hit ECONNRESET.
  const fetch = (path: string, init?: RequestInit) =>
    Promise.resolve(server.app.request(path.slice(server.url.length), init));
  const url = (query = '') =>
    `${server.url}/admin/api/pledges/${pledgeId}/signatures.csv?chapterId=${chapterId}${query}`;

  it('needs a session and the organizer role', async () => {
    const get = (headers: Record<string, string> = {}) => fetch(url(), { headers });
    expect((await get()).status).toBe(401);
    const asViewer = await get({ cookie: await cookieFor(viewer.id) });
    expect(asViewer.status).toBe(403);
    expect(((await asViewer.json()) as any).error.code).toBe('FORBIDDEN');
    const crossSite = await get({
      cookie: await cookieFor(organizer.id),
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
  });

  it('streams 10,000 rows in batches, formula-safe and quoted, and audit-logs the export', async () => {
    const res = await fetch(url(), { headers: { cookie: await cookieFor(organizer.id) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="signatures-/);
    // The streaming shape: many chunks, none near the size of the whole file.
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(total / 5);

    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith('\uFEFFsigned_at,status,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]?.endsWith(',Pourquoi ?')).toBe(true);
    expect(lines[1]).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(lines[2]).toContain(",'+33 6 12,");
    expect(lines[3]).toContain(",'-2+3,");
    expect(lines[4]).toContain(",'@SUM(A1),");
    expect(lines[5]).toContain(",'\tTab,");
    expect(lines[6]).toContain(`,"'\rReturn",`);
    // A newline inside a quoted cell is data, not a new record.
    expect(text).toContain('"Comma, ""quote""\nnewline"');
    expect(lines[1]?.endsWith(',Prix')).toBe(true);
    expect(text.match(/@example\.org/g)).toHaveLength(10_000);

    const audit = await server.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['actor_user_id', 'target', 'details'])
      .where('action', '=', 'signatures.exported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(organizer.id);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({
      rows: 10_000,
      completed: true,
      filter: { pledgeId },
    });
  });

  it('applies the table filters and validates them', async () => {
    const cookie = await cookieFor(organizer.id);
    const res = await fetch(url('&search=signer%2099'), { headers: { cookie } });
    const rows = (await res.text()).trim().split('\r\n');
    expect(rows).toHaveLength(1 + 111); // 99, 990–999, 9900–9999
    // A broad search (more than 1,000 people match) takes the subquery path.
    const broad = await callerAs(server.ctx, viewer.id).then((c) =>
      c.pledges.signatures({ chapterId, pledgeId, search: 'signer 1', limit: 200 }),
    );
    expect(broad.total).toBe(1110); // 10–19, 100–199, 1000–1999 (signer 1 has a hostile name)
    const broadCsv = await fetch(url('&search=signer%201'), { headers: { cookie } });
    expect((await broadCsv.text()).trim().split('\r\n')).toHaveLength(1 + 1110);
    const bad = await fetch(url('&from=yesterday'), { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.fields).toHaveProperty('from');
    const other = await fetch(
      `${server.url}/admin/api/pledges/nope/signatures.csv?chapterId=${chapterId}`,
      { headers: { cookie } },
    );
    expect(other.status).toBe(404);
  });
});
