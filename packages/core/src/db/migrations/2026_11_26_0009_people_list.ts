import { type Kysely, sql } from 'kysely';

/**
 * The people list at 100,000 people: a partial index over the chapter's people that are not
 * erased, in list order, so the page and its count read the index only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('people_chapter_live_idx')
    .on('people')
    .columns(['chapter_id', 'created_at', 'id'])
    .where(sql.ref('erased_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_chapter_live_idx').execute();
}
