import type { Kysely } from 'kysely';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * Indexes for the organizers' signatures table at 100,000+ signatures (docs/benchmarks.md):
 * - the source-site filter: pages in date order and counts straight from the index;
 * - search by name or e-mail: a substring match cannot use a B-tree, but a covering index makes
 *   it one sequential pass over (chapter, e-mail, name, id) instead of a table lookup per person.
 * The date order, date ranges and per-person lookups use indexes from 0003; the status filter
 * counts from the counter rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('signatures_pledge_source_idx')
    .on('signatures')
    .columns(['pledge_id', 'source', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('people_chapter_search_idx')
    .on('people')
    .columns(['chapter_id', 'email', 'name', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_chapter_search_idx').execute();
  await db.schema.dropIndex('signatures_pledge_source_idx').execute();
}
