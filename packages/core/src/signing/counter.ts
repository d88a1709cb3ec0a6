import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { bulk } from '../db/bulk.ts';
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
  trx: Kysely<Database>,
  pledgeId: string,
  delta: CounterDelta,
): Promise<void> {
  const row = [pledgeId, randomInt(COUNTER_SHARDS), delta.confirmed, delta.pending];
  await bulk(trx, 'pledge_counters:add', counterColumns, [row], (values) =>
    trx
      .insertInto('pledge_counters')
      .values(values as never)
      .onConflict((oc) =>
        oc.columns(['pledge_id', 'shard']).doUpdateSet((eb) => ({
          confirmed: eb('pledge_counters.confirmed', '+', eb.ref('excluded.confirmed')),
          pending: eb('pledge_counters.pending', '+', eb.ref('excluded.pending')),
        })),
      ),
  );
}

const counterColumns = ['pledge_id', 'shard', 'confirmed', 'pending'] as const;
