/**
 * What every personal-data download shares: who may start it (signed in, organizer of the
 * chapter, not from another site) and how it is sent (a pull-based CSV stream that holds one
 * batch in memory, then an audit entry saying how many rows left and whether it finished).
 */
import type { Context } from 'hono';
import { requireChapterRole } from '../auth/index.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import { csvLines, utf8Bom } from './csv.ts';

/**
 * Checks the request may download the chapter's personal data and returns who asks.
 *
 * @example
 * const { chapterId, userId } = await authorizeExport(c, ctx);
 */
export function authorizeExport(
  c: Context<HonoEnv>,
  ctx: AppContext,
): Promise<{ chapterId: string; userId: string }> {
  // Exports carry every person's e-mail: organizers and owners only, not viewers.
  return requireChapterRole(c, ctx, 'organizer', {
    crossSite: 'Cross-site request refused: start the export from the admin.',
    role: 'Exports need the organizer role in this chapter.',
  });
}

export interface CsvDownload {
  /** File name before the date, e.g. `signatures` → `signatures-2026-11-26.csv`. */
  name: string;
  header: string[];
  /** Rows in batches (already as cells); read only as fast as the client downloads. */
  batches: AsyncIterable<string[][]>;
  /** Called once: when the last batch was sent (`completed`), or when the client gave up. */
  onEnd(result: { rows: number; completed: boolean }): Promise<void>;
}

/**
 * A streamed, formula-safe CSV attachment (UTF-8 with a BOM for spreadsheet apps).
 *
 * @example
 * return csvDownload(ctx, { name: 'people', header, batches, onEnd: (r) => audit(r) });
 */
export function csvDownload(ctx: AppContext, download: CsvDownload): Response {
  const iterator = download.batches[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let rows = 0;
  let ended = false;
  const end = async (completed: boolean) => {
    if (ended) return;
    ended = true;
    await download.onEnd({ rows, completed });
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(utf8Bom + csvLines([download.header])));
    },
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          await end(true);
          controller.close();
          return;
        }
        rows += next.value.length;
        controller.enqueue(encoder.encode(csvLines(next.value)));
      } catch (error) {
        ctx.log.error('export failed', { export: download.name, error: String(error) });
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
      await end(false);
    },
  });
  const day = ctx.clock.now().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${download.name}-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
