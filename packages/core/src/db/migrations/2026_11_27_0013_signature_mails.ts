import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

/*
 * Frozen: never edit a migration that has shipped; add a new one.
 * The mails a signature is owed (its confirmation link or its thank-you), one row each, until
 * the outbox worker turns them into outbox rows (`signing/mail-relay.ts`). A signing batch
 * writes these two-column rows instead of full outbox rows: the outbox insert (six B-trees,
 * ~300-byte rows) was a sixth of the signing writer's time (docs/benchmarks.md, tenth session).
 * Erasing a person deletes their signatures, and with them what they were owed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signature_mails')
    .addColumn('signature_id', 'text', (c) =>
      c.primaryKey().references('signatures.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    // SQLite: the rows live in their key's B-tree, one B-tree to write per batch instead of
    // two (a table and its key's index). PostgreSQL has no such option (nor the need).
    .$call((t) => (isPostgres(db) ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signature_mails').execute();
}
