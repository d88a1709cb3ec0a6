export * from './import.ts';
export { checkRow, type ImportRow, readCsv } from './parse.ts';
export * from './schemas.ts';
