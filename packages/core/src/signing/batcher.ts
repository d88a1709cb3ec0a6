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

export interface BatcherOptions {
  /** The most items handed to `write` at once. */
  maxBatch?: number;
  /**
   * How many `write` calls may run at once. 1 (the default): the next batch is everything
   * that arrived while the previous one was written. More: a writer that merges what it
   * receives into its own transactions (the SQLite writer thread) gets what arrived in each
   * turn of the event loop at once, instead of waiting for this thread to take the answer
   * of the previous batch and send the next one (it sat idle for about a fifth of its time).
   */
  concurrency?: number;
}

/** What the batcher tells `write` besides the items. */
export interface BatchLoad {
  /** Items pushed and not settled yet, this batch's included. */
  outstanding: number;
}

/**
 * @param write writes a batch and returns one outcome per item, in order (all or nothing).
 *
 * @example
 * const batcher = createBatcher((items) => db.transaction().execute((trx) => writeAll(trx, items)));
 * const outcome = await batcher.push(item);
 */
export function createBatcher<I, O>(
  write: (items: I[], load: BatchLoad) => Promise<O[]>,
  { maxBatch = 256, concurrency = 1 }: BatcherOptions = {},
): Batcher<I, O> {
  type Waiting = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };
  let queue: Waiting[] = [];
  let inFlight = 0;
  let outstanding = 0;
  let scheduled = false;
  const idle: Array<() => void> = [];

  const runOne = async (batch: Waiting[]): Promise<void> => {
    let outcomes: O[];
    try {
      outcomes = await write(
        batch.map((w) => w.item),
        { outstanding },
      );
    } catch (error) {
      if (batch.length === 1) {
        outstanding -= 1;
        batch[0]?.reject(error);
      }
      // Find the culprit: each item alone, so the good ones still commit.
      else for (const w of batch) await runOne([w]);
      return;
    }
    outstanding -= batch.length;
    batch.forEach((w, i) => {
      w.resolve(outcomes[i] as O);
    });
  };

  // Starts batches while there is room, each taking what is queued.
  const dispatch = () => {
    while (queue.length > 0 && inFlight < concurrency) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      void runOne(batch).finally(() => {
        inFlight -= 1;
        dispatch();
        if (inFlight === 0 && queue.length === 0 && !scheduled) {
          for (const done of idle.splice(0)) done();
        }
      });
    }
  };

  return {
    push(item) {
      outstanding += 1;
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (scheduled) return;
        scheduled = true;
        // Let the requests that arrived in this turn of the event loop join the same batch.
        setImmediate(() => {
          scheduled = false;
          dispatch();
        });
      });
    },
    drain() {
      if (inFlight === 0 && queue.length === 0 && !scheduled) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idle.push(resolve);
      });
    },
  };
}
