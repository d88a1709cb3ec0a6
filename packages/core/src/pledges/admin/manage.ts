/**
 * The organizers' pledge actions, each recorded in the audit log. They wrap the pledge CRUD
 * of `../pledges.ts` with the chapter check (a pledge id from another chapter is NOT_FOUND).
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/index.ts';
import { type Clock, systemClock } from '../../clock/index.ts';
import type { Database } from '../../db/schema.ts';
import { renderMarkdown } from '../markdown.ts';
import type { PledgeStatus } from '../pledges.table.ts';
import { createPledge, type Pledge, setPledgeStatus, updatePledge } from '../pledges.ts';
import type { PledgeInput } from '../schemas.ts';
import { getChapterPledge } from './access.ts';

export interface Actor {
  chapterId: string;
  userId: string;
}

/**
 * Creates a pledge in the actor's chapter.
 *
 * @example
 * const pledge = await createChapterPledge(db, { chapterId, userId }, form, clock);
 */
export async function createChapterPledge(
  db: Kysely<Database>,
  actor: Actor,
  input: PledgeInput,
  clock: Clock = systemClock,
): Promise<Pledge> {
  const pledge = await createPledge(db, actor.chapterId, input, clock);
  await audit(db, actor, 'pledge.created', pledge, clock);
  return pledge;
}

/**
 * Replaces every editable field of one of the chapter's pledges. The status is not one of
 * them: it changes only through publish/close (`setChapterPledgeStatus`), so saving the form
 * never takes a live pledge offline.
 *
 * @example
 * await updateChapterPledge(db, { chapterId, userId }, pledge.id, { ...form, goal: 50000 });
 */
export async function updateChapterPledge(
  db: Kysely<Database>,
  actor: Actor,
  pledgeId: string,
  input: PledgeInput,
  clock: Clock = systemClock,
): Promise<Pledge> {
  const current = await getChapterPledge(db, actor.chapterId, pledgeId);
  const pledge = await updatePledge(db, pledgeId, { ...input, status: current.status }, clock);
  await audit(db, actor, 'pledge.updated', pledge, clock);
  return pledge;
}

/**
 * Publishes (`live`), reopens or closes one of the chapter's pledges.
 *
 * @example
 * await setChapterPledgeStatus(db, { chapterId, userId }, pledge.id, 'live');
 */
export async function setChapterPledgeStatus(
  db: Kysely<Database>,
  actor: Actor,
  pledgeId: string,
  status: PledgeStatus,
  clock: Clock = systemClock,
): Promise<Pledge> {
  const before = await getChapterPledge(db, actor.chapterId, pledgeId);
  const pledge = await setPledgeStatus(db, pledgeId, status, clock);
  await audit(db, actor, statusAction(before.status, status), pledge, clock);
  return pledge;
}

/** The audit action of a status change: opening a closed pledge again is no first publication. */
function statusAction(from: PledgeStatus, to: PledgeStatus): string {
  if (to !== 'live') return `pledge.${to}`;
  return from === 'closed' ? 'pledge.reopened' : 'pledge.published';
}

/**
 * The body as the public page shows it (safe HTML from the Markdown renderer), for the live
 * preview of the edit form.
 *
 * @example
 * previewBody('**Je résilie**') // '<p><strong>Je résilie</strong></p>\n'
 */
export function previewBody(markdown: string): string {
  return renderMarkdown(markdown);
}

async function audit(
  db: Kysely<Database>,
  actor: Actor,
  action: string,
  pledge: Pledge,
  clock: Clock,
): Promise<void> {
  await recordAudit(
    db,
    {
      chapterId: actor.chapterId,
      actorUserId: actor.userId,
      action,
      target: pledge.id,
      details: { slug: pledge.slug, status: pledge.status },
    },
    clock,
  );
}
