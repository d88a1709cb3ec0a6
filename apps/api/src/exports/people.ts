/**
 * `GET /admin/api/people.csv?chapterId=…&<the people list's filters>`: every person matching
 * the filter, streamed (one keyset batch in memory at a time), formula-safe (F's csvLines),
 * organizers only, audit-logged as `people.exported` with the filter and row count.
 */
import { recordAudit } from '@groundwork/core/audit';
import { parseInput } from '@groundwork/core/errors';
import { peopleBatches, peopleFilterInput } from '@groundwork/core/people';
import type { Context } from 'hono';
import type { AppContext, HonoEnv } from '../context.ts';
import { authorizeExport, csvDownload } from './download.ts';

const header = ['email', 'name', 'postal_code', 'locale', 'source', 'consent', 'created_at'];
const filterKeys = ['search', 'pledgeId', 'eventId', 'tagId', 'consent', 'source', 'from', 'to'];

/**
 * The export handler (mounted by mountExports, behind the session and CSRF middlewares).
 *
 * @example
 * app.get('/admin/api/people.csv', (c) => peopleCsv(c, ctx));
 */
export async function peopleCsv(c: Context<HonoEnv>, ctx: AppContext): Promise<Response> {
  const { chapterId, userId } = await authorizeExport(c, ctx);
  const raw = Object.fromEntries(
    filterKeys.flatMap((k) => (c.req.query(k) ? [[k, c.req.query(k)]] : [])),
  );
  const filter = parseInput(peopleFilterInput, raw);
  return csvDownload(ctx, {
    name: 'people',
    header,
    batches: asCells(peopleBatches(ctx.db.kysely, chapterId, filter)),
    onEnd: ({ rows, completed }) =>
      recordAudit(
        ctx.db.kysely,
        {
          chapterId,
          actorUserId: userId,
          action: 'people.exported',
          details: { filter, rows, completed },
        },
        ctx.clock,
      ),
  });
}

async function* asCells(batches: ReturnType<typeof peopleBatches>): AsyncGenerator<string[][]> {
  for await (const batch of batches) {
    yield batch.map((p) => [
      p.email,
      p.name ?? '',
      p.postalCode ?? '',
      p.locale,
      p.source ?? '',
      p.consent ? 'yes' : 'no',
      p.createdAt,
    ]);
  }
}
