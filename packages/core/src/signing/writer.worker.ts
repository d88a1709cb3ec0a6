/**
 * The signing writer thread (see `writer.ts`): its own connection to the SQLite file. The
 * batch messages waiting when a transaction ends go into the next one, up to half of what the
 * service has in flight (`merge.ts`); group commit is decided here, so the thread never waits
 * for the main thread between two transactions. The outcome is posted back per message. Same
 * `writeSignatures` as inline. Between transactions it also relays the mails that big batches
 * only recorded as owed (`mail-relay.ts`).
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/sqlite.ts';
import { AppError } from '../errors/index.ts';
import type { CounterDelta } from './counter.ts';
import { MAX_OWED_MS, RELAY_CHUNK, RELAY_RETRY_MS, relaySigningMails } from './mail-relay.ts';
import { mergeCap, takeGroup } from './merge.ts';
import { type BatchItem, type ItemOutcome, writeSignatures } from './store.ts';
import type { WriteMessage, WriteReply } from './writer.ts';

const { path, publicUrl } = workerData as { path: string; publicUrl: string };
const { kysely, raw } = openSqlite(path);
// SQLite keeps an undo record of each multi-row statement (a statement journal, so that one
// statement can fail alone inside the transaction); past 64 KB it goes to a temporary file:
// ~5 pwrite calls per signature, ~17 µs of the thread's CPU (docs/benchmarks.md, ninth
// session). This connection only runs signing batches (at most MAX_MERGED rows a statement),
// so in memory it stays small. Durability does not change: the WAL is what a crash recovers.
raw.pragma('temp_store = MEMORY');
// The latest version of every pledge the caller sent (it sends one again after an edit).
const pledges = new Map<string, BatchItem['pledge']>();
const port = parentPort;
if (!port) throw new Error('writer.worker.ts runs as a worker thread');

const waiting: WriteMessage[] = [];
let writing = false;

port.on('message', (message: WriteMessage) => {
  clearTimeout(idleRelay);
  waiting.push(message);
  if (!writing) void writeWaiting();
});

async function writeWaiting() {
  writing = true;
  while (waiting.length > 0) {
    // Messages that arrived during the last transaction are still in the port: take them now.
    for (let m = receiveMessageOnPort(port as never); m; m = receiveMessageOnPort(port as never)) {
      waiting.push(m.message as WriteMessage);
    }
    // The latest message knows best how much the service is waiting on.
    const latest = waiting[waiting.length - 1] as WriteMessage;
    const group = takeGroup(waiting, mergeCap(latest.outstanding));
    for (const reply of await writeGroup(group)) port?.postMessage(reply);
    if (relayOverdue()) await relayChunk();
  }
  writing = false;
  scheduleIdleRelay();
}

/*
 * Owed mails (`mail-relay.ts`): relayed once the thread has idled IDLE_RELAY_MS, or, under
 * constant load, one chunk every RELAY_EVERY_MS between two transactions once the oldest has
 * waited MAX_OWED_MS. A crash may have left some: the first idle moment looks.
 */
const IDLE_RELAY_MS = 20;
const RELAY_EVERY_MS = 100;
let owedSince: number | undefined = Date.now();
let lastRelay = 0;
let idleRelay: ReturnType<typeof setTimeout> | undefined;
// The caller's clock minus this thread's (tests move it): tokens expire by the caller's time.
let clockOffset = 0;
const relayClock = { now: () => new Date(Date.now() + clockOffset) };

function relayOverdue(): boolean {
  const now = Date.now();
  return (
    owedSince !== undefined && now - owedSince >= MAX_OWED_MS && now - lastRelay >= RELAY_EVERY_MS
  );
}

function scheduleIdleRelay() {
  if (owedSince === undefined) return;
  clearTimeout(idleRelay);
  idleRelay = setTimeout(() => {
    if (writing) return;
    writing = true;
    void relayChunk().then((more) => {
      writing = false;
      if (waiting.length > 0) void writeWaiting();
      else if (more) scheduleIdleRelay();
    });
  }, IDLE_RELAY_MS);
}

// What a crash may have left owed.
scheduleIdleRelay();

/** One relay transaction; true when more may be owed. */
async function relayChunk(): Promise<boolean> {
  lastRelay = Date.now();
  try {
    const taken = await relaySigningMails(kysely, {
      publicUrl,
      clock: relayClock,
      limit: RELAY_CHUNK,
    });
    if (taken < RELAY_CHUNK) owedSince = undefined;
    return taken === RELAY_CHUNK;
  } catch (error) {
    port?.postMessage({ id: 0, relayFailed: describe(error).message } satisfies WriteReply);
    // Still owed: try again in a while, even if no signature comes to wake the thread.
    setTimeout(scheduleIdleRelay, RELAY_RETRY_MS);
    return false;
  }
}

/** One transaction for the whole group; if it fails, one per message, so each gets its own answer. */
async function writeGroup(group: WriteMessage[]): Promise<WriteReply[]> {
  if (group.length > 1) {
    try {
      const outcomes = await writeItems(group);
      let offset = 0;
      return group.map((m) => {
        const items = outcomes.slice(offset, offset + m.items.length);
        offset += m.items.length;
        return success(m, items);
      });
    } catch {
      // Fall through: a bad message must not fail the others.
    }
  }
  const replies: WriteReply[] = [];
  for (const m of group) {
    try {
      replies.push(success(m, await writeItems([m])));
    } catch (error) {
      replies.push({ id: m.id, ok: false, error: describe(error) });
    }
  }
  return replies;
}

async function writeItems(group: WriteMessage[]): Promise<ItemOutcome[]> {
  for (const m of group) for (const p of m.pledges) pledges.set(p.id, p);
  const items: BatchItem[] = group.flatMap((m) =>
    m.items.map((i) => ({
      pledge: pledges.get(i.pledgeId) as BatchItem['pledge'],
      chapterName: i.chapterName,
      signature: i.signature,
    })),
  );
  // The caller's clock as it read when the latest message was sent (tests move it; ids stay
  // time-ordered).
  const now = Math.max(...group.map((m) => m.now));
  clockOffset = now - Date.now();
  const clock = { now: () => new Date(now) };
  const outcome = await kysely
    .transaction()
    .execute((trx) => writeSignatures(trx, items, { publicUrl, clock }));
  if (outcome.mailsOwed > 0) owedSince ??= Date.now();
  return outcome.items;
}

/** A message's own outcomes, and what they moved each pledge's counter by. */
function success(m: WriteMessage, items: ItemOutcome[]): WriteReply {
  const deltas = new Map<string, CounterDelta>();
  items.forEach((outcome, i) => {
    if (!outcome.inserted) return;
    const pledgeId = (m.items[i] as WriteMessage['items'][number]).pledgeId;
    const d = deltas.get(pledgeId) ?? { confirmed: 0, pending: 0 };
    d[outcome.status] += 1;
    deltas.set(pledgeId, d);
  });
  return { id: m.id, ok: true, items, deltas: [...deltas] };
}

function describe(error: unknown): Extract<WriteReply, { ok: false }>['error'] {
  const e = error instanceof Error ? error : new Error(String(error));
  return e instanceof AppError
    ? { message: e.message, code: e.code, ...(e.fields ? { fields: e.fields } : {}) }
    : { message: e.message };
}
