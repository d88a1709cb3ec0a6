import type { Kysely } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import type { ChapterRow } from './chapters.table.ts';
import { type ChapterInput, chapterInput } from './schemas.ts';

/**
 * Creates a chapter. Slugs are unique per instance.
 *
 * @example
 * await createChapter(db, { slug: 'quitgpt-paris', name: 'QuitGPT Paris', locale: 'fr', timeZone: 'Europe/Paris' });
 */
export async function createChapter(
  db: Kysely<Database>,
  input: ChapterInput,
  clock: Clock = systemClock,
): Promise<ChapterRow> {
  const data = parseInput(chapterInput, input);
  const existing = await findChapterBySlug(db, data.slug);
  if (existing)
    throw new AppError('CONFLICT', 'This slug is taken.', { fields: { slug: 'Taken.' } });
  const row: ChapterRow = {
    id: newId(),
    slug: data.slug,
    name: data.name,
    locale: data.locale,
    time_zone: data.timeZone,
    settings: '{}',
    created_at: isoNow(clock),
  };
  await db.insertInto('chapters').values(row).execute();
  return row;
}

export async function findChapterBySlug(
  db: Kysely<Database>,
  slug: string,
): Promise<ChapterRow | undefined> {
  return db.selectFrom('chapters').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function getChapter(db: Kysely<Database>, id: string): Promise<ChapterRow> {
  const row = await db.selectFrom('chapters').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such chapter.');
  return row;
}

export async function listChapters(db: Kysely<Database>): Promise<ChapterRow[]> {
  return db.selectFrom('chapters').selectAll().orderBy('name').execute();
}
