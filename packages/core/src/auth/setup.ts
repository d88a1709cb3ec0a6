/**
 * First run: while no account exists, the server prints a one-time link (24 h). Opening it
 * creates the first account, which becomes owner of every chapter (the demo one included).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import { upsertMembership } from '../chapters/memberships.ts';
import { type Clock, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import type { UserRow } from './auth.table.ts';
import { newUserInput, tokenSchema } from './schemas.ts';
import { findActiveToken, type IssuedToken, issueToken, markTokenUsed } from './tokens.ts';
import { hasNoUsers, insertUser, type PreparedUser, prepareUser } from './users.ts';

export const SETUP_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Issues a fresh setup token when the instance has no account yet (older unused setup links stop
 * working: only the last printed one is valid). Returns null once an account exists.
 *
 * @example
 * const setup = await createSetupToken(db);
 * if (setup) console.log(`${publicUrl}/admin/setup?token=${setup.token}`);
 */
export async function createSetupToken(
  db: Kysely<Database>,
  clock: Clock = systemClock,
): Promise<IssuedToken | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await hasNoUsers(trx))) return null;
    await trx.deleteFrom('one_time_tokens').where('purpose', '=', 'setup').execute();
    return issueToken(trx, { purpose: 'setup', ttlMs: SETUP_TTL_MS }, clock);
  });
}

export const setupInput = newUserInput.extend({ token: tokenSchema });

/**
 * Creates the first account from a setup link. CONFLICT once any account exists; NOT_FOUND for an
 * unknown, used or expired link.
 *
 * @example
 * const user = await completeSetup(db, { token, email, name, password });
 */
export async function completeSetup(
  db: Kysely<Database>,
  input: z.input<typeof setupInput>,
  clock: Clock = systemClock,
): Promise<UserRow> {
  const data = parseInput(setupInput, input);
  if (!(await hasNoUsers(db))) throw setupDone();
  const token = await findActiveToken(db, 'setup', data.token, clock);
  if (!token) throw new AppError('NOT_FOUND', 'This setup link is invalid, used or expired.');
  const prepared = await prepareUser(data);
  return db.transaction().execute((trx) => createFirstOwner(trx, prepared, token.id, clock));
}

/**
 * Inserts the first account and makes it owner of every chapter; with `tokenId`, also uses up the
 * setup link in the same transaction. Also used by the CLI's `user create` on a fresh instance.
 */
export async function createFirstOwner(
  trx: Kysely<Database>,
  prepared: PreparedUser,
  tokenId: string | null,
  clock: Clock = systemClock,
): Promise<UserRow> {
  // Checked again inside the transaction: two setup attempts at once cannot both win.
  if (!(await hasNoUsers(trx))) throw setupDone();
  if (tokenId && !(await markTokenUsed(trx, tokenId, clock))) {
    throw new AppError('NOT_FOUND', 'This setup link is invalid, used or expired.');
  }
  const user = await insertUser(trx, prepared, clock);
  const chapters = await trx.selectFrom('chapters').select('id').execute();
  for (const chapter of chapters) {
    await upsertMembership(trx, { userId: user.id, chapterId: chapter.id, role: 'owner' }, clock);
    await recordAudit(
      trx,
      {
        chapterId: chapter.id,
        actorUserId: user.id,
        action: 'member.setup_owner',
        target: user.id,
      },
      clock,
    );
  }
  await trx.deleteFrom('one_time_tokens').where('purpose', '=', 'setup').execute();
  return user;
}

function setupDone(): AppError {
  return new AppError('CONFLICT', 'Groundwork is already set up: sign in instead.');
}
