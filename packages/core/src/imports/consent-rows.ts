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

/**
 * The people of a batch who get (or, in a dry run, would get) a grant: the rows whose consent
 * column says yes, minus those with a current grant of this text version and those who ever
 * withdrew an e-mail consent. A row without a person id (a new person in a dry run) has
 * nothing stored yet, so it always counts.
 */
export async function grantableConsents(
  db: Kysely<Database>,
  rows: ImportRow[],
  ids: Map<string, string>,
  hash: string,
): Promise<ImportRow[]> {
  const wanted = rows.filter((r) => r.consent);
  const known = wanted.flatMap((r) => ids.get(r.email) ?? []);
  if (known.length === 0) return wanted;
  const current = await db
    .selectFrom('consents')
    .select('person_id')
    .where('person_id', 'in', known)
    .where('purpose', '=', EMAIL_UPDATES)
    // Someone who withdrew is never re-subscribed by an organizer's file.
    .where((eb) =>
      eb.or([
        eb('withdrawn_at', 'is not', null),
        eb.and([eb('text_hash', '=', hash), eb('withdrawn_at', 'is', null)]),
      ]),
    )
    .execute();
  const has = new Set(current.map((r) => r.person_id));
  return wanted.filter((r) => !has.has(ids.get(r.email) ?? ''));
}

/** Inserts the grants of a batch; returns how many rows were written (for the report). */
export async function withConsentHash(
  trx: Kysely<Database>,
  chapterId: string,
  rows: ImportRow[],
  ids: Map<string, string>,
  c: { hash: string; text: string; locale: string; source: string; now: string },
): Promise<number> {
  const grantable = await grantableConsents(trx, rows, ids, c.hash);
  const values = grantable.map((r) => ({
    id: newId(),
    chapter_id: chapterId,
    person_id: ids.get(r.email) as string,
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
  return values.length;
}
