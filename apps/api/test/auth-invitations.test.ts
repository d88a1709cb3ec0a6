import { findUserByEmail } from '@groundwork/core/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestChapter, createTestUser, testPassword, trpc } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let request: TestServer['app']['request'];
let chapterId: string;
let ownerCookie: string | null;

beforeAll(async () => {
  server = await startTestServer();
  request = server.app.request;
  chapterId = (await createTestChapter(server.ctx, 'QuitGPT Lyon')).id;
  await createTestUser(server.ctx, { email: 'owner@example.org', chapterId, role: 'owner' });
  ownerCookie = (
    await trpc(request, 'auth.signIn', { email: 'owner@example.org', password: testPassword })
  ).cookie;
});
afterAll(() => server.stop());

function tokenOf(url: string): string {
  return decodeURIComponent(new URL(url).searchParams.get('token') ?? '');
}

describe('invitations over HTTP', () => {
  let organizerCookie: string | null;

  it('invites by link, and the link creates the account and signs it in (once)', async () => {
    const invite = await trpc(
      request,
      'members.invite',
      {
        chapterId,
        email: 'new@example.org',
        role: 'organizer',
      },
      { cookie: ownerCookie },
    );
    expect(invite.status).toBe(200);
    const { url, expiresAt } = invite.body.result.data;
    expect(url).toMatch(new RegExp(`^${server.ctx.config.publicUrl}/admin/invite\\?token=`));
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600_000);
    const token = tokenOf(url);
    const stored = await server.ctx.db.kysely.selectFrom('one_time_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const details = await trpc(request, 'auth.invitation', { token }, { query: true });
    expect(details.body.result.data).toEqual({
      chapterName: 'QuitGPT Lyon',
      role: 'organizer',
      email: 'new@example.org',
      existingUser: false,
    });
    const accepted = await trpc(request, 'auth.acceptInvitation', {
      token,
      name: 'Nouvelle',
      password: 'nouvelle passphrase',
    });
    expect(accepted.body.result.data.user).toMatchObject({ email: 'new@example.org' });
    organizerCookie = accepted.cookie;
    const status = await trpc(request, 'auth.status', undefined, {
      query: true,
      cookie: organizerCookie,
    });
    expect(status.body.result.data.memberships).toEqual([
      { chapterId, slug: expect.any(String), name: 'QuitGPT Lyon', role: 'organizer' },
    ]);
    const reused = await trpc(request, 'auth.acceptInvitation', {
      token,
      name: 'Twice',
      password: 'nouvelle passphrase',
    });
    expect(reused.status).toBe(404);
  });

  it('lets an organizer invite viewers but not owners, and revoke', async () => {
    const owner = await trpc(
      request,
      'members.invite',
      {
        chapterId,
        email: 'boss@example.org',
        role: 'owner',
      },
      { cookie: organizerCookie },
    );
    expect(owner.status).toBe(403);
    const viewer = await trpc(
      request,
      'members.invite',
      {
        chapterId,
        email: 'viewer@example.org',
        role: 'viewer',
      },
      { cookie: organizerCookie },
    );
    expect(viewer.status).toBe(200);
    const list = await trpc(
      request,
      'members.list',
      { chapterId },
      { query: true, cookie: organizerCookie },
    );
    const { members, invitations } = list.body.result.data;
    expect(members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['owner@example.org', 'owner'],
      ['new@example.org', 'organizer'],
    ]);
    expect(invitations).toEqual([
      {
        id: expect.any(String),
        email: 'viewer@example.org',
        role: 'viewer',
        expiresAt: expect.any(String),
      },
    ]);
    const revoked = await trpc(
      request,
      'members.revokeInvitation',
      {
        chapterId,
        invitationId: invitations[0].id,
      },
      { cookie: organizerCookie },
    );
    expect(revoked.body.result.data).toEqual({ ok: true });
    const dead = await trpc(
      request,
      'auth.invitation',
      { token: tokenOf(viewer.body.result.data.url) },
      {
        query: true,
      },
    );
    expect(dead.status).toBe(404);
  });

  it('changes roles and removes members (owners), keeping one owner, all audited', async () => {
    const newbie = await findUserByEmail(server.ctx.db.kysely, 'new@example.org');
    const owner = await findUserByEmail(server.ctx.db.kysely, 'owner@example.org');
    const byOrganizer = await trpc(
      request,
      'members.changeRole',
      {
        chapterId,
        userId: newbie?.id,
        role: 'owner',
      },
      { cookie: organizerCookie },
    );
    expect(byOrganizer.status).toBe(403);
    const lastOwner = await trpc(
      request,
      'members.changeRole',
      {
        chapterId,
        userId: owner?.id,
        role: 'viewer',
      },
      { cookie: ownerCookie },
    );
    expect(lastOwner.status).toBe(409);
    const demote = await trpc(
      request,
      'members.changeRole',
      {
        chapterId,
        userId: newbie?.id,
        role: 'viewer',
      },
      { cookie: ownerCookie },
    );
    expect(demote.body.result.data).toEqual({ ok: true });
    const removed = await trpc(
      request,
      'members.remove',
      { chapterId, userId: newbie?.id },
      {
        cookie: ownerCookie,
      },
    );
    expect(removed.body.result.data).toEqual({ ok: true });
    const audit = await server.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('chapter_id', '=', chapterId)
      .orderBy('created_at')
      .execute();
    // Sorted: entries written in the same millisecond have no defined order.
    expect(audit.map((a) => a.action).sort()).toEqual([
      'member.invitation_revoked',
      'member.invited',
      'member.invited',
      'member.joined',
      'member.removed',
      'member.role_changed',
    ]);
  });

  it('creates chapters for owners, names bad fields', async () => {
    const created = await trpc(
      request,
      'chapters.create',
      {
        slug: 'quitgpt-nice',
        name: 'QuitGPT Nice',
        locale: 'fr',
        timeZone: 'Europe/Paris',
      },
      { cookie: ownerCookie },
    );
    expect(created.body.result.data).toMatchObject({
      slug: 'quitgpt-nice',
      timeZone: 'Europe/Paris',
    });
    const bad = await trpc(
      request,
      'chapters.create',
      { slug: 'Bad Slug', name: '' },
      {
        cookie: ownerCookie,
      },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.data.fields).sort()).toEqual(['name', 'slug']);
    const got = await trpc(
      request,
      'chapters.get',
      { chapterId: created.body.result.data.id },
      {
        query: true,
        cookie: ownerCookie,
      },
    );
    expect(got.body.result.data).toMatchObject({ name: 'QuitGPT Nice', role: 'owner' });
  });
});
