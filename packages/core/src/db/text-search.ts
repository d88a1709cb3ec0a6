/**
 * "Contains this text, whatever the case" for the organizers' searches (people, signatures),
 * the same on both engines.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { isPostgres } from './dialect.ts';

/** `%` and `_` typed by the organizer are literal characters, not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `term`, ignoring case. SQLite's LIKE already folds ASCII case and
 * PostgreSQL's ILIKE does too, so an ASCII term compares the column as stored; only a
 * non-ASCII term needs lower() on every row (a function call per row, Unicode-aware on both
 * engines: see `sqlite.ts`), which is about half the time of a search pass.
 *
 * @example
 * db.selectFrom('people').where(containsText(db, 'name', 'Zoé'))
 */
export function containsText(db: Kysely<any>, column: string, term: string): RawBuilder<SqlBool> {
  const lowered = term.toLowerCase();
  const pattern = `%${escapeLike(lowered)}%`;
  const ref = sql.ref(column);
  if (!/^[\x20-\x7e]*$/.test(lowered))
    return sql<SqlBool>`lower(${ref}) like ${pattern} escape '\\'`;
  const like = sql.raw(isPostgres(db) ? 'ilike' : 'like');
  return sql<SqlBool>`${ref} ${like} ${pattern} escape '\\'`;
}
