/**
 * Merging two people who are the same person (two addresses, a typo): everything of the
 * duplicate moves to the person kept, then the duplicate row is deleted. A pledge both had
 * signed keeps the kept person's signature only, and its counter goes down by one (the count
 * was one too many). An event both answered keeps one RSVP, the one that counts most; a seat
 * the other held goes to the waitlist (`events/merge-rsvps.ts`).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';
import { settleDuplicateRsvps } from '../events/merge-rsvps.ts';
import { withdrawConsent } from '../privacy/consents.ts';
import { addToCounter } from '../signing/counter.ts';
import { chapterPerson } from './person.ts';

/**
 * Merges `mergeId` into `keepId` (same chapter) in one transaction, audit-logged. Returns the
 * pledges whose counters changed (the caller refreshes its cached counts). `publicUrl` is for
 * the mail of someone a freed seat goes to.
 *
 * @example
 * const { pledgesChanged } = await mergePeople(db, chapterId, userId, keepId, dupId, { publicUrl, clock });
 */
export async function mergePeople(
  db: Kysely<Database>,
  chapterId: string,
  actorUserId: string,
  keepId: string,
  mergeId: string,
  options: { publicUrl: string; clock?: Clock },
): Promise<{ pledgesChanged: string[] }> {
  const clock = options.clock ?? systemClock;
  if (keepId === mergeId) {
    throw new AppError('BAD_REQUEST', 'Choose two different people.', {
      fields: { mergeId: 'Same person.' },
    });
  }
  return db.transaction().execute(async (trx) => {
    const keep = await chapterPerson(trx, chapterId, keepId);
    const dup = await chapterPerson(trx, chapterId, mergeId);
    const rsvpsDropped = await settleDuplicateRsvps(trx, keepId, mergeId, {
      publicUrl: options.publicUrl,
      clock,
    });
    const doubles = await trx
      .selectFrom('signatures as d')
      .innerJoin('signatures as k', 'k.pledge_id', 'd.pledge_id')
      .select(['d.id', 'd.pledge_id', 'd.status'])
      .where('d.person_id', '=', mergeId)
      .where('k.person_id', '=', keepId)
      .execute();
    for (const d of doubles) {
      await trx.deleteFrom('signatures').where('id', '=', d.id).execute();
      await addToCounter(trx, d.pledge_id, {
        confirmed: d.status === 'confirmed' ? -1 : 0,
        pending: d.status === 'pending' ? -1 : 0,
      });
    }
    await trx
      .updateTable('signatures')
      .set({ person_id: keepId })
      .where('person_id', '=', mergeId)
      .execute();
    await trx
      .updateTable('rsvps')
      .set({ person_id: keepId })
      .where('person_id', '=', mergeId)
      .execute();
    await trx
      .updateTable('consents')
      .set({ person_id: keepId })
      .where('person_id', '=', mergeId)
      .execute();
    await keepLatestConsentChoice(trx, keepId, clock);
    await trx
      .updateTable('person_notes')
      .set({ person_id: keepId })
      .where('person_id', '=', mergeId)
      .execute();
    await trx
      .updateTable('outbox')
      .set({ person_id: keepId })
      .where('person_id', '=', mergeId)
      .execute();
    await trx
      .insertInto('person_tags')
      .columns(['person_id', 'tag_id', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('person_tags')
          .select([sql.val(keepId).as('person_id'), 'tag_id', 'created_at'])
          .where('person_id', '=', mergeId)
          .where('tag_id', 'not in', (e) =>
            e.selectFrom('person_tags').select('tag_id').where('person_id', '=', keepId),
          ),
      )
      .execute();
    await trx.deleteFrom('people').where('id', '=', mergeId).execute();
    await trx
      .updateTable('people')
      .set({
        name: keep.name ?? dup.name,
        postal_code: keep.postal_code ?? dup.postal_code,
        created_at: [keep.created_at, dup.created_at].sort()[0] ?? keep.created_at,
        updated_at: isoNow(clock),
      })
      .where('id', '=', keepId)
      .execute();
    await recordAudit(
      trx,
      {
        chapterId,
        actorUserId,
        action: 'person.merged',
        target: keepId,
        details: rsvpsDropped > 0 ? { merged: mergeId, rsvpsDropped } : { merged: mergeId },
      },
      clock,
    );
    return { pledgesChanged: [...new Set(doubles.map((d) => d.pledge_id))] };
  });
}

/**
 * After the merge the person's consent for a purpose is their latest choice across both
 * records: a withdrawal newer than every grant still standing withdraws those grants too (the
 * duplicate's old "yes" must not undo the "no" given since).
 */
async function keepLatestConsentChoice(
  trx: Transaction<Database>,
  personId: string,
  clock: Clock,
): Promise<void> {
  const rows = await trx
    .selectFrom('consents')
    .select(['purpose', 'granted_at', 'withdrawn_at'])
    .where('person_id', '=', personId)
    .execute();
  const latest = new Map<string, { grant: string; withdrawal: string }>();
  for (const r of rows) {
    const l = latest.get(r.purpose) ?? { grant: '', withdrawal: '' };
    if (r.withdrawn_at === null) l.grant = later(r.granted_at, l.grant);
    else l.withdrawal = later(r.withdrawn_at, l.withdrawal);
    latest.set(r.purpose, l);
  }
  for (const [purpose, l] of latest) {
    if (l.grant !== '' && l.withdrawal > l.grant) {
      await withdrawConsent(trx, { personId, purpose, source: 'merge' }, clock);
    }
  }
}

/** The later of two ISO-8601 UTC times (they sort as text). */
function later(a: string, b: string): string {
  return [a, b].sort()[1] ?? a;
}
