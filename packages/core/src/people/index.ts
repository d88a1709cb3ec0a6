export type * from './people.table.ts';
export * from './people.ts';
