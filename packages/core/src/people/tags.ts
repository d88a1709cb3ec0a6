/**
 * Tags: a chapter's labels for people (create, rename, delete; add or remove on one person or
 * on every person of a filtered selection, in one statement). Every change is audit-logged
 * with the organizer who made it, in the change's transaction.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';
import { filteredPeople } from './people-query.ts';
import type { PeopleFilter } from './schemas.ts';

export interface Tag {
  id: string;
  name: string;
  people: number;
}

function cleanName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean.length === 0 || clean.length > 60) {
    throw new AppError('BAD_REQUEST', 'A tag name has 1 to 60 characters.', {
      fields: { name: 'Between 1 and 60 characters.' },
    });
  }
  return clean;
}

/**
 * The chapter's tags with how many people carry each, by name.
 *
 * @example
 * const tags = await listTags(db, chapterId);
 */
export async function listTags(db: Kysely<Database>, chapterId: string): Promise<Tag[]> {
  const rows = await db
    .selectFrom('tags as t')
    .select(['t.id', 't.name'])
    .select((eb) =>
      eb
        .selectFrom('person_tags as pt')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('pt.tag_id', '=', 't.id')
        .as('people'),
    )
    .where('t.chapter_id', '=', chapterId)
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, people: Number(r.people ?? 0) }));
}

/** Tag names are unique per chapter ignoring case: "volunteers" beside "Volunteers" is a typo. */
async function ensureUnique(db: Kysely<Database>, chapterId: string, name: string, except = '') {
  const clash = await db
    .selectFrom('tags')
    .select('name')
    .where('chapter_id', '=', chapterId)
    // lower() folds all of Unicode on both engines (db/sqlite.ts registers it for SQLite).
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('id', '!=', except)
    .executeTakeFirst();
  if (clash) {
    throw new AppError('CONFLICT', `A tag with this name exists: ${clash.name}.`, {
      fields: { name: `Already used: ${clash.name}.` },
    });
  }
}

/** Creates a tag (CONFLICT when the name is taken). */
export async function createTag(
  db: Kysely<Database>,
  chapterId: string,
  actorUserId: string | null,
  name: string,
  clock: Clock = systemClock,
): Promise<Tag> {
  const clean = cleanName(name);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await ensureUnique(trx, chapterId, clean);
    await trx
      .insertInto('tags')
      .values({ id, chapter_id: chapterId, name: clean, created_at: isoNow(clock) })
      .execute();
    const details = { name: clean };
    await recordAudit(
      trx,
      { chapterId, actorUserId, action: 'tag.created', target: id, details },
      clock,
    );
  });
  return { id, name: clean, people: 0 };
}

async function chapterTag(db: Kysely<Database>, chapterId: string, tagId: string) {
  const tag = await db
    .selectFrom('tags')
    .select(['id', 'name'])
    .where('id', '=', tagId)
    .where('chapter_id', '=', chapterId)
    .executeTakeFirst();
  if (!tag) throw new AppError('NOT_FOUND', 'No such tag.');
  return tag;
}

/** Renames a tag. */
export async function renameTag(
  db: Kysely<Database>,
  chapterId: string,
  actorUserId: string | null,
  tagId: string,
  name: string,
  clock: Clock = systemClock,
): Promise<void> {
  const clean = cleanName(name);
  await db.transaction().execute(async (trx) => {
    const tag = await chapterTag(trx, chapterId, tagId);
    await ensureUnique(trx, chapterId, clean, tagId);
    await trx.updateTable('tags').set({ name: clean }).where('id', '=', tagId).execute();
    const details = { from: tag.name, to: clean };
    await recordAudit(
      trx,
      { chapterId, actorUserId, action: 'tag.renamed', target: tagId, details },
      clock,
    );
  });
}

/** Deletes a tag (and takes it off everyone). */
export async function deleteTag(
  db: Kysely<Database>,
  chapterId: string,
  actorUserId: string | null,
  tagId: string,
  clock: Clock = systemClock,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const tag = await chapterTag(trx, chapterId, tagId);
    const carried = await trx
      .selectFrom('person_tags')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tag_id', '=', tagId)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('tags').where('id', '=', tagId).execute();
    const details = { name: tag.name, people: Number(carried.n) };
    await recordAudit(
      trx,
      { chapterId, actorUserId, action: 'tag.deleted', target: tagId, details },
      clock,
    );
  });
}

export type TagTarget = { personIds: string[] } | { filter: PeopleFilter };

/**
 * Adds or removes a tag on people: a list of ids, or everyone matching a filter (one
 * statement, whatever the selection's size). Returns how many people changed.
 *
 * @example
 * await tagPeople(db, chapterId, userId, tagId, { filter: { pledgeId } }, 'add', clock);
 */
export async function tagPeople(
  db: Kysely<Database>,
  chapterId: string,
  actorUserId: string | null,
  tagId: string,
  target: TagTarget,
  action: 'add' | 'remove',
  clock: Clock = systemClock,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const tag = await chapterTag(trx, chapterId, tagId);
    const changed = await applyTag(trx, chapterId, tagId, target, action, clock);
    if (changed > 0) {
      const verb = action === 'add' ? 'people.tagged' : 'people.untagged';
      const details = { tag: tag.name, people: changed };
      await recordAudit(
        trx,
        { chapterId, actorUserId, action: verb, target: tagId, details },
        clock,
      );
    }
    return changed;
  });
}

async function applyTag(
  db: Kysely<Database>,
  chapterId: string,
  tagId: string,
  target: TagTarget,
  action: 'add' | 'remove',
  clock: Clock,
): Promise<number> {
  const selection =
    'personIds' in target
      ? filteredPeople(db, chapterId, {}).where('p.id', 'in', [...target.personIds, ''])
      : filteredPeople(db, chapterId, target.filter);
  if (action === 'remove') {
    const result = await db
      .deleteFrom('person_tags')
      .where('tag_id', '=', tagId)
      .where('person_id', 'in', selection.select('p.id'))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
  const now = isoNow(clock);
  const result = await db
    .insertInto('person_tags')
    .columns(['person_id', 'tag_id', 'created_at'])
    .expression(
      selection
        .select('p.id')
        .select((eb) => [eb.val(tagId).as('tag_id'), eb.val(now).as('created_at')])
        .where('p.id', 'not in', (eb) =>
          eb.selectFrom('person_tags').select('person_id').where('tag_id', '=', tagId),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
