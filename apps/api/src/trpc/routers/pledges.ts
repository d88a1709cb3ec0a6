import {
  listPledges,
  type PledgeStatus,
  pledgeInput,
  readCounterSums,
} from '@groundwork/core/pledges';
import {
  createChapterPledge,
  getChapterPledge,
  getSignatureDetail,
  listSignatures,
  listSignaturesInput,
  pledgeStats,
  pledgeStatsInput,
  previewBody,
  setChapterPledgeStatus,
  signatureDetailInput,
  updateChapterPledge,
} from '@groundwork/core/pledges/admin';
import { z } from 'zod';
import type { TrpcContext } from '../context.ts';
import { router } from '../init.ts';
import { chapterProcedure } from '../procedures.ts';

const pledgeIdInput = z.object({ pledgeId: z.string().trim().min(1, 'Required.').max(64) });

/**
 * The organizers' pledge pages: the list, create/edit with a preview, publish/close, the
 * signatures table and detail, and statistics. Viewers read; organizers change. The CSV export
 * is a plain HTTP route (apps/api/src/exports), as a download cannot go through tRPC.
 */
export const pledgesRouter = router({
  list: chapterProcedure('viewer').query(({ ctx }) =>
    listPledges(ctx.app.db.kysely, ctx.chapterId),
  ),

  get: chapterProcedure('viewer')
    .input(pledgeIdInput)
    .query(async ({ ctx, input }) => {
      const db = ctx.app.db.kysely;
      const pledge = await getChapterPledge(db, ctx.chapterId, input.pledgeId);
      const counts = (await readCounterSums(db, [pledge.id])).get(pledge.id);
      return {
        pledge,
        confirmed: counts?.confirmed ?? 0,
        pending: counts?.pending ?? 0,
        publicUrl: `${ctx.app.config.publicUrl}/p/${pledge.slug}`,
      };
    }),

  create: chapterProcedure('organizer')
    .input(pledgeInput)
    .mutation(({ ctx, input }) => {
      const { chapterId: _, ...data } = input;
      return createChapterPledge(ctx.app.db.kysely, actor(ctx), data, ctx.app.clock);
    }),

  update: chapterProcedure('organizer')
    .input(pledgeIdInput)
    .input(pledgeInput)
    .mutation(async ({ ctx, input }) => {
      const { chapterId: _, pledgeId, ...data } = input;
      const pledge = await updateChapterPledge(
        ctx.app.db.kysely,
        actor(ctx),
        pledgeId,
        data,
        ctx.app.clock,
      );
      ctx.app.signing.invalidate(pledge.id);
      return pledge;
    }),

  publish: chapterProcedure('organizer')
    .input(pledgeIdInput)
    .mutation(({ ctx, input }) => changeStatus(ctx, input.pledgeId, 'live')),

  close: chapterProcedure('organizer')
    .input(pledgeIdInput)
    .mutation(({ ctx, input }) => changeStatus(ctx, input.pledgeId, 'closed')),

  /** The body as the public page will show it: safe HTML from the server's Markdown renderer. */
  preview: chapterProcedure('viewer')
    .input(z.object({ body: z.string().max(20_000, 'At most 20,000 characters.').default('') }))
    .query(({ input }) => ({ bodyHtml: previewBody(input.body) })),

  signatures: chapterProcedure('viewer')
    .input(listSignaturesInput)
    .query(({ ctx, input }) => {
      const { chapterId: _, ...query } = input;
      return listSignatures(ctx.app.db.kysely, ctx.chapterId, query);
    }),

  signature: chapterProcedure('viewer')
    .input(signatureDetailInput)
    .query(({ ctx, input }) =>
      getSignatureDetail(ctx.app.db.kysely, ctx.chapterId, input.signatureId),
    ),

  stats: chapterProcedure('viewer')
    .input(pledgeStatsInput)
    .query(({ ctx, input }) =>
      pledgeStats(
        ctx.app.db.kysely,
        ctx.chapterId,
        { pledgeId: input.pledgeId, days: input.days },
        ctx.app.clock,
      ),
    ),
});

type ChapterCtx = TrpcContext & { auth: { userId: string }; chapterId: string };

function actor(ctx: ChapterCtx) {
  return { chapterId: ctx.chapterId, userId: ctx.auth.userId };
}

async function changeStatus(ctx: ChapterCtx, pledgeId: string, status: PledgeStatus) {
  const pledge = await setChapterPledgeStatus(
    ctx.app.db.kysely,
    actor(ctx),
    pledgeId,
    status,
    ctx.app.clock,
  );
  // The public pages and the signing service cache pledges: drop this one.
  ctx.app.signing.invalidate(pledge.id);
  return pledge;
}
