/**
 * The admin's mail previews (apps/api/src/mail-preview): the mail's HTML with a CSP of its own
 * that keeps its inline styles and allows nothing else, for chapter members only.
 */
import { enqueueMail } from '@groundwork/core/outbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_PREVIEW_CSP } from '../src/mail-preview/index.ts';
import { callerAs, createTestChapter, createTestUser, sessionCookie } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let chapterId: string;
let viewer: { id: string };
let outsider: { id: string };
let mailId: string;
let organizerId: string;
let broadcastId: string;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: 'off' });
  chapterId = (await createTestChapter(server.ctx)).id;
  viewer = await createTestUser(server.ctx, { chapterId, role: 'viewer' });
  outsider = await createTestUser(server.ctx, {
    chapterId: (await createTestChapter(server.ctx, 'Elsewhere')).id,
    role: 'owner',
  });
  const organizer = await createTestUser(server.ctx, { chapterId, role: 'organizer' });
  organizerId = organizer.id;
  mailId = await enqueueMail(
    server.ctx.db.kysely,
    {
      chapterId,
      to: 'ana@example.org',
      template: 'pledge-confirm',
      locale: 'fr',
      data: {
        pledgeTitle: 'Quit <ChatGPT>',
        chapterName: 'QuitGPT Paris',
        confirmUrl: 'https://pledge.example.org/confirm/tok',
      },
    },
    server.ctx.clock,
  );
  const org = await callerAs(server.ctx, organizer.id);
  broadcastId = (
    await org.broadcasts.create({
      chapterId,
      subject: 'Cancellation party',
      body: 'Come **Saturday**.',
      locale: 'en',
      segment: {},
      perMinute: 1000,
    })
  ).id;
});
afterAll(() => server.stop());

const outboxUrl = (id: string, chapter = chapterId) =>
  `${server.url}/admin/api/outbox/${id}/preview.html?chapterId=${chapter}`;
const broadcastUrl = (id: string) =>
  `${server.url}/admin/api/broadcasts/${id}/preview.html?chapterId=${chapterId}`;
const asMember = async (userId: string, extra: Record<string, string> = {}) => ({
  cookie: await sessionCookie(server.ctx, userId),
  'sec-fetch-site': 'same-origin',
  ...extra,
});

describe('mail previews', () => {
  it('serves a queued mail with its inline styles, under a CSP that allows nothing else', async () => {
    const res = await fetch(outboxUrl(mailId), { headers: await asMember(viewer.id) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    // The app-wide CSP (style-src 'self', which drops style attributes) is replaced, not added.
    expect(res.headers.get('content-security-policy')).toBe(MAIL_PREVIEW_CSP);
    expect(MAIL_PREVIEW_CSP).toContain("style-src 'unsafe-inline'");
    expect(MAIL_PREVIEW_CSP).toContain("default-src 'none'");
    expect(MAIL_PREVIEW_CSP).toMatch(/(^|; )sandbox(;|$)/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await res.text();
    expect(body).toContain('style="');
    expect(body).toContain('Quit &lt;ChatGPT&gt;');
    // The viewer sees where the link goes, not its secret (which would let them act for Ana).
    expect(body).toContain('https://pledge.example.org/confirm/…');
    expect(body).not.toContain('/confirm/tok');
    const asOrganizer = await fetch(outboxUrl(mailId), { headers: await asMember(organizerId) });
    expect(await asOrganizer.text()).toContain('https://pledge.example.org/confirm/tok');
  });

  it('serves a broadcast as recipients will get it', async () => {
    const res = await fetch(broadcastUrl(broadcastId), { headers: await asMember(viewer.id) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(MAIL_PREVIEW_CSP);
    const body = await res.text();
    expect(body).toContain('<strong>Saturday</strong>');
    expect(body).toContain('style="');
  });

  it('refuses strangers, other chapters, other sites and unknown mails', async () => {
    const signedOut = await fetch(outboxUrl(mailId));
    expect(signedOut.status).toBe(401);
    expect(await signedOut.text()).not.toContain('ana@example.org');

    const outsiderRes = await fetch(outboxUrl(mailId), { headers: await asMember(outsider.id) });
    expect(outsiderRes.status).toBe(403);
    expect(await outsiderRes.text()).not.toContain('ana@example.org');

    const crossSite = await fetch(outboxUrl(mailId), {
      headers: await asMember(viewer.id, { 'sec-fetch-site': 'cross-site' }),
    });
    expect(crossSite.status).toBe(403);

    const unknown = await fetch(outboxUrl('nope'), { headers: await asMember(viewer.id) });
    expect(unknown.status).toBe(404);
    const noBroadcast = await fetch(broadcastUrl('nope'), { headers: await asMember(viewer.id) });
    expect(noBroadcast.status).toBe(404);
  });
});
