export * from './merge.ts';
export type * from './people.table.ts';
export * from './people.ts';
export * from './people-query.ts';
export * from './person.ts';
export * from './schemas.ts';
export * from './tags.ts';
