export {
  getOutboxMessage,
  listOutbox,
  listOutboxInput,
  type OutboxMessage,
  type OutboxSummary,
  outboxMessageInput,
  retryOutboxMessage,
} from './admin.ts';
export { defaultMaxAttempts, retryDelayMs, retryDelaysMs } from './backoff.ts';
export {
  type ClaimOptions,
  claimDue,
  hasDue,
  markAttemptFailed,
  markDone,
  releaseClaims,
} from './claim.ts';
export {
  type EnqueueMailInput,
  type EnqueueMailsOptions,
  enqueueMail,
  enqueueMails,
} from './enqueue.ts';
export { type ExpandedMail, type MailExpander, MailGoneError } from './expand.ts';
export { eraseOutboxPerson, purgeOutbox } from './maintenance.ts';
export { buildOutgoing, describeError, isPermanent } from './message.ts';
export type * from './outbox.table.ts';
export {
  createOutboxWorker,
  type OutboxWorker,
  type OutboxWorkerOptions,
  type WorkerLog,
} from './worker.ts';
