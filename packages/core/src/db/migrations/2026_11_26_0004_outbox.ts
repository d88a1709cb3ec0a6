import { type Kysely, sql } from 'kysely';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * The durable outbox: mail (and later webhook) deliveries queued in the same transaction as
 * the change that caused them, sent by a worker with retries. Portable SQL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null for instance-level mail (setup links, password resets) that belongs to no chapter.
    .addColumn('chapter_id', 'text', (c) => c.references('chapters.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().defaultTo('mail').check(sql`kind in ('mail', 'webhook')`),
    )
    // The person the message is about, when known: lets erasure find and scrub their mail.
    .addColumn('person_id', 'text')
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    // Extra headers for this message (List-Unsubscribe, ...), JSON object of strings.
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('from_name', 'text')
    .addColumn('reply_to', 'text')
    // Makes enqueueing idempotent (e.g. `broadcast:<id>:<person>`); NULLs never collide.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'logged', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  // The worker's claim: due pending rows in order.
  await db.schema
    .createIndex('outbox_due_idx')
    .on('outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
  // The admin's list: newest first per chapter, optionally by status.
  await db.schema
    .createIndex('outbox_chapter_time_idx')
    .on('outbox')
    .columns(['chapter_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('outbox_person_idx').on('outbox').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
