/**
 * CSV import of people, streamed: the file is read once, in batches of 1000 rows, so memory
 * does not grow with the file (apart from a short hash per distinct e-mail, to report
 * duplicates within the file). A dry run writes nothing and reports rows valid, invalid (with
 * the reason), new, updated and duplicated in the file; the real run writes the valid rows,
 * one transaction per batch, and records the import in the audit log. Imported people get an
 * e-mail consent only when the mapped consent column says so, with `import:<id>` as source.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { parseInput } from '../errors/index.ts';
import { consentTextHash } from '../privacy/consents.ts';
import {
  EMAIL_UPDATES,
  ensureConsentText,
  grantableConsents,
  withConsentHash,
} from './consent-rows.ts';
import { checkRow, type ImportRow, readCsv } from './parse.ts';
import { type ImportMapping, importMappingInput } from './schemas.ts';

export interface ImportReport {
  importId: string;
  dryRun: boolean;
  rows: number;
  valid: number;
  invalid: number;
  /** The first 100 invalid rows with their line number and reason. */
  errors: Array<{ line: number; reason: string }>;
  new: number;
  updated: number;
  /** Rows whose e-mail appeared earlier in the file (the first one counts). */
  duplicates: number;
  consents: number;
  /** Set when the file itself cannot be read (nothing was imported). */
  fatal: string | null;
}

export interface ImportOptions {
  dryRun: boolean;
  delimiter?: ',' | ';';
  /** Called every batch with the number of rows read so far. */
  onProgress?: (rows: number) => void;
  batchSize?: number;
}

const MAX_ERRORS = 100;

/**
 * Imports (or dry-runs) a CSV byte stream into a chapter's people.
 *
 * @example
 * const report = await importPeople(db, chapterId, userId, stream, { email: 'E-mail' }, { dryRun: true });
 */
export async function importPeople(
  db: Kysely<Database>,
  chapterId: string,
  userId: string | null,
  input: AsyncIterable<Uint8Array | string>,
  mappingInput: unknown,
  options: ImportOptions,
  clock: Clock = systemClock,
): Promise<ImportReport> {
  const mapping = parseInput(importMappingInput, mappingInput);
  const report: ImportReport = {
    importId: newId(),
    dryRun: options.dryRun,
    rows: 0,
    valid: 0,
    invalid: 0,
    errors: [],
    new: 0,
    updated: 0,
    duplicates: 0,
    consents: 0,
    fatal: null,
  };
  const seen = new Set<string>();
  const size = options.batchSize ?? 1000;
  let batch: ImportRow[] = [];
  let line = 1;
  const textHash = await consentVersion(db, mapping, options.dryRun, clock);
  const flush = async () => {
    if (batch.length === 0) return;
    await writeBatch(db, chapterId, batch, mapping, report, textHash, clock);
    batch = [];
    options.onProgress?.(report.rows);
  };
  try {
    for await (const record of readCsv(input, options.delimiter ?? ',')) {
      line += 1;
      if (report.rows === 0) {
        const missing = mappedColumns(mapping).filter((c) => !(c in record));
        if (missing.length > 0) {
          report.fatal = `Columns not in the file: ${missing.join(', ')}`;
          return report;
        }
      }
      report.rows += 1;
      const checked = checkRow(record, line, mapping);
      if (!checked.ok) {
        report.invalid += 1;
        if (report.errors.length < MAX_ERRORS) report.errors.push({ line, reason: checked.reason });
        continue;
      }
      const key = createHash('sha256').update(checked.row.email).digest('base64url').slice(0, 16);
      if (seen.has(key)) {
        report.duplicates += 1;
        continue;
      }
      seen.add(key);
      report.valid += 1;
      batch.push(checked.row);
      if (batch.length >= size) await flush();
    }
    await flush();
  } catch (error) {
    report.fatal = `The file cannot be read as CSV: ${(error as Error).message}`.slice(0, 500);
    return report;
  }
  if (!options.dryRun) {
    await recordAudit(
      db,
      {
        chapterId,
        actorUserId: userId,
        action: 'people.imported',
        target: report.importId,
        details: {
          rows: report.rows,
          new: report.new,
          updated: report.updated,
          invalid: report.invalid,
          duplicates: report.duplicates,
          consents: report.consents,
        },
      },
      clock,
    );
  }
  return report;
}

/** The consent text's hash (stored only by a real run); null when no column is mapped. */
async function consentVersion(
  db: Kysely<Database>,
  mapping: ImportMapping,
  dryRun: boolean,
  clock: Clock,
): Promise<string | null> {
  if (!mapping.consent) return null;
  const text = mapping.consentText ?? '';
  if (dryRun) return consentTextHash(EMAIL_UPDATES, mapping.defaultLocale, text);
  return ensureConsentText(db, text, mapping.defaultLocale, clock);
}

function mappedColumns(m: ImportMapping): string[] {
  return [m.email, m.name, m.postalCode, m.locale, m.consent, m.tags].filter(
    (c): c is string => typeof c === 'string',
  );
}

/** Counts (dry run) or writes (real run) one batch of valid, distinct rows. */
async function writeBatch(
  db: Kysely<Database>,
  chapterId: string,
  rows: ImportRow[],
  mapping: ImportMapping,
  report: ImportReport,
  textHash: string | null,
  clock: Clock,
): Promise<void> {
  const existing = await db
    .selectFrom('people')
    .select(['id', 'email', 'name', 'postal_code'])
    .where('chapter_id', '=', chapterId)
    .where(
      'email',
      'in',
      rows.map((r) => r.email),
    )
    .execute();
  const byEmail = new Map(existing.map((p) => [p.email, p]));
  report.updated += existing.length;
  report.new += rows.length - existing.length;
  if (report.dryRun) {
    // Count what the real run would write: withdrawn or already current grants are skipped.
    const ids = new Map(existing.map((p) => [p.email, p.id]));
    if (textHash) report.consents += (await grantableConsents(db, rows, ids, textHash)).length;
    return;
  }
  const now = isoNow(clock);
  await db.transaction().execute(async (trx) => {
    const fresh = rows.filter((r) => !byEmail.has(r.email));
    const ids = new Map(existing.map((p) => [p.email, p.id]));
    for (let i = 0; i < fresh.length; i += 500) {
      const values = fresh.slice(i, i + 500).map((r) => {
        const id = newId();
        ids.set(r.email, id);
        return {
          id,
          chapter_id: chapterId,
          email: r.email,
          name: r.name,
          postal_code: r.postalCode,
          locale: r.locale,
          created_at: now,
          updated_at: now,
          source: 'import',
        };
      });
      if (values.length > 0) await trx.insertInto('people').values(values).execute();
    }
    // Existing people: the import fills what is missing, never overwrites what they gave.
    for (const r of rows) {
      const p = byEmail.get(r.email);
      if (!p) continue;
      const set = {
        ...(p.name === null && r.name ? { name: r.name } : {}),
        ...(p.postal_code === null && r.postalCode ? { postal_code: r.postalCode } : {}),
      };
      if (Object.keys(set).length > 0) {
        await trx
          .updateTable('people')
          .set({ ...set, updated_at: now })
          .where('id', '=', p.id)
          .execute();
      }
    }
    if (textHash) {
      report.consents += await withConsentHash(trx, chapterId, rows, ids, {
        hash: textHash,
        text: mapping.consentText ?? '',
        locale: mapping.defaultLocale,
        source: `import:${report.importId}`,
        now,
      });
    }
    await tagRows(trx, chapterId, rows, ids, now);
  });
}

async function tagRows(
  trx: Kysely<Database>,
  chapterId: string,
  rows: ImportRow[],
  ids: Map<string, string>,
  now: string,
): Promise<void> {
  const names = [...new Set(rows.flatMap((r) => r.tags))];
  if (names.length === 0) return;
  // Tag names are one per chapter ignoring case (people/tags.ts): "volunteers" in a file is
  // the chapter's "Volunteers", and the file's first spelling names a new tag.
  const byKey = async () =>
    new Map(
      (
        await trx
          .selectFrom('tags')
          .select(['id', 'name'])
          .where('chapter_id', '=', chapterId)
          .execute()
      ).map((t) => [t.name.toLowerCase(), t.id]),
    );
  let tagId = await byKey();
  const fresh = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!tagId.has(key) && !fresh.has(key)) fresh.set(key, name);
  }
  if (fresh.size > 0) {
    await trx
      .insertInto('tags')
      .values(
        [...fresh.values()].map((name) => ({
          id: newId(),
          chapter_id: chapterId,
          name,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['chapter_id', 'name']).doNothing())
      .execute();
    tagId = await byKey();
  }
  const links = rows.flatMap((r) =>
    r.tags.map((t) => ({
      person_id: ids.get(r.email) as string,
      tag_id: tagId.get(t.toLowerCase()) as string,
      created_at: now,
    })),
  );
  for (let i = 0; i < links.length; i += 500) {
    await trx
      .insertInto('person_tags')
      .values(links.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['person_id', 'tag_id']).doNothing())
      .execute();
  }
}
