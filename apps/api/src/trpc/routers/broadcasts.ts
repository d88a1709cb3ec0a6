import {
  broadcastInput,
  countRecipients,
  createBroadcast,
  getBroadcast,
  listBroadcasts,
  previewBroadcast,
  segmentInput,
  senderOf,
  sendTestBroadcast,
  setSender,
  startBroadcast,
  updateBroadcast,
} from '@groundwork/core/broadcasts';
import { z } from 'zod';
import { router } from '../init.ts';
import { chapterProcedure } from '../procedures.ts';

const id = z.string().trim().min(1, 'Required.').max(64);
const broadcastId = z.object({ broadcastId: id });

/**
 * Broadcasts: viewers read (list, progress, preview); organizers write, test and send. The
 * sender job (apps/api/src/workers/broadcasts.ts) queues the mails once a broadcast starts.
 */
export const broadcastsRouter = router({
  list: chapterProcedure('viewer').query(({ ctx }) =>
    listBroadcasts(ctx.app.db.kysely, ctx.chapterId),
  ),

  get: chapterProcedure('viewer')
    .input(broadcastId)
    .query(({ ctx, input }) => getBroadcast(ctx.app.db.kysely, ctx.chapterId, input.broadcastId)),

  preview: chapterProcedure('viewer')
    .input(broadcastId)
    .query(({ ctx, input }) =>
      previewBroadcast(
        ctx.app.db.kysely,
        ctx.chapterId,
        input.broadcastId,
        ctx.app.config.publicUrl,
      ),
    ),

  reach: chapterProcedure('viewer')
    .input(z.object({ segment: segmentInput }))
    .query(async ({ ctx, input }) => ({
      recipients: await countRecipients(ctx.app.db.kysely, ctx.chapterId, input.segment),
    })),

  create: chapterProcedure('organizer')
    .input(broadcastInput)
    .mutation(({ ctx, input }) => {
      const { chapterId: _, ...data } = input;
      return createBroadcast(
        ctx.app.db.kysely,
        ctx.chapterId,
        ctx.auth.userId,
        data,
        ctx.app.clock,
      );
    }),

  update: chapterProcedure('organizer')
    .input(broadcastId)
    .input(broadcastInput)
    .mutation(({ ctx, input }) => {
      const { chapterId: _, broadcastId: bid, ...data } = input;
      return updateBroadcast(ctx.app.db.kysely, ctx.chapterId, bid, data, ctx.app.clock);
    }),

  sendTest: chapterProcedure('organizer')
    .input(broadcastId)
    .mutation(async ({ ctx, input }) => {
      await sendTestBroadcast(
        ctx.app.db.kysely,
        ctx.chapterId,
        input.broadcastId,
        { userId: ctx.auth.userId, publicUrl: ctx.app.config.publicUrl },
        ctx.app.clock,
      );
      return { ok: true };
    }),

  send: chapterProcedure('organizer')
    .input(broadcastId)
    .mutation(async ({ ctx, input }) => {
      await startBroadcast(
        ctx.app.db.kysely,
        ctx.chapterId,
        ctx.auth.userId,
        input.broadcastId,
        ctx.app.clock,
      );
      return getBroadcast(ctx.app.db.kysely, ctx.chapterId, input.broadcastId);
    }),

  sender: chapterProcedure('viewer').query(({ ctx }) => senderOf(ctx.app.db.kysely, ctx.chapterId)),

  setSender: chapterProcedure('owner')
    .input(
      z.object({
        senderName: z
          .string()
          .trim()
          .max(200)
          .regex(/^[^\r\n]*$/, 'One line.')
          .nullable(),
        replyTo: z.email({ error: 'Must be an e-mail address.' }).nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await setSender(
        ctx.app.db.kysely,
        ctx.chapterId,
        { senderName: input.senderName || null, replyTo: input.replyTo },
        ctx.app.clock,
      );
      return senderOf(ctx.app.db.kysely, ctx.chapterId);
    }),
});
