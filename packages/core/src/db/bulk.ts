/**
 * Multi-row statements without paying the query builder on every batch. Kysely compiles a
 * statement for a given number of rows once (so the SQL is the right dialect's, `?` or `$n`);
 * later batches reuse that text with fresh parameters. Rows go in power-of-two chunks so a
 * handful of texts per statement covers every batch size. The signing writer, the outbox and
 * the pledge counters use it: on the signing path the builder cost about as much as the
 * insert itself.
 */
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

const chunkSizes = [128, 64, 32, 16, 8, 4, 2, 1];

/*
 * Compiled SQL by statement and chunk size, per dialect adapter: a Kysely instance and its
 * transactions share one adapter, and two databases (SQLite, PostgreSQL) never share SQL.
 */
const compiledByAdapter = new WeakMap<object, Map<string, string>>();

/**
 * Runs `build`'s statement for all `rows` (each row = the values of `columns`, in order) and
 * returns the rows it returned. `key` names the statement: the same key must always build
 * the same SQL.
 *
 * @example
 * const ids = await bulk(trx, 'outbox', columns, rows, (values) => trx.insertInto('outbox').values(values));
 */
export async function bulk<R>(
  db: Kysely<Database>,
  key: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  build: (values: Array<Record<string, string>>) => Compilable<R>,
): Promise<R[]> {
  const cache = cacheOf(db);
  const out: R[] = [];
  let offset = 0;
  while (offset < rows.length) {
    const size = chunkSizes.find((c) => c <= rows.length - offset) ?? 1;
    const text = compiled(cache, `${key}:${size}`, size, columns, build);
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, flatten(rows, offset, size)));
    offset += size;
    for (const row of result.rows) out.push(row);
  }
  return out;
}

function cacheOf(db: Kysely<Database>): Map<string, string> {
  const adapter = db.getExecutor().adapter;
  let cache = compiledByAdapter.get(adapter);
  if (!cache) {
    cache = new Map();
    compiledByAdapter.set(adapter, cache);
  }
  return cache;
}

/** `rows.slice(offset, offset + size).flat()`, in a plain loop: `flat()` cost ~8 % of the writer's CPU. */
function flatten(rows: readonly (readonly unknown[])[], offset: number, size: number): unknown[] {
  const out: unknown[] = [];
  for (let r = offset; r < offset + size; r++) {
    for (const value of rows[r] as readonly unknown[]) out.push(value);
  }
  return out;
}

function compiled(
  cache: Map<string, string>,
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
