import { auditQueryInput, listAudit } from '@groundwork/core/privacy';
import { router } from '../init.ts';
import { chapterProcedure } from '../procedures.ts';

/** The chapter's audit log (organizers and owners: it names people's actions). */
export const auditRouter = router({
  list: chapterProcedure('organizer')
    .input(auditQueryInput)
    .query(({ ctx, input }) => {
      const { chapterId: _, ...options } = input;
      return listAudit(ctx.app.db.kysely, ctx.chapterId, options);
    }),
});
