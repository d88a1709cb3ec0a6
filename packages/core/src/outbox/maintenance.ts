import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Removes every outbox row about one person of a chapter (by person id, and by address for
 * rows queued without one): part of erasing a person. Pending mail to them is not sent.
 * Returns how many rows were removed.
 *
 * @example
 * await eraseOutboxPerson(trx, { chapterId, personId, email: 'ana@example.org' });
 */
export async function eraseOutboxPerson(
  db: Kysely<Database>,
  who: { chapterId: string; personId: string; email?: string | null },
): Promise<number> {
  const result = await db
    .deleteFrom('outbox')
    .where('chapter_id', '=', who.chapterId)
    .where((eb) =>
      who.email
        ? eb.or([eb('person_id', '=', who.personId), eb('to_address', '=', who.email)])
        : eb('person_id', '=', who.personId),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes finished rows (sent, logged, failed) created before `before`: the outbox keeps
 * addresses and links, so a retention job should not keep them forever. Pending rows stay.
 * Returns how many rows were removed.
 *
 * @example
 * await purgeOutbox(db, { before: new Date(Date.now() - 90 * 86_400_000) });
 */
export async function purgeOutbox(
  db: Kysely<Database>,
  options: { before: Date; chapterId?: string },
): Promise<number> {
  let query = db
    .deleteFrom('outbox')
    .where('status', 'in', ['sent', 'logged', 'failed'])
    .where('created_at', '<', options.before.toISOString());
  if (options.chapterId) query = query.where('chapter_id', '=', options.chapterId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
