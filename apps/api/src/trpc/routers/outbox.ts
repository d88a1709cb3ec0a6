import {
  getOutboxMessage,
  listOutbox,
  listOutboxInput,
  outboxMessageInput,
  retryOutboxMessage,
} from '@groundwork/core/outbox';
import { router } from '../init.ts';
import { chapterProcedure } from '../procedures.ts';

/** The admin's Outbox page: every mail queued for the chapter, readable even when not sent. */
export const outboxRouter = router({
  list: chapterProcedure('viewer')
    .input(listOutboxInput)
    .query(({ ctx, input }) => listOutbox(ctx.app.db.kysely, ctx.chapterId, input)),

  get: chapterProcedure('viewer')
    .input(outboxMessageInput)
    .query(({ ctx, input }) =>
      // A viewer reads mail but must not act for its recipients: their links are cut short.
      getOutboxMessage(ctx.app.db.kysely, ctx.chapterId, input.id, ctx.app.signing.expandMail, {
        hideTokens: ctx.role === 'viewer',
      }),
    ),

  retry: chapterProcedure('organizer')
    .input(outboxMessageInput)
    .mutation(({ ctx, input }) =>
      retryOutboxMessage(
        ctx.app.db.kysely,
        { chapterId: ctx.chapterId, id: input.id, actorUserId: ctx.auth.userId },
        ctx.app.clock,
      ),
    ),
});
