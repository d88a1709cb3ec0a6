/**
 * Creating and editing chapters as an organizer does it (with an owner and an audit trail).
 * `createChapter` in chapters.ts stays the bare insert used by the demo seed and the CLI.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/index.ts';
import type { Clock } from '../clock/index.ts';
import { systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import type { ChapterRow } from './chapters.table.ts';
import { createChapter, getChapter } from './chapters.ts';
import { upsertMembership } from './memberships.ts';
import { type ChapterInput, localeSchema, timeZoneSchema } from './schemas.ts';

/** The chapter as the admin sees it. */
export interface ChapterView {
  id: string;
  slug: string;
  name: string;
  locale: string;
  timeZone: string;
  createdAt: string;
}

export function chapterView(row: ChapterRow): ChapterView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    locale: row.locale,
    timeZone: row.time_zone,
    createdAt: row.created_at,
  };
}

/**
 * Creates a chapter owned by `userId`. Allowed when the user already owns a chapter, or when the
 * instance has no chapter yet (FORBIDDEN otherwise: viewers cannot multiply chapters).
 *
 * @example
 * const chapter = await createOwnedChapter(db, { slug: 'quitgpt-lyon', name: 'QuitGPT Lyon' }, userId);
 */
export async function createOwnedChapter(
  db: Kysely<Database>,
  input: ChapterInput,
  userId: string,
  clock: Clock = systemClock,
): Promise<ChapterView> {
  return db.transaction().execute(async (trx) => {
    const anyChapter = await trx.selectFrom('chapters').select('id').limit(1).executeTakeFirst();
    const owns = await trx
      .selectFrom('memberships')
      .select('chapter_id')
      .where('user_id', '=', userId)
      .where('role', '=', 'owner')
      .limit(1)
      .executeTakeFirst();
    if (anyChapter && !owns) {
      throw new AppError('FORBIDDEN', 'Only the owner of a chapter can create another chapter.');
    }
    const chapter = await createChapter(trx, input, clock);
    await upsertMembership(trx, { userId, chapterId: chapter.id, role: 'owner' }, clock);
    await recordAudit(
      trx,
      { chapterId: chapter.id, actorUserId: userId, action: 'chapter.created', target: chapter.id },
      clock,
    );
    return chapterView(chapter);
  });
}

export const updateChapterInput = z.object({
  chapterId: z.string().min(1),
  name: z.string().trim().min(1, 'Required.').max(120, 'At most 120 characters.'),
  locale: localeSchema,
  timeZone: timeZoneSchema,
});

/**
 * Renames a chapter or changes its language and time zone (owners; checked by the caller).
 *
 * @example
 * await updateChapter(db, { chapterId, name: 'QuitGPT Paris', locale: 'fr', timeZone: 'Europe/Paris' }, userId);
 */
export async function updateChapter(
  db: Kysely<Database>,
  input: z.input<typeof updateChapterInput>,
  actorUserId: string,
  clock: Clock = systemClock,
): Promise<ChapterView> {
  const data = parseInput(updateChapterInput, input);
  return db.transaction().execute(async (trx) => {
    const before = await getChapter(trx, data.chapterId);
    await trx
      .updateTable('chapters')
      .set({ name: data.name, locale: data.locale, time_zone: data.timeZone })
      .where('id', '=', data.chapterId)
      .execute();
    await recordAudit(
      trx,
      {
        chapterId: data.chapterId,
        actorUserId,
        action: 'chapter.updated',
        target: data.chapterId,
        details: { from: { name: before.name, locale: before.locale, timeZone: before.time_zone } },
      },
      clock,
    );
    return chapterView(await getChapter(trx, data.chapterId));
  });
}
