export * from './broadcasts.ts';
export * from './schemas.ts';
export * from './sender.ts';
