/**
 * The signing writer thread (see `writer.ts`): its own connection to the SQLite file, one
 * transaction per batch message, the outcome posted back. Same `writeSignatures` as inline.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/sqlite.ts';
import { AppError } from '../errors/index.ts';
import type { SqlCache } from './bulk.ts';
import { type BatchItem, writeSignatures } from './store.ts';
import type { WriteMessage, WriteReply } from './writer.ts';

const { path, publicUrl, secret } = workerData as {
  path: string;
  publicUrl: string;
  secret?: string;
};
const { kysely } = openSqlite(path);
const sqlCache: SqlCache = new Map();
// The latest version of every pledge the caller sent (it sends one again after an edit).
const pledges = new Map<string, BatchItem['pledge']>();
const port = parentPort;
if (!port) throw new Error('writer.worker.ts runs as a worker thread');

port.on('message', async (message: WriteMessage) => {
  port.postMessage(await write(message));
});

async function write(message: WriteMessage): Promise<WriteReply> {
  for (const p of message.pledges) pledges.set(p.id, p);
  const items: BatchItem[] = message.items.map((i) => ({
    pledge: pledges.get(i.pledgeId) as BatchItem['pledge'],
    chapterName: i.chapterName,
    signature: i.signature,
  }));
  // The caller's clock as it read when the batch was sent (tests move it; ids stay time-ordered).
  const clock = { now: () => new Date(message.now) };
  try {
    const outcome = await kysely
      .transaction()
      .execute((trx) => writeSignatures(trx, items, { publicUrl, secret, clock, sqlCache }));
    return { id: message.id, ok: true, items: outcome.items, deltas: [...outcome.deltas] };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const detail =
      e instanceof AppError
        ? { message: e.message, code: e.code, ...(e.fields ? { fields: e.fields } : {}) }
        : { message: e.message };
    return { id: message.id, ok: false, error: detail };
  }
}
