import { createSession } from '@groundwork/core/auth';
import { findChapterBySlug } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../src/workers/reminders.ts';
import { callerAs, createTestUser } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

type Json = any;
let server: TestServer;
const clock = manualClock('2026-11-26T10:00:00.000Z');
const slug = 'mass-cancellation-party';

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true', RATE_LIMITS: 'off' }, { clock });
});
afterAll(() => server.stop());

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: 'https://ally.example' },
  body: JSON.stringify(body),
});

async function mails(to: string) {
  return server.ctx.db.kysely
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', to)
    .orderBy('created_at')
    .execute();
}

describe('public event API', () => {
  it('answers the demo event with CORS, in French and English, without the private details', async () => {
    const res = await server.app.request(`/api/v1/events/${slug}`, {
      headers: { origin: 'https://ally.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('set-cookie')).toBeNull();
    const view: Json = await res.json();
    expect(view).toMatchObject({
      slug,
      status: 'published',
      title: 'Soirée de résiliation collective',
      capacity: 80,
      seatsLeft: 80,
      waitlist: true,
      open: true,
      timeZone: 'Europe/Paris',
      chapter: { slug: 'quitgpt-paris' },
    });
    expect(view.when).toContain('19:00');
    const en: Json = await (await server.app.request(`/api/v1/events/${slug}?locale=en`)).json();
    expect(en.title).toBe('Mass Cancellation Party');
    expect((await server.app.request('/api/v1/events/nope')).status).toBe(404);
  });

  it('takes an RSVP over the real port and answers a repeat exactly the same', async () => {
    const body = { email: 'ada@example.org', name: 'Ada' };
    const first = await fetch(`${server.url}/api/v1/events/${slug}/rsvps`, json(body));
    const again = await fetch(`${server.url}/api/v1/events/${slug}/rsvps`, json(body));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    const sent = await mails('ada@example.org');
    expect(sent.map((m) => m.template)).toEqual(['event-rsvp-confirmed']);
    const payload = JSON.parse(sent[0]?.payload ?? '{}');
    expect(payload.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(payload.cancelUrl).toContain(`/e/${slug}/cancel/`);
  });

  it('answers bad input with field errors in the shared shape, and never a 5xx', async () => {
    const res = await server.app.request(
      `/api/v1/events/${slug}/rsvps`,
      json({ email: 'x', name: '' }),
    );
    expect(res.status).toBe(422);
    const body: Json = await res.json();
    expect(body.error.fields).toMatchObject({
      email: expect.any(String),
      name: expect.any(String),
    });
    const broken = await server.app.request(`/api/v1/events/${slug}/rsvps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(broken.status).toBe(400);
    const text = await server.app.request(`/api/v1/events/${slug}/rsvps`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(text.status).toBe(415);
  });
});

describe('hosted pages', () => {
  it('registers with a plain form POST, redirects to the thanks page, and shows the attendee page', async () => {
    const page = await server.app.request(`/e/${slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/e/mass-cancellation-party"');
    expect(html).toContain('/e/mass-cancellation-party.ics');
    const res = await server.app.request(`/e/${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'bob@example.org', name: 'Bob', locale: 'en' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/e/${slug}/thanks?locale=en`);
    const thanks = await (await server.app.request(res.headers.get('location') ?? '')).text();
    expect(thanks).toContain('Check your inbox');
    const [mail] = await mails('bob@example.org');
    const payload = JSON.parse(mail?.payload ?? '{}');
    expect(mail?.locale).toBe('en');
    const attendee = await server.app.request(new URL(payload.attendeeUrl).pathname);
    const attendeeHtml = await attendee.text();
    expect(attendeeHtml).toContain(payload.code);
    expect(attendeeHtml).toContain('<svg');
    // Their own calendar file (private, never cached by a shared cache).
    const ics = await server.app.request(new URL(payload.icsUrl).pathname);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('cache-control')).toBe('private, no-store');
    expect((await ics.text()).replace(/\r\n /g, '')).toContain(
      'LOCATION:Café-librairie Les Pages Libres\\, 12 rue Imaginaire\\, 75011 Paris',
    );
  });

  it('shows the form again with errors when a field is wrong', async () => {
    const res = await server.app.request(`/e/${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=nope&name=&locale=fr',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('Cette adresse e-mail n’est pas valable.');
    // The browser stops where the server would refuse.
    expect(page).toMatch(/name="name" type="text"[^>]*maxlength="200"/);
    expect(page).toMatch(/name="email" type="email"[^>]*maxlength="254"/);
  });

  it('answers the chapter page in the browser language, like the other public pages', async () => {
    const english = { headers: { 'accept-language': 'en-US,en' } };
    const page = await (await server.app.request('/c/quitgpt-paris', english)).text();
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('Upcoming events');
    expect(page).toContain('Mass Cancellation Party');
    const chosen = await server.app.request('/c/quitgpt-paris?locale=fr', english);
    expect(await chosen.text()).toContain('Soirée de résiliation collective');
  });

  it('lists the event and the live pledge on the chapter page, with a parseable feed', async () => {
    const page = await (await server.app.request('/c/quitgpt-paris')).text();
    expect(page).toContain('Soirée de résiliation collective');
    expect(page).toContain('Je résilie mon abonnement ChatGPT');
    const feed = await server.app.request('/c/quitgpt-paris/events.ics');
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    for (const tz of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    }
    const [event] = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(event?.summary).toBe('Soirée de résiliation collective');
    expect(event?.startDate.toString()).toBe('2026-12-10T19:00:00');
    const one = await server.app.request(`/e/${slug}.ics`);
    expect(one.status).toBe(200);
    expect(await one.text()).toContain('TZID=Europe/Paris:20261210T190000');
  });
});

describe('cancel, reminders, organizer procedures', () => {
  it('cancels from the attendee link (POST only), and checks in by code from the admin API', async () => {
    const [mail] = await mails('ada@example.org');
    const payload = JSON.parse(mail?.payload ?? '{}');
    const cancelPath = new URL(payload.cancelUrl).pathname;
    const get = await server.app.request(cancelPath);
    expect(get.status).toBe(303); // a GET shows the attendee page, never cancels
    const chapter = await findChapterBySlug(server.ctx.db.kysely, 'quitgpt-paris');
    const user = await createTestUser(server.ctx, {
      chapterId: chapter?.id ?? '',
      role: 'organizer',
    });
    const caller = await callerAs(server.ctx, user.id);
    const chapterId = chapter?.id ?? '';
    const [listed] = await caller.events.list({ chapterId });
    expect(listed).toMatchObject({ slug, confirmed: 2, waitlisted: 0 });
    const eventId = listed?.id ?? '';
    const bob = JSON.parse((await mails('bob@example.org'))[0]?.payload ?? '{}');
    const checked = await caller.events.checkIn({
      chapterId,
      eventId,
      code: bob.code.toLowerCase(),
    });
    expect(checked).toMatchObject({ already: false, attendee: { name: 'Bob' } });
    expect(await caller.events.counts({ chapterId, eventId })).toMatchObject({
      arrived: 1,
      confirmed: 2,
    });
    const post = await server.app.request(cancelPath, { method: 'POST' });
    expect(post.status).toBe(200);
    expect(await caller.events.counts({ chapterId, eventId })).toMatchObject({
      confirmed: 1,
      cancelled: 1,
    });
    const { token } = await createSession(server.ctx.db.kysely, user.id, {}, server.ctx.clock);
    const csv = await server.app.request(
      `/admin/api/events/${eventId}/attendees.csv?chapterId=${chapterId}`,
      { headers: { cookie: `groundwork_session=${token}` } },
    );
    expect(await csv.text()).toContain('bob@example.org');
  });

  it('queues the 24 h reminder once through the worker job, even when run again', async () => {
    clock.set('2026-12-09T19:00:00.000Z');
    expect(await runReminders(server.ctx)).toBe(1);
    expect(await runReminders(server.ctx)).toBe(0);
    const reminders = (await mails('bob@example.org')).filter(
      (m) => m.template === 'event-reminder',
    );
    expect(reminders).toHaveLength(1);
  });
});

describe('the last seat over HTTP', () => {
  it('gives one seat to exactly one of 20 concurrent RSVPs on the real port', async () => {
    const chapter = await findChapterBySlug(server.ctx.db.kysely, 'quitgpt-paris');
    const chapterId = chapter?.id ?? '';
    const user = await createTestUser(server.ctx, { chapterId, role: 'organizer' });
    const caller = await callerAs(server.ctx, user.id);
    const { id: eventId } = await caller.events.create({
      chapterId,
      slug: 'one-seat',
      status: 'published',
      title: { fr: 'Une place' },
      timeZone: 'Europe/Paris',
      startsLocal: '2027-01-15T19:00',
      endsLocal: '2027-01-15T21:00',
      capacity: 1,
      waitlist: true,
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(
          `${server.url}/api/v1/events/one-seat/rsvps`,
          json({ email: `seat${i}@example.org`, name: `Seat ${i}` }),
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    const counts = await caller.events.counts({ chapterId, eventId });
    expect(counts).toMatchObject({ confirmed: 1, waitlisted: 19 });
  });
});

describe("the attendee's own calendar file", () => {
  it("names the attendee's own calendar file after the event title, not its slug", async () => {
    await server.app.request(`/e/${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'cal@example.org', name: 'Cal', locale: 'en' }).toString(),
    });
    const [mail] = await mails('cal@example.org');
    const payload = JSON.parse(mail?.payload ?? '{}');
    const ics = await server.app.request(new URL(payload.icsUrl).pathname);
    const calendar = new ICAL.Component(ICAL.parse(await ics.text()));
    expect(calendar.getFirstPropertyValue('name')).toBe('Mass Cancellation Party');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Mass Cancellation Party');
  });
});
