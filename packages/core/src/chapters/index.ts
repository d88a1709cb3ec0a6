export type * from './chapters.table.ts';
export * from './chapters.ts';
export * from './invitations.ts';
export * from './lifecycle.ts';
export * from './memberships.ts';
export * from './schemas.ts';
