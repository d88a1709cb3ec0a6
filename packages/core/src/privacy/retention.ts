/**
 * Retention: the personal data of signatures on pledges closed for longer than the chapter's
 * retention period (default 6 months, as the UK Parliament petitions site does) is anonymised
 * by a daily job. A pledge's close time is its last change while closed (`updated_at`), so
 * an edit after closing only ever delays anonymisation, never advances it.
 */
import { type Kysely, sql } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { EMAIL_UPDATES } from './consents.ts';
import { erasedEmail, scrubPerson } from './erasure.ts';

export const DEFAULT_RETENTION_MONTHS = 6;
const BATCH = 500;

/** The chapter's retention period in months. */
export async function retentionMonths(db: Kysely<Database>, chapterId: string): Promise<number> {
  const row = await db
    .selectFrom('chapter_privacy')
    .select('retention_months')
    .where('chapter_id', '=', chapterId)
    .executeTakeFirst();
  return row?.retention_months ?? DEFAULT_RETENTION_MONTHS;
}

/** `date` plus `months` calendar months (UTC). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export interface RetentionItem {
  pledgeId: string;
  slug: string;
  closedAt: string;
  /** When the job anonymises its signatures (past: at the next run). */
  anonymiseAt: string;
  /** Signatures still carrying personal data. */
  signatures: number;
}

/**
 * What will be anonymised when, per closed pledge of a chapter (for the admin).
 *
 * @example
 * const plan = await retentionPlan(db, chapterId);
 */
export async function retentionPlan(
  db: Kysely<Database>,
  chapterId: string,
): Promise<{ months: number; items: RetentionItem[] }> {
  const months = await retentionMonths(db, chapterId);
  const rows = await db
    .selectFrom('pledges')
    .select(['pledges.id', 'pledges.slug', 'pledges.updated_at'])
    .select((eb) =>
      eb
        .selectFrom('signatures')
        .innerJoin('people', 'people.id', 'signatures.person_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('signatures.pledge_id', '=', 'pledges.id')
        .where('people.erased_at', 'is', null)
        .as('signatures'),
    )
    .where('pledges.chapter_id', '=', chapterId)
    .where('pledges.status', '=', 'closed')
    .orderBy('pledges.updated_at')
    .execute();
  const items = rows.map((r) => ({
    pledgeId: r.id,
    slug: r.slug,
    closedAt: r.updated_at,
    anonymiseAt: addMonths(new Date(r.updated_at), months).toISOString(),
    signatures: Number(r.signatures ?? 0),
  }));
  return { months, items };
}

/**
 * Sets a chapter's retention period (1 to 120 months).
 *
 * @example
 * await setRetentionMonths(db, chapterId, 12, clock);
 */
export async function setRetentionMonths(
  db: Kysely<Database>,
  chapterId: string,
  months: number,
  clock: Clock = systemClock,
): Promise<void> {
  const now = isoNow(clock);
  await db
    .insertInto('chapter_privacy')
    .values({ chapter_id: chapterId, retention_months: months, updated_at: now })
    .onConflict((oc) =>
      oc.column('chapter_id').doUpdateSet({ retention_months: months, updated_at: now }),
    )
    .execute();
}

/**
 * Anonymises every due signature of every chapter, in batches (one transaction each).
 * A signer with nothing else kept (no other live signature, RSVP or current consent) is
 * erased; otherwise only the due signature moves to a fresh anonymous tombstone. Returns how
 * many signatures were anonymised. Run it daily under `tryLock(db, 'job:retention', …)`.
 *
 * @example
 * const n = await runRetention(db.kysely, clock);
 */
export async function runRetention(
  db: Kysely<Database>,
  clock: Clock = systemClock,
): Promise<number> {
  const chapters = await db.selectFrom('chapters').select('id').execute();
  let total = 0;
  for (const chapter of chapters) {
    const { items } = await retentionPlan(db, chapter.id);
    const now = clock.now().toISOString();
    for (const item of items) {
      if (item.anonymiseAt > now || item.signatures === 0) continue;
      for (;;) {
        const n = await anonymiseBatch(db, chapter.id, item.pledgeId, clock);
        total += n;
        if (n < BATCH) break;
      }
    }
  }
  return total;
}

async function anonymiseBatch(
  db: Kysely<Database>,
  chapterId: string,
  pledgeId: string,
  clock: Clock,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('signatures')
      .innerJoin('people', 'people.id', 'signatures.person_id')
      .select(['signatures.id', 'people.id as person_id', 'people.email', 'people.locale'])
      .where('signatures.pledge_id', '=', pledgeId)
      .where('people.erased_at', 'is', null)
      .limit(BATCH)
      .execute();
    const now = isoNow(clock);
    for (const s of due) {
      if (await keepsOtherData(trx, s.person_id, s.id)) {
        const tombstone = newId();
        await trx
          .insertInto('people')
          .values({
            id: tombstone,
            chapter_id: chapterId,
            email: erasedEmail(tombstone),
            name: null,
            postal_code: null,
            locale: s.locale,
            source: 'retention',
            created_at: now,
            updated_at: now,
            erased_at: now,
          })
          .execute();
        await trx.deleteFrom('signature_confirmations').where('signature_id', '=', s.id).execute();
        await trx.deleteFrom('signature_mails').where('signature_id', '=', s.id).execute();
        await trx
          .updateTable('signatures')
          .set({ person_id: tombstone, answers: '{}', source: null })
          .where('id', '=', s.id)
          .execute();
      } else {
        await scrubPerson(trx, chapterId, { id: s.person_id, email: s.email }, clock);
      }
    }
    return due.length;
  });
}

/** Whether the person has something else we keep: another signature, an RSVP, a consent. */
async function keepsOtherData(
  trx: Kysely<Database>,
  personId: string,
  signatureId: string,
): Promise<boolean> {
  const row = await trx
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('signatures')
            .select(sql`1`.as('x'))
            .where('person_id', '=', personId)
            .where('id', '!=', signatureId),
        )
        .as('sig'),
      eb
        .exists(eb.selectFrom('rsvps').select(sql`1`.as('x')).where('person_id', '=', personId))
        .as('rsvp'),
      eb
        .exists(
          eb
            .selectFrom('consents')
            .select(sql`1`.as('x'))
            .where('person_id', '=', personId)
            .where('purpose', '=', EMAIL_UPDATES)
            .where('withdrawn_at', 'is', null),
        )
        .as('consent'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(Number(row.sig)) || Boolean(Number(row.rsvp)) || Boolean(Number(row.consent));
}
