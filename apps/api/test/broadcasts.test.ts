import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBroadcastSender } from '@groundwork/core/broadcasts';
import { openDatabase } from '@groundwork/core/db';
import { startTestSmtpServer, type TestSmtpServer } from '@groundwork/core/mail/testing';
import { grantConsent } from '@groundwork/core/privacy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerAs, createTestChapter, createTestUser } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

/*
 * A broadcast over a real SMTP server, with the process "crashing" after the first batch:
 * every consenting person of the segment gets it exactly once; nobody else does.
 */
describe('broadcasts', () => {
  let smtp: TestSmtpServer;
  let dir: string;
  const secret = 'broadcast-test-secret-0123456789abcdef';
  let env: Record<string, string>;
  let server: TestServer | undefined;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    dir = mkdtempSync(join(tmpdir(), 'groundwork-broadcast-'));
    env = {
      DATABASE_URL: `file:${join(dir, 'db.sqlite')}`,
      SECRET: secret,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@pledge.example.org',
    };
  });
  afterAll(async () => {
    await server?.stop();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reaches only consenting people of the segment, exactly once each, across a restart', {
    timeout: 30_000,
  }, async () => {
    const first = await startTestServer(env);
    const ctx = first.ctx;
    const chapterId = (await createTestChapter(ctx, 'Broadcast chapter')).id;
    const organizer = await createTestUser(ctx, { chapterId, role: 'owner' });
    const viewer = await createTestUser(ctx, { chapterId, role: 'viewer' });
    const org = await callerAs(ctx, organizer.id);
    const tag = await org.tags.create({ chapterId, name: 'Volunteers' });
    const now = ctx.clock.now().toISOString();
    const ids: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const id = `bp${i}`;
      await ctx.db.kysely
        .insertInto('people')
        .values({
          id,
          chapter_id: chapterId,
          email: `bp${i}@example.org`,
          name: `P${i}`,
          postal_code: null,
          locale: 'en',
          created_at: now,
          updated_at: now,
          source: 'import',
        })
        .execute();
      // bp6 has no consent; bp7 consents but is outside the segment.
      if (i !== 6) {
        await grantConsent(
          ctx.db.kysely,
          {
            chapterId,
            personId: id,
            purpose: 'email_updates',
            text: 'Yes',
            locale: 'en',
            source: 'import:t',
          },
          ctx.clock,
        );
      }
      if (i !== 7) ids.push(id);
    }
    await org.tags.tagPeople({ chapterId, tagId: tag.id, action: 'add', personIds: ids });
    await org.broadcasts.setSender({
      chapterId,
      senderName: 'Paris volunteers',
      replyTo: 'paris@example.org',
    });
    const draft = await org.broadcasts.create({
      chapterId,
      subject: 'Cancellation party',
      body: 'Come **Saturday**.',
      locale: 'en',
      segment: { tagId: tag.id },
      perMinute: 1000,
    });
    expect((await org.broadcasts.reach({ chapterId, segment: { tagId: tag.id } })).recipients).toBe(
      5,
    );
    const view = await callerAs(ctx, viewer.id);
    await expect(view.broadcasts.send({ chapterId, broadcastId: draft.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await org.broadcasts.send({ chapterId, broadcastId: draft.id });
    // The process dies before its sender ran; an earlier run had queued one batch of two.
    await first.close();
    const db = await openDatabase(env.DATABASE_URL as string);
    expect(
      await runBroadcastSender(db.kysely, {
        secret,
        publicUrl: ctx.config.publicUrl,
        batchSize: 2,
      }),
    ).toBe(2);
    await db.close();

    server = await startTestServer(env);
    const got = () => smtp.received.filter((m) => m.subject === 'Cancellation party');
    await vi.waitFor(() => expect(got()).toHaveLength(5), { timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 2500)); // one more sender round: nothing new
    expect(
      got()
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['bp1', 'bp2', 'bp3', 'bp4', 'bp5'].map((p) => `${p}@example.org`));
    const mail = got()[0];
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail?.headers.from).toContain('Paris volunteers');
    expect(mail?.headers['reply-to']).toContain('paris@example.org');
    expect(mail?.html).toContain('<strong>Saturday</strong>');
    const org2 = await callerAs(server.ctx, organizer.id);
    const status = await org2.broadcasts.get({ chapterId, broadcastId: draft.id });
    expect(status.broadcast.status).toBe('sent');
    expect(status.progress.sent).toBe(5);
  });
});
