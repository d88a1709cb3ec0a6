import { type Kysely, sql } from 'kysely';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * Events, their RSVPs and the marker rows of sent reminders. Portable between SQLite and
 * PostgreSQL (text ids and times, 0/1 booleans, JSON as text). `events.seats_taken` is the
 * seat counter that RSVPs take with a conditional UPDATE (the last-seat race).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chapter_id', 'text', (c) =>
      c.notNull().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'published', 'cancelled')`),
    )
    .addColumn('default_locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('venue_name', 'text')
    .addColumn('venue_address', 'text')
    .addColumn('address_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('online_url', 'text')
    .addColumn('capacity', 'integer')
    .addColumn('waitlist', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('questions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reminders', 'text', (c) => c.notNull().defaultTo('[24]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_chapter_start_idx')
    .on('events')
    .columns(['chapter_id', 'starts_at'])
    .execute();
  await db.schema.createIndex('events_start_idx').on('events').column('starts_at').execute();

  await db.schema
    .createTable('rsvps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chapter_id', 'text', (c) =>
      c.notNull().references('chapters.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('confirmed', 'waitlisted', 'cancelled')`),
    )
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .addUniqueConstraint('rsvps_event_person_uq', ['event_id', 'person_id'])
    .addUniqueConstraint('rsvps_event_code_uq', ['event_id', 'code'])
    .execute();
  await db.schema
    .createIndex('rsvps_event_status_idx')
    .on('rsvps')
    .columns(['event_id', 'status', 'created_at'])
    .execute();

  // One row per reminder round that went out: the job inserts it in the same transaction as
  // the mails, so a restart (or a second process) never sends a round twice.
  await db.schema
    .createTable('event_reminders_sent')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('round', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_reminders_sent_pk', ['event_id', 'round'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_reminders_sent').execute();
  await db.schema.dropTable('rsvps').execute();
  await db.schema.dropTable('events').execute();
}
