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
  /** Where a new person came from, shown in the people list and its export. */
  source: 'pledge' | 'event';
}

/** The columns of a person row, in the order `personRow` lists them. */
export const personColumns = [
  'id',
  'chapter_id',
  'email',
  'name',
  'postal_code',
  'locale',
  'created_at',
  'updated_at',
  'source',
] as const;

/** A draft as the values of `personColumns`. */
export function personRow(d: PersonDraft, now: string): unknown[] {
  return [d.id, d.chapterId, d.email, d.name, d.postalCode, d.locale, now, now, d.source];
}

/**
 * The statement that makes sure people exist and returns their ids: new (chapter, e-mail)
 * pairs are inserted; existing people are left as they are (the no-op update only makes the
 * row come back): a signature must never let a stranger rewrite someone's name.
 * The same (chapter, e-mail) must not appear twice in one statement.
 *
 * @example
 * const rows = await upsertPeopleQuery(trx, values).execute();
 */
export function upsertPeopleQuery(
  db: Kysely<Database> | Transaction<Database>,
  values: Array<Record<(typeof personColumns)[number], unknown>>,
) {
  return db
    .insertInto('people')
    .values(values as never)
    .onConflict((oc) =>
      oc
        .columns(['chapter_id', 'email'])
        .doUpdateSet((eb) => ({ email: eb.ref('excluded.email') })),
    )
    .returning(['id', 'chapter_id', 'email']);
}

/**
 * Makes sure every draft's (chapter, e-mail) has a person and returns the person id per
 * `chapterId + '\n' + email`. Use inside a transaction.
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
  const unique = new Map(drafts.map((d) => [`${d.chapterId}\n${d.email}`, d]));
  if (unique.size === 0) return ids;
  const values = [...unique.values()].map((d) => {
    const row = personRow(d, now);
    return Object.fromEntries(personColumns.map((c, i) => [c, row[i]])) as Record<
      (typeof personColumns)[number],
      unknown
    >;
  });
  for (const r of await upsertPeopleQuery(trx, values).execute()) {
    ids.set(`${r.chapter_id}\n${r.email}`, r.id);
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
