import {
  createTag,
  deleteTag,
  listTags,
  peopleFilterInput,
  renameTag,
  tagPeople,
} from '@groundwork/core/people';
import { z } from 'zod';
import { router } from '../init.ts';
import { chapterProcedure } from '../procedures.ts';

const id = z.string().trim().min(1, 'Required.').max(64);
const name = z.string().max(200, 'At most 200 characters.');

/** Tags: list (viewers), create/rename/delete and add/remove on people (organizers). */
export const tagsRouter = router({
  list: chapterProcedure('viewer').query(({ ctx }) => listTags(ctx.app.db.kysely, ctx.chapterId)),

  create: chapterProcedure('organizer')
    .input(z.object({ name }))
    .mutation(({ ctx, input }) =>
      createTag(ctx.app.db.kysely, ctx.chapterId, ctx.auth.userId, input.name, ctx.app.clock),
    ),

  rename: chapterProcedure('organizer')
    .input(z.object({ tagId: id, name }))
    .mutation(async ({ ctx, input }) => {
      await renameTag(
        ctx.app.db.kysely,
        ctx.chapterId,
        ctx.auth.userId,
        input.tagId,
        input.name,
        ctx.app.clock,
      );
      return { ok: true };
    }),

  delete: chapterProcedure('organizer')
    .input(z.object({ tagId: id }))
    .mutation(async ({ ctx, input }) => {
      await deleteTag(
        ctx.app.db.kysely,
        ctx.chapterId,
        ctx.auth.userId,
        input.tagId,
        ctx.app.clock,
      );
      return { ok: true };
    }),

  /** On a list of people, or on everyone matching the people list's filter. */
  tagPeople: chapterProcedure('organizer')
    .input(
      z.object({
        tagId: id,
        action: z.enum(['add', 'remove']),
        personIds: z.array(id).max(1000, 'At most 1000 people; use a filter.').optional(),
        filter: peopleFilterInput.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const target = input.personIds
        ? { personIds: input.personIds }
        : { filter: input.filter ?? {} };
      const changed = await tagPeople(
        ctx.app.db.kysely,
        ctx.chapterId,
        ctx.auth.userId,
        input.tagId,
        target,
        input.action,
        ctx.app.clock,
      );
      return { changed };
    }),
});
