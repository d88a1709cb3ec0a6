/**
 * Group commit: concurrent callers hand in items; one transaction writes everything that
 * arrived while the previous one was running. Every caller gets its own result, and one bad
 * item never fails the others (the batch is retried item by item when it fails as a whole).
 */
export interface Batcher<I, O> {
  /** Queues `item`; resolves with its own outcome once its transaction committed. */
  push(item: I): Promise<O>;
  /** Resolves when everything queued so far has been written. */
  drain(): Promise<void>;
}

/**
 * @param write writes a batch and returns one outcome per item, in order (all or nothing).
 * @param maxBatch the most items in one transaction.
 *
 * @example
 * const batcher = createBatcher((items) => db.transaction().execute((trx) => writeAll(trx, items)), 256);
 * const outcome = await batcher.push(item);
 */
export function createBatcher<I, O>(
  write: (items: I[]) => Promise<O[]>,
  maxBatch = 256,
): Batcher<I, O> {
  type Waiting = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  let queue: Waiting[] = [];
  let running: Promise<void> | undefined;

  const runOne = async (batch: Waiting[]) => {
    try {
      const outcomes = await write(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        w.resolve(outcomes[i] as O);
      });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // Find the culprit: each item alone, so the good ones still commit.
      for (const w of batch) await runOne([w]);
    }
  };

  const loop = async () => {
    // Let the requests that arrived in this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await runOne(batch);
    }
    running = undefined;
  };

  return {
    push(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        running ??= loop();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}
