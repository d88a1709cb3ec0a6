/**
 * Invitations: an organizer invites an e-mail address with a role; the link (7 days, single
 * use) creates the account or adds the chapter to the matching existing account. Only the
 * token's hash is stored (in one_time_tokens, purpose `invite`).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import type { UserRow } from '../auth/auth.table.ts';
import { emailSchema, tokenSchema, userNameSchema } from '../auth/schemas.ts';
import { findActiveToken, issueToken, markTokenUsed } from '../auth/tokens.ts';
import { findUserByEmail, insertUser, prepareUser } from '../auth/users.ts';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import type { Role } from './chapters.table.ts';
import { getChapter } from './chapters.ts';
import { getRole, roleSchema, upsertMembership } from './memberships.ts';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const invitationInput = z.object({
  chapterId: z.string().min(1),
  email: emailSchema,
  role: roleSchema,
});

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}

/**
 * Creates an invitation and returns the token for the link (shown once). An organizer may invite
 * organizers and viewers; only an owner may invite an owner. A newer invitation for the same
 * e-mail replaces the pending one.
 *
 * @example
 * const { token, expiresAt } = await createInvitation(db, { chapterId, email, role: 'organizer' }, actor);
 */
export async function createInvitation(
  db: Kysely<Database>,
  input: z.input<typeof invitationInput>,
  actor: { userId: string; role: Role },
  clock: Clock = systemClock,
): Promise<{ id: string; token: string; expiresAt: string }> {
  const data = parseInput(invitationInput, input);
  if (data.role === 'owner' && actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only an owner can invite another owner.', {
      fields: { role: 'Only an owner can invite an owner.' },
    });
  }
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, data.email);
    if (existing && (await getRole(trx, existing.id, data.chapterId))) {
      throw new AppError('CONFLICT', 'This person is already a member of the chapter.', {
        fields: { email: 'Already a member.' },
      });
    }
    // The new link replaces a pending one for the same address; expired links are cleared.
    await trx
      .deleteFrom('one_time_tokens')
      .where('purpose', '=', 'invite')
      .where('chapter_id', '=', data.chapterId)
      .where('used_at', 'is', null)
      .where((eb) => eb.or([eb('email', '=', data.email), eb('expires_at', '<=', isoNow(clock))]))
      .execute();
    const issued = await issueToken(
      trx,
      {
        purpose: 'invite',
        ttlMs: INVITATION_TTL_MS,
        chapterId: data.chapterId,
        email: data.email,
        role: data.role,
        createdBy: actor.userId,
      },
      clock,
    );
    await recordAudit(
      trx,
      {
        chapterId: data.chapterId,
        actorUserId: actor.userId,
        action: 'member.invited',
        target: issued.id,
        details: { email: data.email, role: data.role },
      },
      clock,
    );
    return issued;
  });
}

/** Pending (unused, unexpired) invitations of a chapter, newest first. */
export async function listInvitations(
  db: Kysely<Database>,
  chapterId: string,
  clock: Clock = systemClock,
): Promise<Invitation[]> {
  const rows = await pendingInvitations(db, chapterId, clock)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email ?? '',
    role: (row.role ?? 'viewer') as Role,
    expiresAt: row.expires_at,
  }));
}

export const revokeInvitationInput = z.object({
  chapterId: z.string().min(1),
  invitationId: z.string().min(1, 'Required.'),
});

/** Withdraws a pending invitation: its link stops working. */
export async function revokeInvitation(
  db: Kysely<Database>,
  input: { chapterId: string; invitationId: string },
  actorUserId: string,
  clock: Clock = systemClock,
  actorRole: Role = 'owner',
): Promise<void> {
  const data = parseInput(revokeInvitationInput, input);
  await db.transaction().execute(async (trx) => {
    const invitation = await trx
      .selectFrom('one_time_tokens')
      .select(['email', 'role'])
      .where('id', '=', data.invitationId)
      .where('chapter_id', '=', data.chapterId)
      .where('purpose', '=', 'invite')
      .executeTakeFirst();
    // As for inviting: what only an owner may create, only an owner may take back.
    if (invitation?.role === 'owner' && actorRole !== 'owner') {
      throw new AppError('FORBIDDEN', "Only an owner can revoke an owner's invitation.");
    }
    const result = await trx
      .deleteFrom('one_time_tokens')
      .where('id', '=', data.invitationId)
      .where('chapter_id', '=', data.chapterId)
      .where('purpose', '=', 'invite')
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) {
      throw new AppError('NOT_FOUND', 'No pending invitation with this id.');
    }
    await recordAudit(
      trx,
      {
        chapterId: data.chapterId,
        actorUserId,
        action: 'member.invitation_revoked',
        target: data.invitationId,
        details: { email: invitation?.email ?? null, role: invitation?.role ?? null },
      },
      clock,
    );
  });
}

export interface InvitationDetails {
  chapterName: string;
  role: Role;
  email: string;
  /** True when the e-mail already has an account: accepting then needs that account signed in. */
  existingUser: boolean;
}

/** What an invitation link offers (for the page that accepts it). NOT_FOUND when invalid. */
export async function describeInvitation(
  db: Kysely<Database>,
  token: string,
  clock: Clock = systemClock,
): Promise<InvitationDetails> {
  const row = await findInvitation(db, token, clock);
  const chapter = await getChapter(db, row.chapter_id ?? '');
  return {
    chapterName: chapter.name,
    role: (row.role ?? 'viewer') as Role,
    email: row.email ?? '',
    existingUser: (await findUserByEmail(db, row.email ?? '')) !== undefined,
  };
}

export const acceptInvitationInput = z.object({
  token: tokenSchema,
  name: userNameSchema.optional(),
  password: z.string().optional(),
});

/**
 * Accepts an invitation. For a new e-mail it creates the account (name and password required);
 * for an existing account it must be that account, signed in. Single use.
 *
 * @example
 * const user = await acceptInvitation(db, { token, name, password }, signedInUserId);
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  input: z.input<typeof acceptInvitationInput>,
  signedInUserId: string | null,
  clock: Clock = systemClock,
): Promise<UserRow> {
  const data = parseInput(acceptInvitationInput, input);
  const invite = await findInvitation(db, data.token, clock);
  const email = invite.email ?? '';
  const existing = await findUserByEmail(db, email);
  if (existing && signedInUserId !== existing.id) {
    throw new AppError(
      signedInUserId ? 'FORBIDDEN' : 'UNAUTHORIZED',
      'This invitation is for another account: sign in with the invited e-mail first.',
    );
  }
  const prepared = existing
    ? undefined
    : await prepareUser({ email, name: data.name ?? '', password: data.password ?? '' });
  return db.transaction().execute(async (trx) => {
    if (!(await markTokenUsed(trx, invite.id, clock))) throw invalidInvitation();
    const user =
      existing ?? (await insertUser(trx, prepared as NonNullable<typeof prepared>, clock));
    const chapterId = invite.chapter_id ?? '';
    const role = (invite.role ?? 'viewer') as Role;
    // Someone already a member keeps their role: an invitation never demotes.
    const current = await getRole(trx, user.id, chapterId);
    if (!current) await upsertMembership(trx, { userId: user.id, chapterId, role }, clock);
    await recordAudit(
      trx,
      {
        chapterId,
        actorUserId: user.id,
        action: 'member.joined',
        target: user.id,
        details: { role: current ?? role, invitation: invite.id },
      },
      clock,
    );
    return user;
  });
}

async function findInvitation(db: Kysely<Database>, token: string, clock: Clock) {
  const valid = tokenSchema.safeParse(token);
  const row = valid.success ? await findActiveToken(db, 'invite', valid.data, clock) : undefined;
  if (!row?.chapter_id || !row.email) throw invalidInvitation();
  return row;
}

function invalidInvitation(): AppError {
  return new AppError('NOT_FOUND', 'This invitation link is invalid, already used or expired.');
}

function pendingInvitations(db: Kysely<Database>, chapterId: string, clock: Clock) {
  return db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('purpose', '=', 'invite')
    .where('chapter_id', '=', chapterId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', isoNow(clock));
}
