/**
 * Erasure: a person's personal data removed for good, counts kept right. The person row
 * stays as an anonymous tombstone (no e-mail, name or postal code) so that their signatures
 * and RSVPs remain as anonymous rows: pledge counters and seat counts are not touched.
 * On SQLite, `secure_delete` (set at connection time) zeroes the freed bytes.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';
import { eraseOutboxPerson } from '../outbox/index.ts';

/**
 * The e-mail a tombstone keeps: unique per person (the column is unique per chapter and not
 * null), reveals nothing, and can never receive mail (`.invalid` is reserved, RFC 2606).
 */
export function erasedEmail(personId: string): string {
  return `erased-${personId.toLowerCase()}@erased.invalid`;
}

export interface ErasureInput {
  chapterId: string;
  personId: string;
  /** The organizer who erased; null when the person did it from "my data". */
  actorUserId: string | null;
  /** `my-data`, `admin`, `retention`. */
  via: string;
}

/**
 * Erases a person in one transaction (audit-logged). NOT_FOUND for an unknown or already
 * erased person of that chapter.
 *
 * @example
 * await erasePerson(db.kysely, { chapterId, personId, actorUserId: user.id, via: 'admin' }, clock);
 */
export async function erasePerson(
  db: Kysely<Database>,
  input: ErasureInput,
  clock: Clock = systemClock,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('people')
      .select(['id', 'email'])
      .where('id', '=', input.personId)
      .where('chapter_id', '=', input.chapterId)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    if (!person) throw new AppError('NOT_FOUND', 'No such person');
    await scrubPerson(trx, input.chapterId, person, clock);
    await recordAudit(
      trx,
      {
        chapterId: input.chapterId,
        actorUserId: input.actorUserId,
        action: 'person.erased',
        target: input.personId,
        details: { via: input.via },
      },
      clock,
    );
  });
}

/** Blanks the person and everything that names them; keeps rows that are counted. */
export async function scrubPerson(
  trx: Transaction<Database> | Kysely<Database>,
  chapterId: string,
  person: { id: string; email: string },
  clock: Clock,
): Promise<void> {
  const now = isoNow(clock);
  const signatureIds = trx.selectFrom('signatures').select('id').where('person_id', '=', person.id);
  await trx
    .deleteFrom('signature_confirmations')
    .where('signature_id', 'in', signatureIds)
    .execute();
  await trx.deleteFrom('signature_mails').where('signature_id', 'in', signatureIds).execute();
  await trx
    .updateTable('signatures')
    .set({ answers: '{}', source: null })
    .where('person_id', '=', person.id)
    .execute();
  await trx
    .updateTable('rsvps')
    .set({ answers: '{}' })
    .where('person_id', '=', person.id)
    .execute();
  await trx.deleteFrom('consents').where('person_id', '=', person.id).execute();
  await trx.deleteFrom('person_tags').where('person_id', '=', person.id).execute();
  await trx.deleteFrom('person_notes').where('person_id', '=', person.id).execute();
  await eraseOutboxPerson(trx, { chapterId, personId: person.id, email: person.email });
  await trx
    .updateTable('people')
    .set({
      email: erasedEmail(person.id),
      name: null,
      postal_code: null,
      erased_at: now,
      updated_at: now,
    })
    .where('id', '=', person.id)
    .execute();
}
