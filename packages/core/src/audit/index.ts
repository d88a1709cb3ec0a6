import type { Kysely } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';

export type { AuditLogTable } from './audit.table.ts';

export interface AuditEntry {
  chapterId: string | null;
  actorUserId: string | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one line to the audit log. Pass the transaction when the audited change is in one,
 * so the change and its record commit together.
 *
 * @example
 * await recordAudit(trx, { chapterId, actorUserId: user.id, action: 'member.removed', target: userId });
 */
export async function recordAudit(
  db: Kysely<Database>,
  entry: AuditEntry,
  clock: Clock = systemClock,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      chapter_id: entry.chapterId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      target: entry.target ?? null,
      details: JSON.stringify(entry.details ?? {}),
      created_at: isoNow(clock),
    })
    .execute();
}
