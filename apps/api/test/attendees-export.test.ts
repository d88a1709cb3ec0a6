/**
 * The attendee CSV export (`GET /admin/api/events/:eventId/attendees.csv`): who may download
 * it, and that an event of more than 5,000 RSVPs arrives whole, streamed and formula-safe.
 */
import { seedRsvps } from '@groundwork/core/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, createTestChapter, createTestUser, sessionCookie } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const count = 6_001;
let server: TestServer;
let chapterId: string;
let otherChapterId: string;
let eventId: string;
let organizer: { id: string };
let viewer: { id: string };
let outsider: { id: string };

const cookieFor = (userId: string) => sessionCookie(server.ctx, userId);

const event = (slug: string) => ({
  slug,
  status: 'published' as const,
  title: { fr: 'Soirée' },
  timeZone: 'Europe/Paris',
  startsLocal: '2027-01-15T19:00',
  endsLocal: '2027-01-15T21:00',
  questions: [
    {
      id: 'topics',
      kind: 'multiple' as const,
      label: { fr: 'Sujets' },
      options: [
        { id: 'mail', label: { fr: 'Mail' } },
        { id: 'cloud', label: { fr: 'Cloud' } },
      ],
    },
  ],
});

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: 'off' });
  chapterId = (await createTestChapter(server.ctx)).id;
  otherChapterId = (await createTestChapter(server.ctx, 'Other chapter')).id;
  organizer = await createTestUser(server.ctx, { chapterId, role: 'organizer' });
  viewer = await createTestUser(server.ctx, { chapterId, role: 'viewer' });
  outsider = await createTestUser(server.ctx, { chapterId: otherChapterId, role: 'owner' });
  const caller = await callerAs(server.ctx, organizer.id);
  eventId = (await caller.events.create({ chapterId, ...event('big-party') })).id;
  await seedRsvps(server.ctx.db.kysely, { chapterId, eventId }, count, (i) => ({
    ...(i === 0 ? { name: '=HYPERLINK("https://evil.example","x")' } : {}),
    ...(i === 1 ? { answers: { topics: ['mail', 'cloud'] } } : {}),
    ...(i % 10 === 3 ? { status: 'waitlisted' as const } : {}),
    ...(i === count - 1 ? { status: 'cancelled' as const, name: 'Last, "one"' } : {}),
  }));
});
afterAll(() => server.stop());

const path = (id = eventId, chapter = chapterId) =>
  `/admin/api/events/${id}/attendees.csv?chapterId=${chapter}`;

describe('GET /admin/api/events/:eventId/attendees.csv', () => {
  it('needs a session and the organizer role in the event’s chapter', async () => {
    const get = async (headers: Record<string, string>, url = path()) =>
      (await server.app.request(url, { headers })).status;
    expect(await get({})).toBe(401);
    expect(await get({ cookie: await cookieFor(viewer.id) })).toBe(403);
    const outside = await cookieFor(outsider.id);
    expect(await get({ cookie: outside })).toBe(403);
    // An owner elsewhere cannot reach this chapter's event through their own chapter.
    expect(await get({ cookie: outside }, path(eventId, otherChapterId))).toBe(404);
    const cookie = await cookieFor(organizer.id);
    expect(await get({ cookie, 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(await get({ cookie }, path('nope'))).toBe(404);
    const audited = await server.ctx.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'event.exported')
      .execute();
    expect(audited).toHaveLength(0);
  });

  it('streams every one of 6,001 RSVPs over the real port, formula-safe, and audits it', async () => {
    const res = await fetch(`${server.url}${path()}`, {
      headers: { cookie: await cookieFor(organizer.id) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="big-party-attendees-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const chunks: Uint8Array[] = [];
    for await (const chunk of res.body as ReadableStream<Uint8Array>) chunks.push(chunk);
    const total = chunks.reduce((n, c) => n + c.length, 0);
    // Streamed: several pieces, none close to the whole file.
    expect(chunks.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(total / 3);

    const text = Buffer.concat(chunks).toString('utf8');
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(
      'name,email,status,code,source,registered_at,checked_in_at,answer:topics',
    );
    expect(lines).toHaveLength(1 + count);
    expect(lines[1]).toBe(
      `"'=HYPERLINK(""https://evil.example"",""x"")",guest-0@example.org,confirmed,S00000,web,2026-11-01T00:00:00.000Z,,`,
    );
    expect(lines[2]?.endsWith(',mail; cloud')).toBe(true);
    expect(lines[4]).toContain(',guest-3@example.org,waitlisted,');
    expect(lines[5001]).toContain('Guest 5000,guest-5000@example.org,confirmed,');
    expect(lines[count]).toMatch(/^"Last, ""one""",guest-6000@example\.org,cancelled,/);
    const emails = new Set(lines.slice(1).map((l) => l.match(/guest-\d+@example\.org/)?.[0]));
    expect(emails.size).toBe(count);

    const audit = await server.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['actor_user_id', 'target', 'details'])
      .where('action', '=', 'event.exported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: organizer.id, target: eventId });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ rows: count, completed: true });
  });
});
