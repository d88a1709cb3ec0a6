import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PersonRow } from './people.table.ts';

/**
 * The one e-mail normalization: trimmed and lower-cased. Two spellings of one address are one
 * person (per chapter); the local part's case is not significant in practice.
 *
 * @example
 * normalizeEmail('  Ada@Example.ORG ') // 'ada@example.org'
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A person to create if their (chapter, e-mail) is new. */
export interface PersonDraft {
  id: string;
  chapterId: string;
  /** Already normalized. */
  email: string;
  name: string | null;
  postalCode: string | null;
  locale: string;
}

/**
 * Makes sure every draft's (chapter, e-mail) has a person, in one statement, and returns the
 * person id per `chapterId + '\n' + email`. Existing people are left untouched: a signature
 * must never let a stranger rewrite someone's name. Use inside the signing transaction.
 *
 * @example
 * const ids = await ensurePeople(trx, drafts, now);
 * const personId = ids.get(`${chapterId}\n${email}`);
 */
export async function ensurePeople(
  trx: Kysely<Database> | Transaction<Database>,
  drafts: PersonDraft[],
  now: string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (drafts.length === 0) return ids;
  await trx
    .insertInto('people')
    .values(
      drafts.map((d) => ({
        id: d.id,
        chapter_id: d.chapterId,
        email: d.email,
        name: d.name,
        postal_code: d.postalCode,
        locale: d.locale,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['chapter_id', 'email']).doNothing())
    .execute();
  const byChapter = new Map<string, string[]>();
  for (const d of drafts) {
    const list = byChapter.get(d.chapterId) ?? [];
    list.push(d.email);
    byChapter.set(d.chapterId, list);
  }
  for (const [chapterId, emails] of byChapter) {
    const rows = await trx
      .selectFrom('people')
      .select(['id', 'email'])
      .where('chapter_id', '=', chapterId)
      .where('email', 'in', emails)
      .execute();
    for (const row of rows) ids.set(`${chapterId}\n${row.email}`, row.id);
  }
  return ids;
}

/**
 * Finds a person by e-mail in a chapter (the e-mail is normalized here).
 *
 * @example
 * const person = await findPersonByEmail(db, chapterId, 'ada@example.org');
 */
export async function findPersonByEmail(
  db: Kysely<Database>,
  chapterId: string,
  email: string,
): Promise<PersonRow | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('chapter_id', '=', chapterId)
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
}
