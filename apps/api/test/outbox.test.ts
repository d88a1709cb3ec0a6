import { startTestSmtpServer, type TestSmtpServer } from '@groundwork/core/mail/testing';
import { enqueueMail } from '@groundwork/core/outbox';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/index.ts';
import { callerAs, createTestChapter, createTestUser, testPassword, trpc } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';
import { createPagePledges } from './pages-fixtures.ts';

const data = {
  pledgeTitle: 'Quit <ChatGPT>',
  chapterName: 'QuitGPT Paris',
  confirmUrl: 'https://pledge.example.org/confirm/tok',
};

function queue(server: TestServer, chapterId: string, to: string) {
  return enqueueMail(
    server.ctx.db.kysely,
    { chapterId, to, template: 'pledge-confirm', locale: 'fr', data },
    server.ctx.clock,
  );
}

describe('the outbox with SMTP_URL set', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let chapterId: string;
  let viewer: { id: string; email: string };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    server = await startTestServer({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'QuitGPT Paris <no-reply@pledge.example.org>',
    });
    chapterId = (await createTestChapter(server.ctx)).id;
    viewer = await createTestUser(server.ctx, { chapterId, role: 'viewer' });
  });
  afterAll(async () => {
    await server.stop();
    await smtp.close();
  });

  it('sends queued mail from the background worker and shows it to organizers', async () => {
    const id = await queue(server, chapterId, 'ana@example.org');
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 5000 });
    expect(smtp.received[0]?.headers.from).toBe('QuitGPT Paris <no-reply@pledge.example.org>');
    expect(smtp.received[0]?.subject).toBe('Confirmez votre signature\u00a0: Quit <ChatGPT>');

    const caller = await callerAs(server.ctx, viewer.id);
    await vi.waitFor(async () => {
      const { items } = await caller.outbox.list({ chapterId });
      expect(items[0]).toMatchObject({ id, status: 'sent', to: 'ana@example.org' });
    });
    const message = await caller.outbox.get({ chapterId, id });
    expect(message.rendered?.html).toContain('Quit &lt;ChatGPT&gt;');
    // A viewer must not act for the recipient: the link's secret is cut; an organizer sees it.
    expect(message.rendered?.text).toContain('https://pledge.example.org/confirm/…');
    expect(JSON.stringify(message)).not.toContain('/confirm/tok');
    const organizer = await createTestUser(server.ctx, { chapterId, role: 'organizer' });
    const full = await (await callerAs(server.ctx, organizer.id)).outbox.get({ chapterId, id });
    expect(full.rendered?.text).toContain('https://pledge.example.org/confirm/tok');
  });

  it('delivers the confirmation of a real signature over SMTP; its link confirms and sends the thank-you', async () => {
    await createPagePledges(server.ctx.db);
    const to = 'zoe@example.org';
    const signed = await fetch(`${server.url}/api/v1/pledges/pages-confirm/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: to, name: 'Zoé', answers: { why: ['data'] } }),
    });
    expect(signed.status).toBe(201);
    const mine = () => smtp.received.filter((m) => m.to[0] === to);
    await vi.waitFor(() => expect(mine()).toHaveLength(1), { timeout: 5000 });
    const confirm = mine()[0];
    expect(confirm?.subject).toBe('Confirmez votre signature\u00a0: Je résilie');
    // The chapter's (hostile) name is the display name, quoted by the mailer: one header only.
    expect(confirm?.headers.from).toMatch(/^"Pages <script>.*" <no-reply@pledge\.example\.org>$/);
    expect(confirm?.raw).not.toMatch(/^Bcc:/im);
    expect(confirm?.html).not.toContain('<script>');
    const path = /\/confirm\/[^\s"<]+/.exec(confirm?.text ?? '')?.[0] ?? '';
    expect(path).not.toBe('');

    const page = await fetch(`${server.url}${path}`);
    expect(page.status).toBe(200);
    await vi.waitFor(() => expect(mine()).toHaveLength(2), { timeout: 5000 });
    const thanks = mine()[1];
    expect(thanks?.subject).toBe('Merci pour votre signature\u00a0: Je résilie');
    expect(thanks?.text).toContain('1. Ouvrez les paramètres\n2. Gardez une preuve');
    expect(thanks?.text).toMatch(/\/p\/pages-confirm\?ref=\w+/);
  });

  it('answers the list over the real port to a signed-in organizer', async () => {
    const request = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
    const signIn = await trpc(request, 'auth.signIn', {
      email: viewer.email,
      password: testPassword,
    });
    expect(signIn.cookie).toBeTruthy();
    const res = await trpc(
      request,
      'outbox.list',
      { chapterId, status: 'sent' },
      {
        cookie: signIn.cookie,
        query: true,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.result.data.items.length).toBeGreaterThan(0);
  });

  it('refuses to retry a sent mail and hides other chapters’ mail', async () => {
    const organizer = await createTestUser(server.ctx, { chapterId, role: 'organizer' });
    const caller = await callerAs(server.ctx, organizer.id);
    const { items } = await caller.outbox.list({ chapterId, status: 'sent' });
    const sentId = items[0]?.id ?? '';
    const conflict = await caller.outbox.retry({ chapterId, id: sentId }).catch((e) => e);
    expect(conflict).toBeInstanceOf(TRPCError);
    expect(conflict.code).toBe('CONFLICT');

    const other = await createTestChapter(server.ctx, 'Other');
    await createTestUser(server.ctx, { chapterId: other.id, role: 'owner' });
    const owner = await createTestUser(server.ctx, { chapterId: other.id, role: 'owner' });
    const otherCaller = await callerAs(server.ctx, owner.id);
    const missing = await otherCaller.outbox
      .get({ chapterId: other.id, id: sentId })
      .catch((e) => e);
    expect(missing.code).toBe('NOT_FOUND');
  });
});

describe('the outbox without SMTP_URL', () => {
  let server: TestServer;
  let chapterId: string;

  beforeAll(async () => {
    server = await startTestServer();
    chapterId = (await createTestChapter(server.ctx)).id;
  });
  afterAll(() => server.stop());

  it('keeps mail readable in the admin, logs no address, and lets an organizer retry it', async () => {
    const id = await queue(server, chapterId, 'bob@example.org');
    const organizer = await createTestUser(server.ctx, { chapterId, role: 'organizer' });
    const caller = await callerAs(server.ctx, organizer.id);
    await vi.waitFor(
      async () => expect((await caller.outbox.get({ chapterId, id })).status).toBe('logged'),
      { timeout: 5000 },
    );
    const lines = server.logs.filter((l) => l.includes(id));
    expect(lines.some((l) => l.includes('"template":"pledge-confirm"'))).toBe(true);
    expect(server.logs.join('\n')).not.toContain('bob@example.org');

    const retried = await caller.outbox.retry({ chapterId, id });
    expect(retried.status).toBe('pending');
    await vi.waitFor(
      async () => expect((await caller.outbox.get({ chapterId, id })).status).toBe('logged'),
      { timeout: 5000 },
    );
    const audit = await server.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'outbox.retried')
      .execute();
    expect(audit).toEqual([{ action: 'outbox.retried', target: id }]);
  });

  it('pages through the list with a cursor', async () => {
    for (let i = 0; i < 3; i++) await queue(server, chapterId, `p${i}@example.org`);
    const viewer = await createTestUser(server.ctx, { chapterId, role: 'viewer' });
    const caller = await callerAs(server.ctx, viewer.id);
    const first = await caller.outbox.list({ chapterId, limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await caller.outbox.list({
      chapterId,
      limit: 2,
      cursor: first.nextCursor ?? '',
    });
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(4);
    expect(second.nextCursor).toBeNull();
  });
});

describe('outbox configuration', () => {
  it('leaves mail pending when OUTBOX_WORKER=off', async () => {
    const server = await startTestServer({ OUTBOX_WORKER: 'off' });
    try {
      const chapterId = (await createTestChapter(server.ctx)).id;
      const id = await queue(server, chapterId, 'cy@example.org');
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const row = await server.ctx.db.kysely
        .selectFrom('outbox')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('pending');
    } finally {
      await server.stop();
    }
  });

  it('defaults MAIL_FROM to no-reply at the PUBLIC_URL host and checks SMTP_URL', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://pledge.example.org',
      DATABASE_URL: 'file::memory:',
    });
    expect(config.mailFrom).toEqual({ name: 'Groundwork', address: 'no-reply@pledge.example.org' });
    expect(config.smtpUrl).toBeNull();
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
    // A mistyped SMTP_URL is reported without echoing its password.
    const error = (() => {
      try {
        loadConfig({ SMTP_URL: 'http://user:hunter2@mail.example.org' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/^SMTP_URL /);
    expect(error?.message).not.toContain('hunter2');
  });
});
