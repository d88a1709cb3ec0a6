import {
  addNote,
  deleteNote,
  getPerson,
  listPeople,
  listPeopleInput,
  mergePeople,
  personEditInput,
  updatePerson,
  withdrawConsentFor,
} from '@groundwork/core/people';
import { erasePerson, retentionPlan, setRetentionMonths } from '@groundwork/core/privacy';
import { z } from 'zod';
import { router } from '../init.ts';
import { chapterProcedure } from '../procedures.ts';

const id = z.string().trim().min(1, 'Required.').max(64);
const personIdInput = z.object({ personId: id });

/**
 * The organizers' people pages: the list, a person with their timeline, edit, notes, merge,
 * consent withdrawal on their behalf, erasure (audit-logged), and the retention settings.
 * Viewers read; organizers change; erasure needs an organizer too. The CSV export is the
 * plain HTTP route `GET /admin/api/people.csv` (apps/api/src/exports/people.ts).
 */
export const peopleRouter = router({
  list: chapterProcedure('viewer')
    .input(listPeopleInput)
    .query(({ ctx, input }) => {
      const { chapterId: _, ...options } = input;
      return listPeople(ctx.app.db.kysely, ctx.chapterId, options);
    }),

  get: chapterProcedure('viewer')
    .input(personIdInput)
    .query(({ ctx, input }) => getPerson(ctx.app.db.kysely, ctx.chapterId, input.personId)),

  update: chapterProcedure('organizer')
    .input(personEditInput)
    .mutation(async ({ ctx, input }) => {
      const { chapterId: _, ...edit } = input;
      await updatePerson(ctx.app.db.kysely, ctx.chapterId, ctx.auth.userId, edit, ctx.app.clock);
      return { ok: true };
    }),

  addNote: chapterProcedure('organizer')
    .input(z.object({ personId: id, body: z.string().max(5000, 'At most 5000 characters.') }))
    .mutation(async ({ ctx, input }) => ({
      id: await addNote(
        ctx.app.db.kysely,
        ctx.chapterId,
        ctx.auth.userId,
        input.personId,
        input.body,
        ctx.app.clock,
      ),
    })),

  deleteNote: chapterProcedure('organizer')
    .input(z.object({ noteId: id }))
    .mutation(async ({ ctx, input }) => {
      await deleteNote(
        ctx.app.db.kysely,
        ctx.chapterId,
        ctx.auth.userId,
        input.noteId,
        ctx.app.clock,
      );
      return { ok: true };
    }),

  merge: chapterProcedure('organizer')
    .input(z.object({ keepId: id, mergeId: id }))
    .mutation(async ({ ctx, input }) => {
      const result = await mergePeople(
        ctx.app.db.kysely,
        ctx.chapterId,
        ctx.auth.userId,
        input.keepId,
        input.mergeId,
        { publicUrl: ctx.app.config.publicUrl, clock: ctx.app.clock },
      );
      // The merged duplicate signature left its counter: refresh the cached counts.
      for (const pledgeId of result.pledgesChanged) await ctx.app.signing.onCountChanged(pledgeId);
      return result;
    }),

  withdrawConsent: chapterProcedure('organizer')
    .input(personIdInput)
    .mutation(async ({ ctx, input }) => {
      const n = await withdrawConsentFor(
        ctx.app.db.kysely,
        ctx.chapterId,
        ctx.auth.userId,
        input.personId,
        ctx.app.clock,
      );
      return { withdrawn: n };
    }),

  erase: chapterProcedure('organizer')
    .input(personIdInput)
    .mutation(async ({ ctx, input }) => {
      await erasePerson(
        ctx.app.db.kysely,
        {
          chapterId: ctx.chapterId,
          personId: input.personId,
          actorUserId: ctx.auth.userId,
          via: 'admin',
        },
        ctx.app.clock,
      );
      return { ok: true };
    }),

  retention: chapterProcedure('viewer').query(({ ctx }) =>
    retentionPlan(ctx.app.db.kysely, ctx.chapterId),
  ),

  setRetention: chapterProcedure('owner')
    .input(z.object({ months: z.number().int().min(1, 'At least 1.').max(120, 'At most 120.') }))
    .mutation(async ({ ctx, input }) => {
      await setRetentionMonths(ctx.app.db.kysely, ctx.chapterId, input.months, ctx.app.clock);
      return retentionPlan(ctx.app.db.kysely, ctx.chapterId);
    }),
});
