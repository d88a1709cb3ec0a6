import type { Kysely } from 'kysely';
import { createChapter, findChapterBySlug } from '../chapters/index.ts';
import { type Clock, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { createEvent } from '../events/events.ts';
import { createPledge } from '../pledges/pledges.ts';
import { demoEvent } from './event.ts';
import { demoPledge } from './pledge.ts';

export { demoPledge };

/** The demo chapter a fresh install shows (content: shared demo-campaign.md). */
export const demoChapter = {
  slug: 'quitgpt-paris',
  name: 'QuitGPT Paris',
  locale: 'fr',
  timeZone: 'Europe/Paris',
} as const;

/**
 * Creates the demo campaign if it is not there yet. Idempotent: running it twice changes nothing,
 * and it never touches a chapter an organizer created. `onlyWhenEmpty` (the server's start):
 * not on an instance that has chapters of its own.
 *
 * @returns whether anything was created.
 */
export async function seedDemo(
  db: Kysely<Database>,
  clock?: Clock,
  { onlyWhenEmpty = false }: { onlyWhenEmpty?: boolean } = {},
): Promise<boolean> {
  if (await findChapterBySlug(db, demoChapter.slug)) return false;
  if (onlyWhenEmpty && (await db.selectFrom('chapters').select('id').executeTakeFirst())) {
    return false;
  }
  const chapter = await createChapter(db, demoChapter, clock);
  await createPledge(db, chapter.id, demoPledge, clock);
  const now = (clock ?? systemClock).now();
  await createEvent(db, { chapterId: chapter.id, userId: null }, demoEvent(now), clock);
  return true;
}
