/**
 * Reading an import file: csv-parse (a well-kept streaming parser) over any byte stream, one
 * record at a time, with each row checked against the mapping. Nothing here touches the
 * database.
 */
import { parse } from 'csv-parse';
import { z } from 'zod';
import { normalizeEmail } from '../people/people.ts';
import type { ImportMapping } from './schemas.ts';

export interface ImportRow {
  line: number;
  email: string;
  name: string | null;
  postalCode: string | null;
  locale: 'fr' | 'en';
  consent: boolean;
  tags: string[];
}

export type CheckedRow = { ok: true; row: ImportRow } | { ok: false; line: number; reason: string };

const emailSchema = z.email().max(320);
const yes = new Set(['yes', 'oui', 'true', '1', 'x', 'y', 'o']);

/**
 * The records of a CSV stream as objects keyed by the header line. A BOM is dropped; the
 * delimiter (`,` or `;`) is the one of the header line.
 *
 * @example
 * for await (const record of readCsv(stream, ';')) …
 */
export function readCsv(
  input: AsyncIterable<Uint8Array | string>,
  delimiter: ',' | ';' = ',',
): AsyncIterable<Record<string, string>> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim()),
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: 64 * 1024,
  });
  (async () => {
    try {
      for await (const chunk of input) {
        if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  return parser;
}

/**
 * One record checked against the mapping: the row to import, or why it cannot be.
 *
 * @example
 * checkRow({ Email: 'ana@example.org' }, 2, mapping) // { ok: true, row: { … } }
 */
export function checkRow(
  record: Record<string, string>,
  line: number,
  m: ImportMapping,
): CheckedRow {
  const cell = (column: string | undefined) => (column ? (record[column] ?? '').trim() : '');
  const raw = cell(m.email);
  if (raw === '') return { ok: false, line, reason: 'email: empty' };
  const email = normalizeEmail(raw);
  if (!emailSchema.safeParse(email).success) {
    return { ok: false, line, reason: 'email: not an e-mail address' };
  }
  const name = cell(m.name);
  if (name.length > 200) return { ok: false, line, reason: 'name: longer than 200 characters' };
  const postalCode = cell(m.postalCode);
  if (postalCode.length > 20) {
    return { ok: false, line, reason: 'postal code: longer than 20 characters' };
  }
  const locale = cell(m.locale).toLowerCase().slice(0, 2);
  const tags = cell(m.tags)
    .split(/[;,]/)
    .map((t) => t.trim().replace(/\s+/g, ' '))
    .filter((t) => t.length > 0 && t.length <= 60);
  return {
    ok: true,
    row: {
      line,
      email,
      name: name || null,
      postalCode: postalCode || null,
      locale: locale === 'en' || locale === 'fr' ? locale : m.defaultLocale,
      consent: m.consent ? yes.has(cell(m.consent).toLowerCase()) : false,
      tags: [...new Set(tags)],
    },
  };
}
