/**
 * The broadcast sender: turns a started broadcast into one outbox mail per consenting
 * recipient, in batches (one transaction each), paced with `notBefore` at the broadcast's
 * rate. Each mail's dedupe key is `broadcast:<id>:<personId>`, so a restart — of this job or
 * of the process — never queues anyone twice, and the outbox sends each row once.
 */
import type { Kysely } from 'kysely';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { enqueueMail } from '../outbox/index.ts';
import { unsubscribeLink } from '../privacy/tokens.ts';
import { broadcastKeyPrefix, segmentPeople, senderOf } from './broadcasts.ts';
import type { Segment } from './schemas.ts';

export interface SenderOptions {
  secret: string;
  publicUrl: string;
  batchSize?: number;
}

/**
 * Queues the next batch of every sending broadcast; marks a broadcast `sent` when all its
 * recipients are queued. Returns how many mails were queued. Run it periodically under
 * `tryLock(db, 'job:broadcasts', …)`.
 *
 * @example
 * await runBroadcastSender(db.kysely, { secret, publicUrl }, clock);
 */
export async function runBroadcastSender(
  db: Kysely<Database>,
  options: SenderOptions,
  clock: Clock = systemClock,
): Promise<number> {
  const sending = await db
    .selectFrom('broadcasts')
    .selectAll()
    .where('status', '=', 'sending')
    .orderBy('created_at')
    .execute();
  let queued = 0;
  for (const b of sending) queued += await queueBatch(db, b, options, clock);
  return queued;
}

async function queueBatch(
  db: Kysely<Database>,
  b: Database['broadcasts'] extends infer T ? { [K in keyof T]: T[K] } : never,
  options: SenderOptions,
  clock: Clock,
): Promise<number> {
  const size = options.batchSize ?? 500;
  const prefix = broadcastKeyPrefix(b.id);
  // Resume after the last person queued (people are queued in id order).
  const last = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max('dedupe_key').as('k'))
    .where('dedupe_key', '>=', prefix)
    .where('dedupe_key', '<', `${prefix}\uffff`)
    .executeTakeFirst();
  const after = last?.k ? String(last.k).slice(prefix.length) : '';
  const people = await segmentPeople(db, b.chapter_id, JSON.parse(b.segment) as Segment)
    .select(['p.id', 'p.email'])
    .where('p.id', '>', after)
    .orderBy('p.id')
    .limit(size)
    .execute();
  const sender = await senderOf(db, b.chapter_id);
  const start = b.sent_at ? new Date(b.sent_at).getTime() : clock.now().getTime();
  await db.transaction().execute(async (trx) => {
    let index = b.recipients;
    for (const p of people) {
      const link = unsubscribeLink(options.secret, options.publicUrl, p.id);
      const minute = Math.floor(index / b.per_minute);
      await enqueueMail(
        trx,
        {
          chapterId: b.chapter_id,
          to: p.email,
          template: 'broadcast',
          locale: b.locale,
          data: {
            chapterName: sender.chapterName,
            subject: b.subject,
            body: b.body,
            unsubscribeUrl: link.url,
          },
          headers: link.headers,
          personId: p.id,
          fromName: sender.fromName,
          replyTo: sender.replyTo,
          dedupeKey: `${prefix}${p.id}`,
          notBefore: new Date(start + minute * 60_000),
        },
        clock,
      );
      index += 1;
    }
    await trx
      .updateTable('broadcasts')
      .set({
        recipients: index,
        updated_at: isoNow(clock),
        ...(people.length < size ? { status: 'sent' as const } : {}),
      })
      .where('id', '=', b.id)
      .execute();
  });
  return people.length;
}
