import type { Kysely } from 'kysely';

/**
 * Supporters and privacy: versioned consent texts (the ledger's `text_hash` points at the
 * exact words shown), withdrawal source, erased people kept as anonymous tombstones (so their
 * signatures and RSVPs still count), tags, notes, broadcasts and per-chapter privacy settings.
 * Portable between SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per distinct text: the SHA-256 of (purpose, locale, text) is its version.
  await db.schema
    .createTable('consent_texts')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('consents').addColumn('text_hash', 'text').execute();
  await db.schema.alterTable('consents').addColumn('withdrawn_source', 'text').execute();
  await db.schema
    .createIndex('consents_chapter_purpose_idx')
    .on('consents')
    .columns(['chapter_id', 'purpose', 'person_id'])
    .execute();

  // What first brought the person (signature, rsvp, import); erased people keep their row
  // with every personal field blanked so the rows that count them stay valid.
  await db.schema.alterTable('people').addColumn('source', 'text').execute();
  await db.schema.alterTable('people').addColumn('erased_at', 'text').execute();
  await db.schema
    .createIndex('people_chapter_created_idx')
    .on('people')
    .columns(['chapter_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chapter_id', 'text', (c) =>
      c.notNull().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tags_chapter_name_uq', ['chapter_id', 'name'])
    .execute();
  await db.schema
    .createTable('person_tags')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_tags_pk', ['person_id', 'tag_id'])
    .execute();
  await db.schema
    .createIndex('person_tags_tag_idx')
    .on('person_tags')
    .columns(['tag_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('person_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chapter_id', 'text', (c) =>
      c.notNull().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_notes_person_idx')
    .on('person_notes')
    .columns(['person_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('broadcasts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chapter_id', 'text', (c) =>
      c.notNull().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('segment', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('per_minute', 'integer', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('broadcasts_chapter_idx')
    .on('broadcasts')
    .columns(['chapter_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('chapter_privacy')
    .addColumn('chapter_id', 'text', (c) =>
      c.primaryKey().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('retention_months', 'integer', (c) => c.notNull())
    .addColumn('sender_name', 'text')
    .addColumn('reply_to', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['chapter_privacy', 'broadcasts', 'person_notes', 'person_tags', 'tags']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropTable('consent_texts').execute();
}
