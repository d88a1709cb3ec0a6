export { type Batcher, createBatcher } from './batcher.ts';
export { hashToken, newConfirmationToken, newReferralCode } from './codes.ts';
export { type ConfirmResult, confirmSignature } from './confirm.ts';
export { createProofOfWork, type PowChallenge, type ProofOfWork } from './pow.ts';
export * from './schemas.ts';
export * from './service.ts';
export type * from './signing.table.ts';
export { CONFIRMATION_TTL_MS, COUNTER_SHARDS, shareUrlFor } from './store.ts';
