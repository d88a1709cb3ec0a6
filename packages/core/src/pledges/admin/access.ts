import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/index.ts';
import { getPledge, type Pledge } from '../pledges.ts';

/**
 * A pledge of this chapter, or NOT_FOUND — the same answer for another chapter's pledge, so
 * a member of one chapter cannot probe the ids of another.
 *
 * @example
 * const pledge = await getChapterPledge(db, chapterId, pledgeId);
 */
export async function getChapterPledge(
  db: Kysely<Database>,
  chapterId: string,
  pledgeId: string,
): Promise<Pledge> {
  const owner = await db
    .selectFrom('pledges')
    .select('chapter_id')
    .where('id', '=', pledgeId)
    .executeTakeFirst();
  if (!owner || owner.chapter_id !== chapterId) throw new AppError('NOT_FOUND', 'No such pledge.');
  return getPledge(db, pledgeId);
}

/** The chapter's IANA time zone (days in lists and charts are the chapter's days). */
export async function chapterTimeZone(db: Kysely<Database>, chapterId: string): Promise<string> {
  const row = await db
    .selectFrom('chapters')
    .select('time_zone')
    .where('id', '=', chapterId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such chapter.');
  return row.time_zone;
}
