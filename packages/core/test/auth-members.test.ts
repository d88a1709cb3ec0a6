import { completeSetup, createSetupToken, insertUser, prepareUser } from '@groundwork/core/auth';
import {
  acceptInvitation,
  changeRole,
  createChapter,
  createInvitation,
  createOwnedChapter,
  describeInvitation,
  getRole,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  updateChapter,
} from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { AppError } from '@groundwork/core/errors';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DAY = 24 * 3600_000;
let db: TestDatabase;
const clock = manualClock('2026-05-01T00:00:00.000Z');

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.cleanup());

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

async function audit(action: string) {
  return db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
}

let ownerId: string;
let chapterId: string;

describe('first-run setup', () => {
  it('creates the first owner of every chapter once, with a single-use 24 h link', async () => {
    chapterId = (await createChapter(db.kysely, { slug: 'paris', name: 'Paris' })).id;
    const stale = await createSetupToken(db.kysely, clock);
    const setup = await createSetupToken(db.kysely, clock);
    expect(setup?.expiresAt).toBe(new Date(clock.now().getTime() + DAY).toISOString());
    const input = { email: 'owner@example.org', name: 'Owner', password: 'owner passphrase' };
    // Only the latest link works.
    expect(
      await code(completeSetup(db.kysely, { ...input, token: stale?.token ?? '' }, clock)),
    ).toBe('NOT_FOUND');
    const row = await db.kysely.selectFrom('one_time_tokens').selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(setup?.token);
    clock.advance(DAY + 1);
    expect(
      await code(completeSetup(db.kysely, { ...input, token: setup?.token ?? '' }, clock)),
    ).toBe('NOT_FOUND');
    clock.advance(-2);
    const user = await completeSetup(db.kysely, { ...input, token: setup?.token ?? '' }, clock);
    ownerId = user.id;
    expect(await getRole(db.kysely, user.id, chapterId)).toBe('owner');
    expect(
      await code(
        completeSetup(db.kysely, { ...input, email: 'x@example.org', token: setup?.token ?? '' }),
      ),
    ).toBe('CONFLICT');
    expect(await createSetupToken(db.kysely, clock)).toBe(null);
  });
});

describe('invitations and roles', () => {
  let organizerId: string;

  it('invites, lists, describes and accepts a new account (single use)', async () => {
    const invite = await createInvitation(
      db.kysely,
      { chapterId, email: 'Orga@Example.org', role: 'organizer' },
      { userId: ownerId, role: 'owner' },
      clock,
    );
    expect(invite.expiresAt).toBe(new Date(clock.now().getTime() + 7 * DAY).toISOString());
    expect(await listInvitations(db.kysely, chapterId, clock)).toEqual([
      { id: invite.id, email: 'orga@example.org', role: 'organizer', expiresAt: invite.expiresAt },
    ]);
    expect(await describeInvitation(db.kysely, invite.token, clock)).toEqual({
      chapterName: 'Paris',
      role: 'organizer',
      email: 'orga@example.org',
      existingUser: false,
    });
    const missing = await code(acceptInvitation(db.kysely, { token: invite.token }, null, clock));
    expect(missing).toBe('BAD_REQUEST');
    const user = await acceptInvitation(
      db.kysely,
      { token: invite.token, name: 'Orga', password: 'orga passphrase' },
      null,
      clock,
    );
    organizerId = user.id;
    expect(await getRole(db.kysely, user.id, chapterId)).toBe('organizer');
    expect(await code(describeInvitation(db.kysely, invite.token, clock))).toBe('NOT_FOUND');
    expect(await listInvitations(db.kysely, chapterId, clock)).toEqual([]);
    expect((await audit('member.joined')).length).toBe(1);
  });

  it('lets an organizer invite viewers but not owners; revocation kills the link', async () => {
    const organizer = { userId: organizerId, role: 'organizer' as const };
    expect(
      await code(
        createInvitation(
          db.kysely,
          { chapterId, email: 'o2@example.org', role: 'owner' },
          organizer,
        ),
      ),
    ).toBe('FORBIDDEN');
    const invite = await createInvitation(
      db.kysely,
      { chapterId, email: 'viewer@example.org', role: 'viewer' },
      organizer,
      clock,
    );
    await revokeInvitation(
      db.kysely,
      { chapterId, invitationId: invite.id },
      organizerId,
      clock,
      'organizer',
    );
    expect(await code(describeInvitation(db.kysely, invite.token, clock))).toBe('NOT_FOUND');
    const revoked = await audit('member.invitation_revoked');
    expect(revoked.length).toBe(1);
    expect(JSON.parse(revoked[0]?.details ?? '{}')).toEqual({
      email: 'viewer@example.org',
      role: 'viewer',
    });
    // What only an owner may create, only an owner may take back.
    const ownerInvite = await createInvitation(
      db.kysely,
      { chapterId, email: 'o3@example.org', role: 'owner' },
      { userId: organizerId, role: 'owner' },
      clock,
    );
    const byOrganizer = revokeInvitation(
      db.kysely,
      { chapterId, invitationId: ownerInvite.id },
      organizerId,
      clock,
      'organizer',
    );
    expect(await code(byOrganizer)).toBe('FORBIDDEN');
    await expect(describeInvitation(db.kysely, ownerInvite.token, clock)).resolves.toBeDefined();
    expect(
      await code(
        createInvitation(
          db.kysely,
          { chapterId, email: 'orga@example.org', role: 'viewer' },
          organizer,
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('expires invitations after 7 days', async () => {
    const invite = await createInvitation(
      db.kysely,
      { chapterId, email: 'late@example.org', role: 'viewer' },
      { userId: ownerId, role: 'owner' },
      clock,
    );
    const later = manualClock(new Date(clock.now().getTime() + 7 * DAY + 1));
    expect(await code(describeInvitation(db.kysely, invite.token, later))).toBe('NOT_FOUND');
  });

  it('adds the chapter to an existing account only when that account accepts', async () => {
    const other = await createChapter(db.kysely, { slug: 'lyon', name: 'Lyon' });
    const invite = await createInvitation(
      db.kysely,
      { chapterId: other.id, email: 'orga@example.org', role: 'viewer' },
      { userId: ownerId, role: 'owner' },
      clock,
    );
    expect((await describeInvitation(db.kysely, invite.token, clock)).existingUser).toBe(true);
    expect(await code(acceptInvitation(db.kysely, { token: invite.token }, null, clock))).toBe(
      'UNAUTHORIZED',
    );
    expect(await code(acceptInvitation(db.kysely, { token: invite.token }, ownerId, clock))).toBe(
      'FORBIDDEN',
    );
    await acceptInvitation(db.kysely, { token: invite.token }, organizerId, clock);
    expect(await getRole(db.kysely, organizerId, other.id)).toBe('viewer');
  });

  it('changes roles and removes members, never leaving a chapter without an owner', async () => {
    expect(
      await code(changeRole(db.kysely, { chapterId, userId: ownerId, role: 'viewer' }, ownerId)),
    ).toBe('CONFLICT');
    expect(
      await code(
        removeMember(db.kysely, { chapterId, userId: ownerId }, { userId: ownerId, role: 'owner' }),
      ),
    ).toBe('CONFLICT');
    expect(
      await code(
        removeMember(
          db.kysely,
          { chapterId, userId: ownerId },
          { userId: organizerId, role: 'organizer' },
        ),
      ),
    ).toBe('FORBIDDEN');
    await changeRole(db.kysely, { chapterId, userId: organizerId, role: 'owner' }, ownerId, clock);
    await changeRole(db.kysely, { chapterId, userId: ownerId, role: 'viewer' }, organizerId, clock);
    expect((await listMembers(db.kysely, chapterId)).map((m) => [m.email, m.role])).toEqual([
      ['orga@example.org', 'owner'],
      ['owner@example.org', 'viewer'],
    ]);
    // A viewer may leave on their own.
    await removeMember(
      db.kysely,
      { chapterId, userId: ownerId },
      { userId: ownerId, role: 'viewer' },
    );
    expect(await getRole(db.kysely, ownerId, chapterId)).toBe(null);
    const changes = (await audit('member.role_changed')).map((a) => JSON.parse(a.details));
    expect(changes).toHaveLength(2);
    expect(changes).toEqual(
      expect.arrayContaining([
        { from: 'organizer', to: 'owner' },
        { from: 'owner', to: 'viewer' },
      ]),
    );
    expect((await audit('member.left')).length).toBe(1);
  });
});

describe('chapters', () => {
  it('lets owners create and update chapters, not others', async () => {
    const stranger = await insertUser(
      db.kysely,
      await prepareUser({ email: 's@example.org', name: 'S', password: 'stranger pass 1' }),
    );
    expect(
      await code(createOwnedChapter(db.kysely, { slug: 'nice', name: 'Nice' }, stranger.id)),
    ).toBe('FORBIDDEN');
    const [member] = await listMembers(db.kysely, chapterId);
    const created = await createOwnedChapter(
      db.kysely,
      { slug: 'nice', name: 'Nice', locale: 'fr', timeZone: 'Europe/Paris' },
      member?.userId ?? '',
    );
    expect(await getRole(db.kysely, member?.userId ?? '', created.id)).toBe('owner');
    const updated = await updateChapter(
      db.kysely,
      { chapterId: created.id, name: 'Nice Côte', locale: 'en', timeZone: 'UTC' },
      member?.userId ?? '',
    );
    expect(updated).toMatchObject({ name: 'Nice Côte', locale: 'en', timeZone: 'UTC' });
    expect(
      await code(
        updateChapter(
          db.kysely,
          { chapterId: created.id, name: 'x', locale: 'en', timeZone: 'Mars/Base' },
          'u',
        ),
      ),
    ).toBe('BAD_REQUEST');
  });
});
