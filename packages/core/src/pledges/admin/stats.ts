/**
 * Statistics of one pledge for its organizers. Each figure is one GROUP BY over the pledge's
 * signatures (index on pledge_id); totals come from the counter rows.
 */
import { type Kysely, sql } from 'kysely';
import { type Clock, systemClock } from '../../clock/index.ts';
import { addDays, dayStart, localDay } from '../../clock/time-zones.ts';
import type { Database } from '../../db/schema.ts';
import { parseInput } from '../../errors/index.ts';
import { readCounterSums } from '../pledges.ts';
import { chapterTimeZone, getChapterPledge } from './access.ts';
import { type PledgeStatsInput, pledgeStatsInput } from './schemas.ts';

export interface PledgeStats {
  timeZone: string;
  /** Every day of the window, oldest first, zero-filled, in the chapter's time zone. */
  perDay: Array<{ day: string; count: number }>;
  /** Most signatures first; `source: null` is the hosted page. */
  bySource: Array<{ source: string | null; count: number }>;
  /** The signers who brought the most others (at most 10). */
  topReferrers: Array<{
    signatureId: string;
    name: string | null;
    email: string;
    referralCode: string;
    count: number;
  }>;
  confirmed: number;
  pending: number;
  /** Confirmed share of all signatures (0..1); null before the first signature. */
  confirmationRate: number | null;
}

/**
 * The statistics page of a pledge.
 *
 * @example
 * const stats = await pledgeStats(db, chapterId, { pledgeId, days: 30 }, clock);
 */
export async function pledgeStats(
  db: Kysely<Database>,
  chapterId: string,
  input: PledgeStatsInput,
  clock: Clock = systemClock,
): Promise<PledgeStats> {
  const { pledgeId, days } = parseInput(pledgeStatsInput, input);
  await getChapterPledge(db, chapterId, pledgeId);
  const timeZone = await chapterTimeZone(db, chapterId);
  const sums = (await readCounterSums(db, [pledgeId])).get(pledgeId) ?? {
    confirmed: 0,
    pending: 0,
  };
  const total = sums.confirmed + sums.pending;
  return {
    timeZone,
    perDay: await perDay(db, pledgeId, days, timeZone, clock),
    bySource: await bySource(db, pledgeId),
    topReferrers: await topReferrers(db, pledgeId),
    confirmed: sums.confirmed,
    pending: sums.pending,
    confirmationRate: total === 0 ? null : sums.confirmed / total,
  };
}

/**
 * SQL counts per UTC quarter-hour (portable string functions only: no engine converts time
 * zones the same way); the quarter-hours are then folded into local days here. Quarter-hours,
 * not hours, so zones at +05:45 or +09:30 fall on the right day too.
 */
async function perDay(
  db: Kysely<Database>,
  pledgeId: string,
  days: number,
  timeZone: string,
  clock: Clock,
): Promise<PledgeStats['perDay']> {
  const today = localDay(clock.now(), timeZone);
  const first = addDays(today, -(days - 1));
  const bucket = sql<string>`substr(created_at, 1, 14) || case
    when substr(created_at, 15, 2) < '15' then '00'
    when substr(created_at, 15, 2) < '30' then '15'
    when substr(created_at, 15, 2) < '45' then '30'
    else '45' end`;
  const rows = await db
    .selectFrom('signatures')
    .select((eb) => [bucket.as('bucket'), eb.fn.countAll<number | string>().as('n')])
    .where('pledge_id', '=', pledgeId)
    .where('created_at', '>=', dayStart(first, timeZone).toISOString())
    .groupBy(bucket)
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) {
    const day = localDay(new Date(`${r.bucket}:00.000Z`), timeZone);
    counts.set(day, (counts.get(day) ?? 0) + Number(r.n));
  }
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(first, i);
    return { day, count: counts.get(day) ?? 0 };
  });
}

async function bySource(db: Kysely<Database>, pledgeId: string) {
  const rows = await db
    .selectFrom('signatures')
    .select((eb) => ['source', eb.fn.countAll<number | string>().as('n')])
    .where('pledge_id', '=', pledgeId)
    .groupBy('source')
    .orderBy('n', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({ source: r.source, count: Number(r.n) }));
}

async function topReferrers(db: Kysely<Database>, pledgeId: string) {
  const top = await db
    .selectFrom('signatures')
    .select((eb) => ['referred_by', eb.fn.countAll<number | string>().as('n')])
    .where('pledge_id', '=', pledgeId)
    .where('referred_by', 'is not', null)
    .groupBy('referred_by')
    .orderBy('n', 'desc')
    .orderBy('referred_by')
    .limit(10)
    .execute();
  const ids = top.map((r) => r.referred_by as string);
  if (ids.length === 0) return [];
  const people = await db
    .selectFrom('signatures as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['s.id', 's.referral_code', 'p.name', 'p.email'])
    .where('s.id', 'in', ids)
    .execute();
  const byId = new Map(people.map((p) => [p.id, p]));
  return top.flatMap((r) => {
    const p = byId.get(r.referred_by as string);
    if (!p) return [];
    return [
      {
        signatureId: p.id,
        name: p.name,
        email: p.email,
        referralCode: p.referral_code,
        count: Number(r.n),
      },
    ];
  });
}
