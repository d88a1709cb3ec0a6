import type { Kysely } from 'kysely';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * Indexes for the organizers' signatures table at 100,000+ signatures: the source-site filter
 * (page in date order and count straight from the index, see docs/benchmarks.md). The date
 * order, date ranges and per-person lookups use indexes from 0003; the status filter counts
 * from the counter rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('signatures_pledge_source_idx')
    .on('signatures')
    .columns(['pledge_id', 'source', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('signatures_pledge_source_idx').execute();
}
