export type * from './chapters.table.ts';
export * from './chapters.ts';
export * from './schemas.ts';
