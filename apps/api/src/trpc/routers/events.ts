import {
  addWalkIn,
  cancelEvent,
  checkIn,
  createEvent,
  doorCounts,
  eventInput,
  eventStats,
  getEvent,
  listAttendees,
  listEvents,
  messageAttendees,
  pickText,
  publishEvent,
  setArrived,
  toEventInput,
  updateEvent,
  walkInInput,
} from '@groundwork/core/events';
import { z } from 'zod';
import type { TrpcContext } from '../context.ts';
import { router } from '../init.ts';
import { chapterProcedure } from '../procedures.ts';

const eventIdInput = z.object({ eventId: z.string().trim().min(1, 'Required.').max(64) });

type ChapterCtx = TrpcContext & { auth: { userId: string }; chapterId: string };

function actor(ctx: ChapterCtx) {
  return { chapterId: ctx.chapterId, userId: ctx.auth.userId };
}

function mailOptions(ctx: ChapterCtx) {
  return { publicUrl: ctx.app.config.publicUrl, clock: ctx.app.clock };
}

/**
 * The organizers' event pages: list, create/edit/publish/cancel, attendees and waitlist, the
 * check-in screen (code, search, walk-ins, live counts), messages, statistics. Viewers read;
 * organizers change. The attendee CSV is the streamed HTTP route
 * `GET /admin/api/events/:eventId/attendees.csv` (apps/api/src/exports/attendees.ts).
 */
export const eventsRouter = router({
  list: chapterProcedure('viewer').query(async ({ ctx }) => {
    const db = ctx.app.db.kysely;
    const events = await listEvents(db, ctx.chapterId);
    return Promise.all(
      events.map(async (e) => ({
        id: e.id,
        slug: e.slug,
        status: e.status,
        title: pickText(e.title, e.defaultLocale, e.defaultLocale),
        startsAt: e.startsAt,
        timeZone: e.timeZone,
        capacity: e.capacity,
        ...(await doorCounts(db, e.id)),
      })),
    );
  }),

  get: chapterProcedure('viewer')
    .input(eventIdInput)
    .query(async ({ ctx, input }) => {
      const event = await getEvent(ctx.app.db.kysely, ctx.chapterId, input.eventId);
      return {
        id: event.id,
        status: event.status,
        seatsTaken: event.seatsTaken,
        title: pickText(event.title, event.defaultLocale, event.defaultLocale),
        input: toEventInput(event),
        publicUrl: `${ctx.app.config.publicUrl}/e/${event.slug}`,
        counts: await doorCounts(ctx.app.db.kysely, event.id),
      };
    }),

  create: chapterProcedure('organizer')
    .input(eventInput)
    .mutation(async ({ ctx, input }) => {
      const { chapterId: _, ...data } = input;
      const event = await createEvent(ctx.app.db.kysely, actor(ctx), data, ctx.app.clock);
      return { id: event.id, slug: event.slug };
    }),

  update: chapterProcedure('organizer')
    .input(eventIdInput)
    .input(eventInput)
    .mutation(async ({ ctx, input }) => {
      const { chapterId: _, eventId, ...data } = input;
      const event = await updateEvent(
        ctx.app.db.kysely,
        actor(ctx),
        eventId,
        data,
        mailOptions(ctx),
      );
      return { id: event.id, slug: event.slug, status: event.status };
    }),

  publish: chapterProcedure('organizer')
    .input(eventIdInput)
    .mutation(async ({ ctx, input }) => {
      const e = await publishEvent(ctx.app.db.kysely, actor(ctx), input.eventId, ctx.app.clock);
      return { id: e.id, status: e.status };
    }),

  cancel: chapterProcedure('organizer')
    .input(eventIdInput)
    .mutation(async ({ ctx, input }) => {
      const e = await cancelEvent(ctx.app.db.kysely, actor(ctx), input.eventId, mailOptions(ctx));
      return { id: e.id, status: e.status };
    }),

  attendees: chapterProcedure('viewer')
    .input(eventIdInput)
    .input(
      z.object({
        search: z.string().max(200).optional(),
        status: z.enum(['confirmed', 'waitlisted', 'cancelled']).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      listAttendees(ctx.app.db.kysely, ctx.chapterId, input.eventId, {
        ...(input.search ? { search: input.search } : {}),
        ...(input.status ? { status: input.status } : {}),
      }),
    ),

  counts: chapterProcedure('viewer')
    .input(eventIdInput)
    .query(async ({ ctx, input }) => {
      await getEvent(ctx.app.db.kysely, ctx.chapterId, input.eventId);
      return doorCounts(ctx.app.db.kysely, input.eventId);
    }),

  checkIn: chapterProcedure('organizer')
    .input(eventIdInput)
    .input(z.object({ code: z.string().trim().min(1, 'Required.').max(32) }))
    .mutation(({ ctx, input }) =>
      checkIn(ctx.app.db.kysely, actor(ctx), input.eventId, input.code, ctx.app.clock),
    ),

  setArrived: chapterProcedure('organizer')
    .input(eventIdInput)
    .input(z.object({ rsvpId: z.string().min(1).max(64), arrived: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await setArrived(
        ctx.app.db.kysely,
        actor(ctx),
        input.eventId,
        input.rsvpId,
        input.arrived,
        ctx.app.clock,
      );
      return { ok: true };
    }),

  walkIn: chapterProcedure('organizer')
    .input(eventIdInput)
    .input(walkInInput)
    .mutation(({ ctx, input }) => {
      const { chapterId: _, eventId, ...data } = input;
      return addWalkIn(ctx.app.db.kysely, actor(ctx), eventId, data, ctx.app.clock);
    }),

  message: chapterProcedure('organizer')
    .input(eventIdInput)
    .input(
      z.object({
        subject: z.string().trim().min(1, 'Required.').max(200, 'At most 200 characters.'),
        text: z.string().trim().min(1, 'Required.').max(20_000, 'At most 20,000 characters.'),
        includeWaitlist: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => ({
      queued: await messageAttendees(
        ctx.app.db.kysely,
        actor(ctx),
        input.eventId,
        { subject: input.subject, text: input.text, includeWaitlist: input.includeWaitlist },
        mailOptions(ctx),
      ),
    })),

  stats: chapterProcedure('viewer')
    .input(eventIdInput)
    .query(({ ctx, input }) => eventStats(ctx.app.db.kysely, ctx.chapterId, input.eventId)),
});
