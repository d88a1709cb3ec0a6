/**
 * What supporters' own pages do, as one call each: ask for the "my data" link, unsubscribe
 * with a signed link, withdraw or erase from the my-data page.
 */
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { enqueueMail } from '../outbox/index.ts';
import { EMAIL_UPDATES, withdrawConsent } from './consents.ts';
import { erasePerson } from './erasure.ts';
import { myDataLinks } from './my-data.ts';
import { verifyLinkToken } from './tokens.ts';

export interface LinkOptions {
  secret: string;
  publicUrl: string;
}

/**
 * Queues the magic link for each chapter where the address is known; nothing for an unknown
 * address (the page answers the same). A second request within a minute sends nothing new.
 * Returns how many mails were queued (for tests only: never show it).
 *
 * @example
 * await sendMyDataLinks(db.kysely, 'ana@example.org', { secret, publicUrl }, clock);
 */
export async function sendMyDataLinks(
  db: Kysely<Database>,
  email: string,
  options: LinkOptions,
  clock: Clock = systemClock,
): Promise<number> {
  const links = await myDataLinks(db, email, options, clock);
  const minute = Math.floor(clock.now().getTime() / 60_000);
  for (const link of links) {
    await enqueueMail(
      db,
      {
        chapterId: link.chapterId,
        to: link.email,
        template: 'my-data-link',
        locale: link.locale,
        data: { chapterName: link.chapterName, url: link.url },
        personId: link.personId,
        fromName: link.chapterName,
        dedupeKey: `my-data:${link.personId}:${minute}`,
      },
      clock,
    );
  }
  return links.length;
}

/** The person and their locale behind a valid link, if the person still exists. */
export async function personForLink(
  db: Kysely<Database>,
  secret: string,
  purpose: 'unsubscribe' | 'my-data',
  token: string,
  clock: Clock = systemClock,
): Promise<{ id: string; chapterId: string; locale: string } | undefined> {
  const personId = verifyLinkToken(secret, purpose, token, clock.now());
  if (!personId) return undefined;
  const person = await db
    .selectFrom('people')
    .select(['id', 'chapter_id', 'locale'])
    .where('id', '=', personId)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return person
    ? { id: person.id, chapterId: person.chapter_id, locale: person.locale }
    : undefined;
}

/**
 * One-click unsubscribe (RFC 8058 and the page's button): withdraws the e-mail consent.
 * Idempotent; `valid` is false for a forged link. An erased person counts as unsubscribed.
 *
 * @example
 * const { valid } = await unsubscribe(db.kysely, config.secret, token, clock);
 */
export async function unsubscribe(
  db: Kysely<Database>,
  secret: string,
  token: string,
  clock: Clock = systemClock,
): Promise<{ valid: boolean; locale?: string }> {
  const personId = verifyLinkToken(secret, 'unsubscribe', token, clock.now());
  if (!personId) return { valid: false };
  await withdrawConsent(db, { personId, purpose: EMAIL_UPDATES, source: 'unsubscribe' }, clock);
  const person = await db
    .selectFrom('people')
    .select('locale')
    .where('id', '=', personId)
    .executeTakeFirst();
  return { valid: true, ...(person ? { locale: person.locale } : {}) };
}

/**
 * From the my-data page: withdraws every consent (`withdraw`) or erases the person
 * (`erase`). False when the link is invalid, expired or the person already erased.
 *
 * @example
 * await myDataAction(db.kysely, secret, token, 'erase', clock);
 */
export async function myDataAction(
  db: Kysely<Database>,
  secret: string,
  token: string,
  action: 'withdraw' | 'erase',
  clock: Clock = systemClock,
): Promise<boolean> {
  const person = await personForLink(db, secret, 'my-data', token, clock);
  if (!person) return false;
  if (action === 'withdraw') {
    await withdrawConsent(db, { personId: person.id, source: 'my-data' }, clock);
  } else {
    await erasePerson(
      db,
      { chapterId: person.chapterId, personId: person.id, actorUserId: null, via: 'my-data' },
      clock,
    );
  }
  return true;
}
