/**
 * Reminder mails: for each published event and each of its reminder offsets (hours before
 * the start), once the moment has come and before the event starts, one round of mails to the
 * confirmed attendees. A round is recorded in `event_reminders_sent` in the same transaction
 * as its mails, and every mail carries a dedupe key: a restart, a second process or a rerun
 * never sends a round twice. Run it periodically under `tryLock` (see apps/api workers).
 */
import type { Kysely } from 'kysely';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { toEvent } from './events.ts';
import { chapterNameOf, mailRecipients, queueEventMail } from './mail.ts';

/** The longest reminder offset allowed (hours): the job looks this far ahead. */
const maxLeadHours = 24 * 14;

/**
 * Sends the reminder rounds that are due now.
 *
 * @returns how many mails were queued.
 * @example
 * await sendDueReminders(db, { publicUrl, clock });
 */
export async function sendDueReminders(
  db: Kysely<Database>,
  options: { publicUrl: string; clock?: Clock },
): Promise<number> {
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const horizon = new Date(now.getTime() + maxLeadHours * 3600_000).toISOString();
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('status', '=', 'published')
    .where('starts_at', '>', now.toISOString())
    .where('starts_at', '<=', horizon)
    .execute();
  let queued = 0;
  for (const row of rows) {
    const event = toEvent(row);
    for (const hours of event.reminders) {
      const due = Date.parse(event.startsAt) - hours * 3600_000;
      if (due > now.getTime()) continue;
      const round = `${hours}h@${event.startsAt}`;
      queued += await db.transaction().execute(async (trx) => {
        const marked = await trx
          .insertInto('event_reminders_sent')
          .values({ event_id: event.id, round, sent_at: isoNow(clock) })
          .onConflict((oc) => oc.columns(['event_id', 'round']).doNothing())
          .returning('round')
          .executeTakeFirst();
        if (!marked) return 0;
        const chapterName = await chapterNameOf(trx, event.chapterId);
        const recipients = await mailRecipients(trx, event.id, ['confirmed']);
        for (const r of recipients) {
          await queueEventMail(trx, 'event-reminder', event, chapterName, r, {
            publicUrl: options.publicUrl,
            clock,
            dedupeKey: `event-reminder:${event.id}:${round}:${r.id}`,
          });
        }
        return recipients.length;
      });
    }
  }
  return queued;
}
