/**
 * `GET /admin/api/people.csv?chapterId=…&<the people list's filters>`: every person matching
 * the filter, streamed (one keyset batch in memory at a time), formula-safe (F's csvLines),
 * organizers only, audit-logged as `people.exported` with the filter and row count.
 */
import { recordAudit } from '@groundwork/core/audit';
import { getRole, hasRole } from '@groundwork/core/chapters';
import { AppError, parseInput } from '@groundwork/core/errors';
import { peopleBatches, peopleFilterInput } from '@groundwork/core/people';
import type { Context } from 'hono';
import type { AppContext, HonoEnv } from '../context.ts';
import { csvLines, utf8Bom } from './csv.ts';

const header = ['email', 'name', 'postal_code', 'locale', 'source', 'consent', 'created_at'];
const filterKeys = ['search', 'pledgeId', 'eventId', 'tagId', 'consent', 'source', 'from', 'to'];

/**
 * The export handler (mounted by mountExports, behind the session and CSRF middlewares).
 *
 * @example
 * app.get('/admin/api/people.csv', (c) => peopleCsv(c, ctx));
 */
export async function peopleCsv(c: Context<HonoEnv>, ctx: AppContext): Promise<Response> {
  const auth = c.get('auth');
  if (!auth) throw new AppError('UNAUTHORIZED', 'Please sign in.');
  if (c.req.header('sec-fetch-site') === 'cross-site') {
    throw new AppError('FORBIDDEN', 'Cross-site request refused: start the export from the admin.');
  }
  const chapterId = c.req.query('chapterId') ?? '';
  const role = chapterId ? await getRole(ctx.db.kysely, auth.userId, chapterId) : null;
  if (!role || !hasRole(role, 'organizer')) {
    throw new AppError('FORBIDDEN', 'Exports need the organizer role in this chapter.');
  }
  const raw = Object.fromEntries(
    filterKeys.flatMap((k) => (c.req.query(k) ? [[k, c.req.query(k)]] : [])),
  );
  const filter = parseInput(peopleFilterInput, raw);
  const iterator = peopleBatches(ctx.db.kysely, chapterId, filter)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let rows = 0;
  let audited = false;
  const audit = async (completed: boolean) => {
    if (audited) return;
    audited = true;
    await recordAudit(
      ctx.db.kysely,
      {
        chapterId,
        actorUserId: auth.userId,
        action: 'people.exported',
        details: { filter, rows, completed },
      },
      ctx.clock,
    );
  };
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
        const lines = next.value.map((p) => [
          p.email,
          p.name ?? '',
          p.postalCode ?? '',
          p.locale,
          p.source ?? '',
          p.consent ? 'yes' : 'no',
          p.createdAt,
        ]);
        controller.enqueue(encoder.encode(csvLines(lines)));
      } catch (error) {
        ctx.log.error('people export failed', { error: String(error) });
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
      'Content-Disposition': `attachment; filename="people-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
