/**
 * `POST /admin/api/imports?chapterId=…&dryRun=1|0&delimiter=,|;&mapping=<JSON>` with the CSV
 * file as the raw body: the people import, streamed from the request (the file is never held
 * whole in memory). Organizers only (session cookie + the Origin check of /admin/api/*).
 * The answer is NDJSON: `{"progress":rows}` lines while it runs, then `{"report":…}`
 * (or `{"error":…}`). A dry run writes nothing; the admin offers the real run only after a
 * dry run without a fatal error (docs/privacy.md).
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getRole, hasRole } from '@groundwork/core/chapters';
import { AppError } from '@groundwork/core/errors';
import { importPeople } from '@groundwork/core/imports';
import type { Context } from 'hono';
import type { AppContext, HonoEnv } from '../context.ts';

/**
 * The import handler (mounted by mountExports).
 *
 * @example
 * app.post('/admin/api/imports', (c) => peopleImport(c, ctx));
 */
export async function peopleImport(c: Context<HonoEnv>, ctx: AppContext): Promise<Response> {
  const auth = c.get('auth');
  if (!auth) throw new AppError('UNAUTHORIZED', 'Please sign in.');
  const chapterId = c.req.query('chapterId') ?? '';
  const role = chapterId ? await getRole(ctx.db.kysely, auth.userId, chapterId) : null;
  if (!role || !hasRole(role, 'organizer')) {
    throw new AppError('FORBIDDEN', 'Imports need the organizer role in this chapter.');
  }
  let mapping: unknown;
  try {
    mapping = JSON.parse(c.req.query('mapping') ?? '');
  } catch {
    throw new AppError('BAD_REQUEST', 'The column mapping is missing.', {
      fields: { mapping: 'Required (JSON).' },
    });
  }
  const dryRun = c.req.query('dryRun') !== '0';
  const delimiter = c.req.query('delimiter') === ';' ? ';' : ',';
  const raw = c.req.raw.body;
  if (!raw) throw new AppError('BAD_REQUEST', 'The file is empty.', { fields: { file: 'Empty.' } });
  const input = Readable.fromWeb(raw as unknown as NodeReadableStream<Uint8Array>);
  const encoder = new TextEncoder();
  const line = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        const report = await importPeople(
          ctx.db.kysely,
          chapterId,
          auth.userId,
          input,
          mapping,
          { dryRun, delimiter, onProgress: (rows) => controller.enqueue(line({ progress: rows })) },
          ctx.clock,
        );
        controller.enqueue(line({ report }));
      } catch (error) {
        const known = error instanceof AppError;
        if (!known) ctx.log.error('import failed', { error: String(error) });
        controller.enqueue(
          line({
            error: known
              ? { code: error.code, message: error.message, fields: error.fields }
              : { code: 'INTERNAL_SERVER_ERROR', message: 'The import failed.' },
          }),
        );
      } finally {
        controller.close();
      }
    },
  });
  return new Response(body, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
