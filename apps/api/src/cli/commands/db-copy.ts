import { existsSync, rmSync } from 'node:fs';
import {
  CopyMismatch,
  type CopyReport,
  copyDatabase,
  openDatabase,
  parseDatabaseUrl,
  pingDatabase,
} from '@groundwork/core/db';
import { databaseReason } from '../../startup-errors.ts';
import { CliError, type Command, optional, required } from '../command.ts';

/**
 * `groundwork db copy --from <url> --to <url>`: moves a whole instance between engines
 * (SQLite → PostgreSQL when a chapter outgrows one machine, PostgreSQL → SQLite to take it
 * home again). The work and its checks are in core (`copyDatabase`); this prints them.
 */
export const dbCopyCommand: Command = {
  name: 'db copy',
  summary: 'copy every table to another database (SQLite ⇄ PostgreSQL) and verify the copy',
  usage: '--to <database url> [--from <database url>] [--batch <rows>]',
  details: [
    '--from defaults to DATABASE_URL. The target is migrated first and must be empty.',
    'Stop the server (every process) while copying: the copy is one transaction on the target',
    'and is rolled back unless every row count and pledge counter matches the source.',
    'Example: groundwork db copy --from file:./data/groundwork.sqlite \\',
    '           --to postgres://groundwork@127.0.0.1:5432/groundwork',
    'See docs/scaling.md.',
  ],
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    batch: { type: 'string' },
  },
  async run(ctx, values) {
    const from = optional(values, 'from') ?? ctx.config().databaseUrl;
    const to = required(values, 'to');
    const batchSize = values.batch === undefined ? 1000 : Number(values.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new CliError('--batch must be a whole number of rows, at least 1');
    }
    if (from === to) throw new CliError('--from and --to name the same database');
    // Opening a SQLite path creates it: a mistyped source would copy an empty new database.
    const sourceFile = parseDatabaseUrl(from);
    if (sourceFile.kind === 'sqlite' && !existsSync(sourceFile.path)) {
      throw new CliError(`--from: no database at ${sourceFile.path}`);
    }
    const source = await openDatabase(from).catch((error: unknown) => {
      throw new CliError(`--from: ${databaseReason(error)}`);
    });
    try {
      // A source that does not answer (or does not exist) stops here, before the target exists.
      await pingDatabase(source).catch((error: unknown) => {
        throw new CliError(`--from: ${databaseReason(error)}`);
      });
      const targetFile = parseDatabaseUrl(to);
      const createdHere = targetFile.kind === 'sqlite' && !existsSync(targetFile.path);
      const target = await openDatabase(to).catch((error: unknown) => {
        throw new CliError(`--to: ${databaseReason(error)}`);
      });
      let copied = false;
      try {
        ctx.out(`Copying ${describeUrl(from)} → ${describeUrl(to)}`);
        let lastTable = '';
        const report = await copyDatabase(source, target, {
          batchSize,
          onProgress: (table, copied, total) => {
            if (copied === total && table !== lastTable) ctx.out(`  ${table}: ${total} rows`);
            lastTable = copied === total ? table : '';
          },
        }).catch((error) => {
          if (error instanceof CopyMismatch) {
            printReport(ctx.out, error.report);
            throw new CliError(error.message);
          }
          throw new CliError(error instanceof Error ? error.message : String(error));
        });
        printReport(ctx.out, report);
        ctx.out('Copy verified: every row count and pledge counter matches.');
        copied = true;
      } finally {
        await target.close();
        // "Nothing written" includes the new, empty SQLite file opening the target made.
        if (!copied && createdHere) removeSqliteFiles(targetFile.path);
      }
    } finally {
      await source.close();
    }
  },
};

function printReport(out: (line: string) => void, report: CopyReport): void {
  const rows = report.tables.reduce((n, t) => n + t.target, 0);
  out(`Tables: ${report.tables.length}, rows: ${rows}`);
  for (const t of report.tables.filter((t) => t.source !== t.target)) {
    out(`  MISMATCH ${t.name}: source ${t.source}, target ${t.target}`);
  }
  for (const c of report.counters) {
    const flag = c.source === c.target ? '' : '  MISMATCH';
    out(`  pledge ${c.pledgeId}: counter ${c.target} (source ${c.source})${flag}`);
  }
}

/** The URL without its password, for the progress line. */
function describeUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function removeSqliteFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}
