/**
 * The audit log as organizers read it: who exported, imported, erased, broadcast, changed
 * roles — newest first, filtered, keyset-paged.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';

export const auditQueryInput = z.object({
  /** An action or a family of actions: `person.erased`, or `person.` for all person actions. */
  action: z.string().trim().max(100).optional(),
  actorUserId: z.string().trim().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export interface AuditLine {
  id: string;
  action: string;
  target: string | null;
  details: unknown;
  actor: { id: string; name: string; email: string } | null;
  createdAt: string;
}

/**
 * A page of a chapter's audit log.
 *
 * @example
 * const page = await listAudit(db, chapterId, { action: 'person.' });
 */
export async function listAudit(
  db: Kysely<Database>,
  chapterId: string,
  input: z.input<typeof auditQueryInput>,
): Promise<{ items: AuditLine[]; nextCursor: string | null; actions: string[] }> {
  const o = parseInput(auditQueryInput, input);
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.id', 'a.action', 'a.target', 'a.details', 'a.created_at', 'a.actor_user_id'])
    .select(['u.name as actor_name', 'u.email as actor_email'])
    .where('a.chapter_id', '=', chapterId);
  if (o.action) {
    q = o.action.endsWith('.')
      ? q.where('a.action', '>=', o.action).where('a.action', '<', `${o.action}\uffff`)
      : q.where('a.action', '=', o.action);
  }
  if (o.actorUserId) q = q.where('a.actor_user_id', '=', o.actorUserId);
  if (o.from) q = q.where('a.created_at', '>=', `${o.from}T00:00:00.000Z`);
  if (o.to) q = q.where('a.created_at', '<=', `${o.to}T23:59:59.999Z`);
  if (o.cursor) {
    const [at, id] = decode(o.cursor);
    q = q.where((eb) =>
      eb(eb.tuple(eb.ref('a.created_at'), eb.ref('a.id')), '<', eb.tuple(at, id)),
    );
  }
  const rows = await q
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(o.limit + 1)
    .execute();
  const page = rows.slice(0, o.limit);
  const last = page.at(-1);
  const actions = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .where('chapter_id', '=', chapterId)
    .orderBy('action')
    .execute();
  return {
    items: page.map((r) => ({
      id: r.id,
      action: r.action,
      target: r.target,
      details: safeJson(r.details),
      actor: r.actor_user_id
        ? { id: r.actor_user_id, name: r.actor_name ?? '', email: r.actor_email ?? '' }
        : null,
      createdAt: r.created_at,
    })),
    nextCursor:
      rows.length > o.limit && last
        ? Buffer.from(JSON.stringify([last.created_at, last.id])).toString('base64url')
        : null,
    actions: actions.map((a) => a.action),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function decode(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) {
      return v as [string, string];
    }
  } catch {
    // fall through
  }
  throw new AppError('BAD_REQUEST', 'Invalid cursor.', { fields: { cursor: 'Invalid cursor.' } });
}
