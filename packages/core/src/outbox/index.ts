export { type EnqueueMailInput, enqueueMail } from './enqueue.ts';
export type * from './outbox.table.ts';
