export type * from './auth.table.ts';
export * from './passwords.ts';
export * from './schemas.ts';
export * from './sessions.ts';
export * from './setup.ts';
export * from './tokens.ts';
export * from './users.ts';
