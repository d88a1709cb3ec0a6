/**
 * Multi-row statements without paying the query builder on every batch. Kysely compiles a
 * statement for a given number of rows once (so the SQL is the right dialect's, `?` or `$n`);
 * later batches reuse that text with fresh parameters. Rows go in power-of-two chunks so a
 * handful of texts per statement covers every batch size.
 */
import { type Compilable, CompiledQuery, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Compiled SQL by statement and chunk size; one per database (dialects differ). */
export type SqlCache = Map<string, string>;

const chunkSizes = [128, 64, 32, 16, 8, 4, 2, 1];

/**
 * Runs `build`'s statement for all `rows` (each row = the values of `columns`, in order).
 *
 * @example
 * const ids = await bulk(trx, cache, 'outbox', columns, rows, (values) => trx.insertInto('outbox').values(values));
 */
export async function bulk<R>(
  trx: Transaction<Database>,
  cache: SqlCache,
  key: string,
  columns: readonly string[],
  rows: unknown[][],
  build: (values: Array<Record<string, string>>) => Compilable<R>,
): Promise<R[]> {
  const out: R[] = [];
  let offset = 0;
  while (offset < rows.length) {
    const size = chunkSizes.find((c) => c <= rows.length - offset) ?? 1;
    const chunk = rows.slice(offset, offset + size);
    offset += size;
    const text = compiled(cache, `${key}:${size}`, size, columns, build);
    const result = await trx.executeQuery<R>(CompiledQuery.raw(text, chunk.flat()));
    out.push(...result.rows);
  }
  return out;
}

function compiled(
  cache: SqlCache,
  key: string,
  size: number,
  columns: readonly string[],
  build: (values: Array<Record<string, string>>) => Compilable<unknown>,
): string {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const marker = (row: number, col: number) => `\u0000${row}:${col}`;
  const values = Array.from({ length: size }, (_, r) =>
    Object.fromEntries(columns.map((c, i) => [c, marker(r, i)])),
  );
  const query = build(values).compile();
  // The reuse is only sound if the parameters are exactly the values, row by row, in order.
  const expected = values.flatMap((v) => Object.values(v));
  if (
    query.parameters.length !== expected.length ||
    query.parameters.some((p, i) => p !== expected[i])
  ) {
    throw new Error(`bulk: ${key} does not bind its values in row order`);
  }
  cache.set(key, query.sql);
  return query.sql;
}
