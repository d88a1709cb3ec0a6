/**
 * Who may do what in a chapter: one role per user and chapter (viewer < organizer < owner).
 * A chapter never loses its last owner.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import type { Role } from './chapters.table.ts';

export const roles = ['viewer', 'organizer', 'owner'] as const satisfies readonly Role[];
export const roleSchema = z.enum(roles, { error: 'Must be owner, organizer or viewer.' });

const rank: Record<Role, number> = { viewer: 0, organizer: 1, owner: 2 };

/**
 * True when `role` is at least `min`.
 *
 * @example
 * hasRole('organizer', 'viewer'); // true
 */
export function hasRole(role: Role | null | undefined, min: Role): boolean {
  return role != null && rank[role] >= rank[min];
}

/** The user's role in the chapter, or null when they are not a member. */
export async function getRole(
  db: Kysely<Database>,
  userId: string,
  chapterId: string,
): Promise<Role | null> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', userId)
    .where('chapter_id', '=', chapterId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export interface UserMembership {
  chapterId: string;
  slug: string;
  name: string;
  role: Role;
}

/** The chapters a user belongs to, by name (for the chapter switcher). */
export async function listUserMemberships(
  db: Kysely<Database>,
  userId: string,
): Promise<UserMembership[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('chapters', 'chapters.id', 'memberships.chapter_id')
    .select([
      'chapters.id as chapterId',
      'chapters.slug as slug',
      'chapters.name as name',
      'memberships.role as role',
    ])
    .where('memberships.user_id', '=', userId)
    .orderBy('chapters.name')
    .execute();
}

export interface ChapterMember {
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

/** The chapter's members, owners first. */
export async function listMembers(
  db: Kysely<Database>,
  chapterId: string,
): Promise<ChapterMember[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id as userId',
      'users.email as email',
      'users.name as name',
      'memberships.role as role',
      'memberships.created_at as createdAt',
    ])
    .where('memberships.chapter_id', '=', chapterId)
    .orderBy('users.name')
    .execute();
  return rows.sort((a, b) => rank[b.role] - rank[a.role]);
}

/**
 * Makes the user a member with `role` (or changes their role if they already are one).
 * Meant to run inside the caller's transaction.
 */
export async function upsertMembership(
  db: Kysely<Database>,
  membership: { userId: string; chapterId: string; role: Role },
  clock: Clock = systemClock,
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({
      user_id: membership.userId,
      chapter_id: membership.chapterId,
      role: membership.role,
      created_at: isoNow(clock),
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'chapter_id']).doUpdateSet({ role: membership.role }),
    )
    .execute();
}

export const changeRoleInput = z.object({
  chapterId: z.string().min(1),
  userId: z.string().min(1, 'Required.'),
  role: roleSchema,
});

/**
 * Changes a member's role (owners only, checked by the caller). Refuses to demote the last owner.
 *
 * @example
 * await changeRole(db, { chapterId, userId, role: 'organizer' }, actorUserId);
 */
export async function changeRole(
  db: Kysely<Database>,
  input: z.input<typeof changeRoleInput>,
  actorUserId: string,
  clock: Clock = systemClock,
): Promise<void> {
  const data = parseInput(changeRoleInput, input);
  await db.transaction().execute(async (trx) => {
    const current = await getRole(trx, data.userId, data.chapterId);
    if (!current) throw new AppError('NOT_FOUND', 'This person is not a member of the chapter.');
    if (current === data.role) return;
    if (current === 'owner') await assertAnotherOwner(trx, data.chapterId);
    await trx
      .updateTable('memberships')
      .set({ role: data.role })
      .where('user_id', '=', data.userId)
      .where('chapter_id', '=', data.chapterId)
      .execute();
    await recordAudit(
      trx,
      {
        chapterId: data.chapterId,
        actorUserId,
        action: 'member.role_changed',
        target: data.userId,
        details: { from: current, to: data.role },
      },
      clock,
    );
  });
}

export const removeMemberInput = z.object({
  chapterId: z.string().min(1),
  userId: z.string().min(1, 'Required.'),
});

/**
 * Removes a member: an owner removing anyone, or a member leaving. Never the last owner.
 *
 * @example
 * await removeMember(db, { chapterId, userId }, { userId: actor.id, role: actorRole });
 */
export async function removeMember(
  db: Kysely<Database>,
  input: z.input<typeof removeMemberInput>,
  actor: { userId: string; role: Role },
  clock: Clock = systemClock,
): Promise<void> {
  const data = parseInput(removeMemberInput, input);
  const leaving = data.userId === actor.userId;
  if (!leaving && actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only an owner can remove other members.');
  }
  await db.transaction().execute(async (trx) => {
    const current = await getRole(trx, data.userId, data.chapterId);
    if (!current) throw new AppError('NOT_FOUND', 'This person is not a member of the chapter.');
    if (current === 'owner') await assertAnotherOwner(trx, data.chapterId);
    await trx
      .deleteFrom('memberships')
      .where('user_id', '=', data.userId)
      .where('chapter_id', '=', data.chapterId)
      .execute();
    await recordAudit(
      trx,
      {
        chapterId: data.chapterId,
        actorUserId: actor.userId,
        action: leaving ? 'member.left' : 'member.removed',
        target: data.userId,
        details: { role: current },
      },
      clock,
    );
  });
}

async function assertAnotherOwner(db: Kysely<Database>, chapterId: string): Promise<void> {
  const owners = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('chapter_id', '=', chapterId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  if (Number(owners?.count ?? 0) < 2) {
    throw new AppError(
      'CONFLICT',
      'A chapter needs at least one owner: name another owner first.',
      {
        fields: { role: 'The last owner cannot step down.' },
      },
    );
  }
}
