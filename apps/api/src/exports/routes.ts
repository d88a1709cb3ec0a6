/**
 * Downloads of personal data for organizers: `GET /admin/api/pledges/:pledgeId/signatures.csv`
 * (query: `chapterId`, and the signatures table's filters `search`, `status`, `source` — empty
 * for the hosted page —, `from`, `to`). Session cookie, organizer role, audit-logged, streamed.
 */
import { getRole, hasRole } from '@groundwork/core/chapters';
import { AppError } from '@groundwork/core/errors';
import { exportSignatures, recordSignatureExport } from '@groundwork/core/pledges/admin';
import type { Context, Hono } from 'hono';
import { csrfProtection, sessionMiddleware } from '../auth/index.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import { csvLines, utf8Bom } from './csv.ts';
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
  app.post('/admin/api/imports', (c) => peopleImport(c, ctx));
}

async function signaturesCsv(c: Context<HonoEnv>, ctx: AppContext): Promise<Response> {
  const auth = c.get('auth');
  if (!auth) throw new AppError('UNAUTHORIZED', 'Please sign in.');
  // A download link followed from another site would still carry the Lax cookie: refuse it.
  if (c.req.header('sec-fetch-site') === 'cross-site') {
    throw new AppError('FORBIDDEN', 'Cross-site request refused: start the export from the admin.');
  }
  const chapterId = c.req.query('chapterId') ?? '';
  const role = chapterId ? await getRole(ctx.db.kysely, auth.userId, chapterId) : null;
  // Exports carry every signer's e-mail: organizers and owners only, not viewers.
  if (!role || !hasRole(role, 'organizer')) {
    throw new AppError('FORBIDDEN', 'Exports need the organizer role in this chapter.');
  }
  const { header, filter, batches } = await exportSignatures(
    ctx.db.kysely,
    chapterId,
    filterFrom(c),
  );
  const actor = { chapterId, userId: auth.userId };
  const iterator = batches[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let rows = 0;
  let audited = false;
  const audit = async (completed: boolean) => {
    if (audited) return;
    audited = true;
    await recordSignatureExport(ctx.db.kysely, actor, filter, { rows, completed }, ctx.clock);
  };
  // Pull-based: the next batch is read only when the client has taken the previous one, so
  // memory holds one batch whatever the number of rows.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(utf8Bom + csvLines([header])));
    },
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          await audit(true);
          controller.close();
          return;
        }
        rows += next.value.length;
        controller.enqueue(encoder.encode(csvLines(next.value)));
      } catch (error) {
        ctx.log.error('signature export failed', { error });
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
      await audit(false);
    },
  });
  const day = ctx.clock.now().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="signatures-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
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
