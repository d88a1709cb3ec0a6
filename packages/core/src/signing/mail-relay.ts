/**
 * Signing mails during a spike: owed first, queued a moment later.
 *
 * A small signing batch queues its mails in the outbox in its own transaction (`mail.ts`). A
 * batch of `DEFER_MAILS_FROM` signatures or more only happens under load (group commit), and
 * there the outbox rows (~300 bytes in six B-trees each, plus the confirmation tokens) were a
 * sixth of the signing writer's time: such a batch records instead which signatures are owed a
 * mail (`signature_mails`, two columns), in the same transaction, so the promise is just as
 * durable. The relay then queues them, oldest first, when the writer has a moment (the writer
 * thread when it idles, or when owed mails have waited `MAX_OWED_MS`; the inline writer right
 * after the batch). Same mails, same rows: the relay builds them with `queueOwedMails` too.
 * Nothing is sent from here: the outbox worker sends, with or without `OUTBOX_WORKER`.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock/index.ts';
import { bulk } from '../db/bulk.ts';
import type { Database } from '../db/schema.ts';
import { type OwedMail, queueOwedMails } from './mail.ts';

/** Batches this big or bigger record their mails as owed instead of queueing them. */
export const DEFER_MAILS_FROM = 16;

/** Owed mails the relay queues per transaction. */
export const RELAY_CHUNK = 500;

/** Under constant load, the writer thread still relays once owed mails are this old. */
export const MAX_OWED_MS = 60_000;

/** A relay that failed (the database away a moment) is tried again after this long. */
export const RELAY_RETRY_MS = 5000;

const owedColumns = ['signature_id', 'created_at'] as const;

/**
 * Records, in the signing transaction, that these signatures are owed their mail. A signature
 * still owed one is not owed a second.
 *
 * @example
 * await oweSigningMails(trx, ['01m8dzpc79zvrjet'], isoNow(clock));
 */
export async function oweSigningMails(
  trx: Transaction<Database>,
  signatureIds: string[],
  now: string,
): Promise<void> {
  await bulk(
    trx,
    'signature_mails',
    owedColumns,
    signatureIds.map((id) => [id, now]),
    (v) =>
      trx
        .insertInto('signature_mails')
        .values(v as never)
        .onConflict((oc) => oc.column('signature_id').doNothing()),
  );
}

export interface RelayOptions {
  publicUrl: string;
  clock: Clock;
  /** Most mails queued by this call (one transaction). */
  limit?: number;
  /** FOR UPDATE SKIP LOCKED (PostgreSQL): relays in several processes take disjoint mails. */
  skipLocked?: boolean;
}

/**
 * Queues up to `limit` owed mails in the outbox, oldest first, in one transaction, and
 * returns how many owed mails it took (a person erased meanwhile is owed nothing). A plain
 * read first, so an idle relay never takes the write lock.
 *
 * @example
 * while ((await relaySigningMails(db, { publicUrl, clock })) === RELAY_CHUNK) {}
 */
export async function relaySigningMails(
  db: Kysely<Database>,
  options: RelayOptions,
): Promise<number> {
  const any = await db
    .selectFrom('signature_mails')
    .select('signature_id')
    .limit(1)
    .executeTakeFirst();
  if (!any) return 0;
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .deleteFrom('signature_mails')
      .where('signature_id', 'in', (eb) =>
        eb
          .selectFrom('signature_mails')
          .select('signature_id')
          .orderBy('signature_id')
          .limit(options.limit ?? RELAY_CHUNK)
          .$if(options.skipLocked === true, (qb) => qb.forUpdate().skipLocked()),
      )
      .returning('signature_id')
      .execute();
    if (taken.length === 0) return 0;
    const rows = await trx
      .selectFrom('signatures as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .innerJoin('chapters as c', 'c.id', 's.chapter_id')
      .select(['s.id', 's.chapter_id', 's.person_id', 's.status', 's.locale', 'p.email'])
      .select('c.name as chapterName')
      .where(
        's.id',
        'in',
        taken.map((t) => t.signature_id),
      )
      .where('p.erased_at', 'is', null)
      .orderBy('s.id')
      .execute();
    const owed = rows.map(
      (r): OwedMail => ({
        signatureId: r.id,
        chapterId: r.chapter_id,
        chapterName: r.chapterName,
        personId: r.person_id,
        email: r.email,
        locale: r.locale,
        status: r.status,
      }),
    );
    await queueOwedMails(trx, owed, options);
    return taken.length;
  });
}

/**
 * Relays until nothing is owed (after a crash, or behind the inline writer).
 *
 * @example
 * await relayAllSigningMails(db, { publicUrl, clock });
 */
export async function relayAllSigningMails(
  db: Kysely<Database>,
  options: RelayOptions,
): Promise<number> {
  const limit = options.limit ?? RELAY_CHUNK;
  let total = 0;
  for (;;) {
    const n = await relaySigningMails(db, { ...options, limit });
    total += n;
    if (n < limit) return total;
  }
}
