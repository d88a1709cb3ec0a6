import { type Kysely, sql } from 'kysely';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * Fewer index pages per signature. A signing batch writes every index of `people`,
 * `signatures`, `outbox` and `consents`; each one costs ~4 WAL frames (4 KB, fsynced) per
 * batch when it is appended to, and one frame per signature when it is keyed at random
 * (e-mail order). Measured: 98 frames per batch of 32 signatures before this migration.
 * - `people_chapter_search_idx (chapter_id, email, name, id)` (0006): a second e-mail-ordered
 *   index beside the unique (chapter_id, email), only so the admin's substring search read a
 *   narrower index than the table. The search now reads the table (docs/benchmarks.md).
 * - `people_chapter_created_idx` (0008): same columns as `people_chapter_live_idx` (0009),
 *   which every people query can use (they all skip erased people).
 * - `signatures_referred_by_idx` (0003): most signatures have no referrer; a partial index
 *   holds only those that do, which is all the referral queries look for.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_chapter_search_idx').execute();
  await db.schema.dropIndex('people_chapter_created_idx').execute();
  await db.schema.dropIndex('signatures_referred_by_idx').execute();
  await db.schema
    .createIndex('signatures_referred_by_idx')
    .on('signatures')
    .column('referred_by')
    .where(sql.ref('referred_by'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('signatures_referred_by_idx').execute();
  await db.schema
    .createIndex('signatures_referred_by_idx')
    .on('signatures')
    .column('referred_by')
    .execute();
  await db.schema
    .createIndex('people_chapter_created_idx')
    .on('people')
    .columns(['chapter_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('people_chapter_search_idx')
    .on('people')
    .columns(['chapter_id', 'email', 'name', 'id'])
    .execute();
}
