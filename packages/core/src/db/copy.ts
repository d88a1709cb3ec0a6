import { type Kysely, sql } from 'kysely';
import type { Db } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * Kysely's own bookkeeping (the target gets it from migrating) and the PostgreSQL-only
 * rate-limit counters (short-lived, see ratelimit/) are never copied.
 */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock', 'rate_limits']);

export interface TableInfo {
  name: string;
  columns: string[];
  /** Primary-key columns, in key order (empty when the table has none). */
  primaryKey: string[];
  /** Tables this one references through foreign keys (self-references left out). */
  references: string[];
}

export interface CopyReport {
  tables: Array<{ name: string; source: number; target: number }>;
  /** Sum of every pledge's counter shards, per pledge id, on both sides. */
  counters: Array<{ pledgeId: string; source: number; target: number; signatures: number }>;
  ok: boolean;
}

export interface CopyOptions {
  /** Rows per INSERT; shrunk automatically for wide tables (parameter limits). */
  batchSize?: number;
  /** Called after each batch, for progress output. */
  onProgress?: (table: string, copied: number, total: number) => void;
}

// The copy is schema-agnostic on purpose: it reads whatever tables the catalog lists.
type AnyKysely = Kysely<any>;

/** Every application table with its columns, key and foreign keys, read from the catalog. */
export async function describeTables(db: Db): Promise<TableInfo[]> {
  const k = db.kysely as AnyKysely;
  const tables = (await k.introspection.getTables()).filter((t) => !SKIPPED.has(t.name));
  const infos: TableInfo[] = [];
  for (const table of tables) {
    const columns = table.columns.map((c) => c.name);
    if (db.kind === 'sqlite') {
      const cols = await sql<{ name: string; pk: number }>`
        select name, pk from pragma_table_info(${table.name})`.execute(k);
      const fks = await sql<{ table: string }>`
        select "table" from pragma_foreign_key_list(${table.name})`.execute(k);
      infos.push({
        name: table.name,
        columns,
        primaryKey: cols.rows
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => c.name),
        references: unique(fks.rows.map((f) => f.table).filter((t) => t !== table.name)),
      });
    } else {
      const pk = await sql<{ column: string }>`
        select a.attname as "column"
        from pg_index i
        join lateral unnest(i.indkey) with ordinality as key(attnum, position) on true
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = key.attnum
        where i.indrelid = to_regclass(${quoteIdent(table.name)}) and i.indisprimary
        order by key.position`.execute(k);
      const fks = await sql<{ table: string }>`
        select confrelid::regclass::text as "table" from pg_constraint
        where conrelid = to_regclass(${quoteIdent(table.name)}) and contype = 'f'`.execute(k);
      infos.push({
        name: table.name,
        columns,
        primaryKey: pk.rows.map((r) => r.column),
        references: unique(
          fks.rows.map((f) => f.table.replace(/^"|"$/g, '')).filter((t) => t !== table.name),
        ),
      });
    }
  }
  return dependencyOrder(infos);
}

/** Parents before children, so every foreign key points at a row already copied. */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: TableInfo[] = [];
  const visit = (table: TableInfo) => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`foreign-key cycle through ${table.name}`);
    visiting.add(table.name);
    for (const parent of table.references) {
      const info = byName.get(parent);
      if (info) visit(info);
    }
    visiting.delete(table.name);
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return ordered;
}

/**
 * Copies a whole instance from one database to another (SQLite ⇄ PostgreSQL): migrates the
 * target, refuses one that already holds data or a source that is not fully migrated, copies
 * every table in dependency order in keyset-paginated batches inside ONE target transaction
 * (all or nothing), then compares row counts and pledge counters and rolls back on a mismatch.
 *
 * @example
 * const report = await copyDatabase(await openDatabase(from), await openDatabase(to));
 */
export async function copyDatabase(
  source: Db,
  target: Db,
  options: CopyOptions = {},
): Promise<CopyReport> {
  await assertMigrated(source);
  await migrateToLatest(target.kysely);
  const tables = await describeTables(source);
  const targetTables = new Set((await describeTables(target)).map((t) => t.name));
  for (const table of tables) {
    if (!targetTables.has(table.name)) {
      throw new Error(`the target has no table ${table.name}: is it the same Groundwork version?`);
    }
    if ((await countRows(target.kysely, table.name)) > 0) {
      throw new Error(
        `the target already holds data (table ${table.name}); copy into an empty one`,
      );
    }
  }

  let report: CopyReport | undefined;
  await (target.kysely as AnyKysely).transaction().execute(async (trx) => {
    for (const table of tables) await copyTable(source.kysely, trx, table, options);
    report = await verify(source.kysely, trx, tables);
    if (!report.ok) throw new CopyMismatch(report);
  });
  if (target.kind === 'postgres') await sql`analyze`.execute(target.kysely);
  // biome-ignore lint/style/noNonNullAssertion: set inside the committed transaction
  return report!;
}

/** Thrown (and the copy rolled back) when the target does not match the source. */
export class CopyMismatch extends Error {
  constructor(readonly report: CopyReport) {
    super('the copy does not match the source; nothing was written');
  }
}

async function assertMigrated(source: Db): Promise<void> {
  const { migrations } = await import('./migrations/index.ts');
  const k = source.kysely as AnyKysely;
  const applied = await k
    .selectFrom('kysely_migration')
    .select('name')
    .execute()
    .catch(() => [] as Array<{ name: string }>);
  const names = new Set(applied.map((r) => r.name));
  const missing = Object.keys(migrations).filter((name) => !names.has(name));
  if (missing.length > 0) {
    throw new Error(
      `the source is not fully migrated (missing ${missing.join(', ')}): start Groundwork on it once, or run groundwork migrate, then copy`,
    );
  }
}

async function copyTable(
  from: AnyKysely,
  to: AnyKysely,
  table: TableInfo,
  options: CopyOptions,
): Promise<void> {
  const total = await countRows(from, table.name);
  // SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535.
  const batchSize = Math.max(
    1,
    Math.min(options.batchSize ?? 1000, Math.floor(30000 / table.columns.length)),
  );
  const key = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  let copied = 0;
  let last: Record<string, unknown> | undefined;
  while (copied < total || last === undefined) {
    let query = from.selectFrom(table.name).select(table.columns);
    if (last) {
      const after = last;
      // Keyset pagination on the primary key: (a, b) > (x, y) works on both engines.
      query = query.where(({ eb, refTuple, tuple }) =>
        key.length === 1
          ? eb(key[0] as string, '>', after[key[0] as string])
          : // Tuple arity is only known at run time, hence the casts.
            eb((refTuple as any)(...key), '>', (tuple as any)(...key.map((c) => after[c]))),
      );
    }
    for (const column of key) query = query.orderBy(column);
    const rows = await query.limit(batchSize).execute();
    if (rows.length === 0) break;
    await to.insertInto(table.name).values(rows).execute();
    copied += rows.length;
    last = rows[rows.length - 1];
    options.onProgress?.(table.name, copied, total);
    if (rows.length < batchSize) break;
  }
}

async function countRows(k: AnyKysely, table: string): Promise<number> {
  const row = await k
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function verify(from: AnyKysely, to: AnyKysely, tables: TableInfo[]): Promise<CopyReport> {
  const counts = [];
  for (const table of tables) {
    counts.push({
      name: table.name,
      source: await countRows(from, table.name),
      target: await countRows(to, table.name),
    });
  }
  const counters: CopyReport['counters'] = [];
  if (tables.some((t) => t.name === 'pledge_counters')) {
    const sums = (k: AnyKysely) =>
      k
        .selectFrom('pledge_counters')
        .select((eb) => [
          'pledge_id',
          eb(eb.fn.sum('confirmed'), '+', eb.fn.sum('pending')).as('n'),
        ])
        .groupBy('pledge_id')
        .execute();
    const signatures = await from
      .selectFrom('signatures')
      .select((eb) => ['pledge_id', eb.fn.countAll().as('n')])
      .groupBy('pledge_id')
      .execute();
    const bySig = new Map(signatures.map((r) => [r.pledge_id as string, Number(r.n)]));
    const targetSums = new Map((await sums(to)).map((r) => [r.pledge_id as string, Number(r.n)]));
    for (const row of await sums(from)) {
      const pledgeId = row.pledge_id as string;
      counters.push({
        pledgeId,
        source: Number(row.n),
        target: targetSums.get(pledgeId) ?? 0,
        signatures: bySig.get(pledgeId) ?? 0,
      });
    }
  }
  const ok =
    counts.every((c) => c.source === c.target) && counters.every((c) => c.source === c.target);
  return { tables: counts, counters, ok };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Quotes a catalog name for to_regclass (our table names are plain lowercase anyway). */
function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
