import {
  chapterInput,
  chapterView,
  createOwnedChapter,
  getChapter,
  updateChapter,
  updateChapterInput,
} from '@groundwork/core/chapters';
import { router } from '../init.ts';
import { authedProcedure, chapterProcedure } from '../procedures.ts';

export const chaptersRouter = router({
  // Any owner may start another chapter; on an instance without chapters, anyone signed in.
  create: authedProcedure
    .input(chapterInput)
    .mutation(({ ctx, input }) =>
      createOwnedChapter(ctx.app.db.kysely, input, ctx.auth.userId, ctx.app.clock),
    ),

  get: chapterProcedure('viewer').query(async ({ ctx }) => ({
    ...chapterView(await getChapter(ctx.app.db.kysely, ctx.chapterId)),
    role: ctx.role,
  })),

  update: chapterProcedure('owner')
    .input(updateChapterInput)
    .mutation(({ ctx, input }) =>
      updateChapter(ctx.app.db.kysely, input, ctx.auth.userId, ctx.app.clock),
    ),
});
