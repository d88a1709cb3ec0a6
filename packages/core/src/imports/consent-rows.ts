/**
 * The import's consent rows, written in bulk (one statement per batch instead of two per
 * person): a grant for each row whose consent column says yes, who has no current grant of
 * that text version and never withdrew an e-mail consent.
 */
import type { Kysely } from 'kysely';
import { type Clock, newId } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { EMAIL_UPDATES, ensureConsentText as ensureText } from '../privacy/consents.ts';
import type { ImportRow } from './parse.ts';

export { EMAIL_UPDATES };

/** The version hash of the import's consent text (stored once). */
export function ensureConsentText(
  db: Kysely<Database>,
  text: string,
  locale: string,
  clock: Clock,
): Promise<string> {
  return ensureText(db, { purpose: EMAIL_UPDATES, locale, text }, clock);
}

/** Inserts the grants of a batch. */
export async function withConsentHash(
  trx: Kysely<Database>,
  chapterId: string,
  rows: ImportRow[],
  ids: Map<string, string>,
  c: { hash: string; text: string; locale: string; source: string; now: string },
): Promise<void> {
  const wanted = rows.filter((r) => r.consent).map((r) => ids.get(r.email) as string);
  if (wanted.length === 0) return;
  const current = await trx
    .selectFrom('consents')
    .select('person_id')
    .where('person_id', 'in', wanted)
    .where('purpose', '=', EMAIL_UPDATES)
    // Someone who withdrew is never re-subscribed by an organizer's file.
    .where((eb) =>
      eb.or([
        eb('withdrawn_at', 'is not', null),
        eb.and([eb('text_hash', '=', c.hash), eb('withdrawn_at', 'is', null)]),
      ]),
    )
    .execute();
  const has = new Set(current.map((r) => r.person_id));
  const values = wanted
    .filter((id) => !has.has(id))
    .map((personId) => ({
      id: newId(),
      chapter_id: chapterId,
      person_id: personId,
      purpose: EMAIL_UPDATES,
      text_shown: c.text,
      text_hash: c.hash,
      locale: c.locale,
      source: c.source,
      granted_at: c.now,
      withdrawn_at: null,
      withdrawn_source: null,
    }));
  for (let i = 0; i < values.length; i += 500) {
    await trx
      .insertInto('consents')
      .values(values.slice(i, i + 500))
      .execute();
  }
}
