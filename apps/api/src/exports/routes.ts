/**
 * Downloads of personal data for organizers: `GET /admin/api/pledges/:pledgeId/signatures.csv`
 * (query: `chapterId`, and the signatures table's filters `search`, `status`, `source` — empty
 * for the hosted page —, `from`, `to`), `GET /admin/api/events/:eventId/attendees.csv`
 * (query: `chapterId`). Session cookie, organizer role, audit-logged, streamed.
 */
import { exportSignatures, recordSignatureExport } from '@groundwork/core/pledges/admin';
import type { Context, Hono } from 'hono';
import { csrfProtection, sessionMiddleware } from '../auth/index.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import { attendeesCsv } from './attendees.ts';
import { authorizeExport, csvDownload } from './download.ts';
import { peopleImport } from './imports.ts';
import { peopleCsv } from './people.ts';

/**
 * Mounts the export routes (before the admin SPA's catch-all).
 *
 * @example
 * mountExports(app, ctx);
 */
export function mountExports(app: Hono<HonoEnv>, ctx: AppContext): void {
  app.use('/admin/api/*', csrfProtection(ctx.config), sessionMiddleware(ctx));
  app.get('/admin/api/pledges/:pledgeId/signatures.csv', (c) => signaturesCsv(c, ctx));
  app.get('/admin/api/people.csv', (c) => peopleCsv(c, ctx));
  app.get('/admin/api/events/:eventId/attendees.csv', (c) => attendeesCsv(c, ctx));
  app.post('/admin/api/imports', (c) => peopleImport(c, ctx));
}

async function signaturesCsv(c: Context<HonoEnv>, ctx: AppContext): Promise<Response> {
  const { chapterId, userId } = await authorizeExport(c, ctx);
  const { header, filter, batches } = await exportSignatures(
    ctx.db.kysely,
    chapterId,
    filterFrom(c),
  );
  return csvDownload(ctx, {
    name: 'signatures',
    header,
    batches,
    onEnd: (result) =>
      recordSignatureExport(ctx.db.kysely, { chapterId, userId }, filter, result, ctx.clock),
  });
}

/** The table's filters from the query string; `source=` (empty) means the hosted page. */
function filterFrom(c: Context<HonoEnv>): Record<string, unknown> {
  const q = (name: string) => c.req.query(name);
  const source = q('source');
  return {
    pledgeId: c.req.param('pledgeId') ?? '',
    ...(q('search') ? { search: q('search') } : {}),
    ...(q('status') ? { status: q('status') } : {}),
    ...(source !== undefined ? { source: source === '' ? null : source } : {}),
    ...(q('from') ? { from: q('from') } : {}),
    ...(q('to') ? { to: q('to') } : {}),
  };
}
