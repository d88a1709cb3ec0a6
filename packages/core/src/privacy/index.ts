export * from './audit-log.ts';
export * from './consents.ts';
export * from './erasure.ts';
export * from './my-data.ts';
export type * from './privacy.table.ts';
export * from './requests.ts';
export * from './retention.ts';
export * from './tokens.ts';
