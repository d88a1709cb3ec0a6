import { type Kysely, sql } from 'kysely';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * Pledges, the people who sign them, their signatures and consents, confirmation tokens and
 * the sharded counters. Portable between SQLite and PostgreSQL (text ids and times, 0/1
 * booleans, JSON as text).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One person per normalized e-mail per chapter. Every personal field lives here, so erasing
  // a person is deleting this row (signatures and consents cascade).
  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chapter_id', 'text', (c) =>
      c.notNull().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('people_chapter_email_uq', ['chapter_id', 'email'])
    .execute();

  await db.schema
    .createTable('pledges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chapter_id', 'text', (c) =>
      c.notNull().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlIn('status', ['draft', 'live', 'closed'])),
    )
    .addColumn('goal', 'integer', (c) => c.notNull())
    .addColumn('default_locale', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('ask_postal_code', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('requires_confirmation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('count_unconfirmed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('proof_of_work', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rate_limit', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pledges_chapter_idx').on('pledges').column('chapter_id').execute();

  await db.schema
    .createTable('pledge_translations')
    .addColumn('pledge_id', 'text', (c) => c.notNull().references('pledges.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('consent_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('share_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_steps', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('pledge_translations_pk', ['pledge_id', 'locale'])
    .execute();

  await db.schema
    .createTable('signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chapter_id', 'text', (c) =>
      c.notNull().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('pledge_id', 'text', (c) => c.notNull().references('pledges.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('referral_code', 'text', (c) => c.notNull())
    .addColumn('referred_by', 'text')
    .addColumn('source', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sqlIn('status', ['pending', 'confirmed'])),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addUniqueConstraint('signatures_pledge_person_uq', ['pledge_id', 'person_id'])
    .addUniqueConstraint('signatures_pledge_ref_uq', ['pledge_id', 'referral_code'])
    .execute();
  await db.schema
    .createIndex('signatures_pledge_time_idx')
    .on('signatures')
    .columns(['pledge_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('signatures_referred_by_idx')
    .on('signatures')
    .column('referred_by')
    .execute();
  await db.schema
    .createIndex('signatures_person_idx')
    .on('signatures')
    .column('person_id')
    .execute();

  // A consent is a fact with its wording and time: granted with the exact text shown,
  // withdrawn later by setting withdrawn_at (never by deleting the row).
  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chapter_id', 'text', (c) =>
      c.notNull().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('text_shown', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema
    .createIndex('consents_person_idx')
    .on('consents')
    .columns(['person_id', 'purpose'])
    .execute();

  // Only the SHA-256 of a confirmation token is kept; the token itself is in the e-mail.
  await db.schema
    .createTable('signature_confirmations')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('signature_id', 'text', (c) =>
      c.notNull().references('signatures.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('signature_confirmations_signature_idx')
    .on('signature_confirmations')
    .column('signature_id')
    .execute();

  // Sharded so that concurrent signers of one hot pledge (PostgreSQL, several processes) do
  // not all queue on one row; readers SUM the shards. Reads never COUNT(*) signatures.
  await db.schema
    .createTable('pledge_counters')
    .addColumn('pledge_id', 'text', (c) => c.notNull().references('pledges.id').onDelete('cascade'))
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pledge_counters_pk', ['pledge_id', 'shard'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'pledge_counters',
    'signature_confirmations',
    'consents',
    'signatures',
    'pledge_translations',
    'pledges',
    'people',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

/** `column in ('a', 'b')` for a CHECK constraint; the values are constants, never user input. */
function sqlIn(column: string, values: string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}
