/**
 * `GET /admin/api/events/:eventId/attendees.csv?chapterId=…`: every RSVP of the event
 * (confirmed, waitlisted, cancelled), streamed one keyset batch at a time, formula-safe,
 * organizers only, audit-logged as `event.exported` with the row count.
 */
import { exportAttendees, recordAttendeeExport } from '@groundwork/core/events';
import type { Context } from 'hono';
import type { AppContext, HonoEnv } from '../context.ts';
import { authorizeExport, csvDownload } from './download.ts';

/**
 * The export handler (mounted by mountExports, behind the session and CSRF middlewares).
 *
 * @example
 * app.get('/admin/api/events/:eventId/attendees.csv', (c) => attendeesCsv(c, ctx));
 */
export async function attendeesCsv(c: Context<HonoEnv>, ctx: AppContext): Promise<Response> {
  const actor = await authorizeExport(c, ctx);
  const eventId = c.req.param('eventId') ?? '';
  const { slug, header, batches } = await exportAttendees(ctx.db.kysely, actor.chapterId, eventId);
  return csvDownload(ctx, {
    name: `${slug}-attendees`,
    header,
    batches,
    onEnd: (result) => recordAttendeeExport(ctx.db.kysely, actor, eventId, result, ctx.clock),
  });
}
