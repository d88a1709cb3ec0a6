import type { Kysely } from 'kysely';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * The attendee CSV export reads an event's RSVPs in keyset batches ordered by (created_at, id)
 * (events/export.ts). Without an index in that order every batch re-read and sorted the
 * event's remaining rows (100,000 RSVPs: 10 s). RSVPs arrive far more slowly than signatures,
 * so one more index on their write path costs nothing that matters.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('rsvps_event_created_idx')
    .on('rsvps')
    .columns(['event_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rsvps_event_created_idx').execute();
}
