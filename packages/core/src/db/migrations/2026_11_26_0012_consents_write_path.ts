import type { Kysely } from 'kysely';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * `consents_chapter_purpose_idx (chapter_id, purpose, person_id)` (0008) is read by no query:
 * every consent lookup (people filters, broadcast audiences, the ledger, imports, retention,
 * erasure) goes by person, through `consents_person_idx (person_id, purpose)`. It was still
 * written by every signing batch that records a consent (~4 WAL frames a batch, like every
 * index appended to; see 0010). Deleting a chapter now scans its consents, once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('consents_chapter_purpose_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('consents_chapter_purpose_idx')
    .on('consents')
    .columns(['chapter_id', 'purpose', 'person_id'])
    .execute();
}
