/**
 * RSVPs when two people are merged (`people/merge.ts`): an event both answered keeps one
 * RSVP, the one that counts most (checked in, then a seat, then the waitlist, then
 * cancelled; the earlier on a tie). The other is deleted; a seat it held goes back to the
 * event and from there to the waitlist, as when an attendee cancels.
 */
import type { Transaction } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { promoteWaitlist, releaseSeat } from './seats.ts';

interface RsvpRank {
  status: string;
  checked_in_at: string | null;
  created_at: string;
}

/** Higher counts more. */
function weight(r: RsvpRank): number {
  if (r.checked_in_at) return 3;
  return r.status === 'confirmed' ? 2 : r.status === 'waitlisted' ? 1 : 0;
}

/** True when `a` should be kept over `b`. */
function outranks(a: RsvpRank, b: RsvpRank): boolean {
  const wa = weight(a);
  const wb = weight(b);
  return wa !== wb ? wa > wb : a.created_at <= b.created_at;
}

/**
 * Leaves at most one RSVP per event between `keepId` and `mergeId`, before the merge moves
 * `mergeId`'s RSVPs over. Returns how many RSVPs were dropped.
 *
 * @example
 * const dropped = await settleDuplicateRsvps(trx, keepId, mergeId, { publicUrl, clock });
 */
export async function settleDuplicateRsvps(
  trx: Transaction<Database>,
  keepId: string,
  mergeId: string,
  options: { publicUrl: string; clock: Clock },
): Promise<number> {
  const pairs = await trx
    .selectFrom('rsvps as k')
    .innerJoin('rsvps as d', 'd.event_id', 'k.event_id')
    .innerJoin('events as e', 'e.id', 'k.event_id')
    .select(['k.event_id', 'e.status as event_status'])
    .select(['k.id as k_id', 'k.status as k_status', 'k.checked_in_at as k_checked_in_at'])
    .select(['k.created_at as k_created_at'])
    .select(['d.id as d_id', 'd.status as d_status', 'd.checked_in_at as d_checked_in_at'])
    .select(['d.created_at as d_created_at'])
    .where('k.person_id', '=', keepId)
    .where('d.person_id', '=', mergeId)
    .execute();
  for (const p of pairs) {
    const kept = {
      status: p.k_status,
      checked_in_at: p.k_checked_in_at,
      created_at: p.k_created_at,
    };
    const dup = {
      status: p.d_status,
      checked_in_at: p.d_checked_in_at,
      created_at: p.d_created_at,
    };
    const [dropId, dropped] = outranks(kept, dup) ? [p.d_id, dup] : [p.k_id, kept];
    await trx.deleteFrom('rsvps').where('id', '=', dropId).execute();
    if (dropped.status === 'confirmed') {
      await releaseSeat(trx, p.event_id);
      if (p.event_status === 'published') await promoteWaitlist(trx, p.event_id, options);
    }
  }
  return pairs.length;
}
