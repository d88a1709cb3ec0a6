import { stringify } from 'csv-stringify/sync';

/** Excel and LibreOffice read a UTF-8 file as UTF-8 only when it starts with a byte-order mark. */
export const utf8Bom = '\uFEFF';

/**
 * CSV lines for some rows (RFC 4180 quoting by csv-stringify, a well-kept library), safe to
 * open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`, tab or CR (or their
 * full-width forms) gets a leading `'`, so it is shown as text and never run as a formula.
 *
 * @example
 * csvLines([['=HYPERLINK("x")', 'a,b']]) // `"'=HYPERLINK(""x"")","a,b"\r\n`
 */
export function csvLines(rows: string[][]): string {
  return stringify(rows, {
    escape_formulas: true,
    record_delimiter: 'windows',
    // A lone CR or LF is quoted too (only CRLF would be by default): no reader splits a cell.
    quoted_match: /[\r\n]/,
  });
}
