import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** How many rows the sharded counter of each pledge has. */
export const COUNTER_SHARDS = 16;

export interface CounterDelta {
  confirmed: number;
  pending: number;
}

/**
 * Adds to one random shard of a pledge's counter (creating the row if needed), so that
 * concurrent writers (PostgreSQL, several processes) rarely wait on the same row.
 *
 * @example
 * await addToCounter(trx, pledgeId, { confirmed: 1, pending: -1 });
 */
export async function addToCounter(
  trx: Transaction<Database>,
  pledgeId: string,
  delta: CounterDelta,
): Promise<void> {
  await trx
    .insertInto('pledge_counters')
    .values({
      pledge_id: pledgeId,
      shard: randomInt(COUNTER_SHARDS),
      confirmed: delta.confirmed,
      pending: delta.pending,
    })
    .onConflict((oc) =>
      oc.columns(['pledge_id', 'shard']).doUpdateSet((eb) => ({
        confirmed: eb('pledge_counters.confirmed', '+', eb.ref('excluded.confirmed')),
        pending: eb('pledge_counters.pending', '+', eb.ref('excluded.pending')),
      })),
    )
    .execute();
}
