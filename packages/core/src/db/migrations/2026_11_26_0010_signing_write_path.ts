import type { Kysely } from 'kysely';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * The signing write path touches every index of `people`, and the e-mail-ordered ones at a
 * random page per new person: each such page is one more 4 KB frame in the WAL and in the
 * commit's fsync. `people_chapter_search_idx (chapter_id, email, name, id)` (0006) was a
 * second e-mail-ordered index beside the unique (chapter_id, email), only to make the admin's
 * substring search read a narrower index than the table. It cost about a quarter of the pages
 * a signature writes; the search now reads the table (docs/benchmarks.md has both timings).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_chapter_search_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('people_chapter_search_idx')
    .on('people')
    .columns(['chapter_id', 'email', 'name', 'id'])
    .execute();
}
