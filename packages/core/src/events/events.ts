import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import type { Question } from '../pledges/pledges.table.ts';
import type { EventRow, EventStatus } from './events.table.ts';
import { type EventInput, eventInput } from './schemas.ts';
import { utcToZoned, zonedToUtc } from './time.ts';

export type EventLocale = 'fr' | 'en';
export type Localized = Partial<Record<EventLocale, string>>;

/** An event as the domain sees it (times ISO UTC). */
export interface Event {
  id: string;
  chapterId: string;
  slug: string;
  status: EventStatus;
  defaultLocale: EventLocale;
  title: Localized;
  description: Localized;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  venueAddress: string | null;
  addressPublic: boolean;
  onlineUrl: string | null;
  capacity: number | null;
  waitlist: boolean;
  seatsTaken: number;
  questions: Question[];
  reminders: number[];
  createdAt: string;
  updatedAt: string;
}

/** Who does an organizer action (for the audit log). */
export interface Actor {
  chapterId: string;
  userId: string | null;
}

/** Row → domain object. */
export function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    chapterId: row.chapter_id,
    slug: row.slug,
    status: row.status,
    defaultLocale: row.default_locale,
    title: JSON.parse(row.title) as Localized,
    description: JSON.parse(row.description) as Localized,
    timeZone: row.time_zone,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    venueName: row.venue_name,
    venueAddress: row.venue_address,
    addressPublic: row.address_public === 1,
    onlineUrl: row.online_url,
    capacity: row.capacity,
    waitlist: row.waitlist === 1,
    seatsTaken: Number(row.seats_taken),
    questions: JSON.parse(row.questions) as Question[],
    reminders: JSON.parse(row.reminders) as number[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The text in `locale`, else in the event's default language, else any. */
export function pickText(texts: Localized, locale: string, fallback: EventLocale): string {
  const l = locale === 'fr' || locale === 'en' ? locale : fallback;
  return texts[l] || texts[fallback] || texts.fr || texts.en || '';
}

/**
 * The event's title in a language (helper for transports).
 *
 * @example
 * eventTitle(event, 'en') // 'Mass cancellation party'
 */
export function eventTitle(event: Event, locale: string): string {
  return pickText(event.title, locale, event.defaultLocale);
}

/** The event's fields as the edit form shows them (local times in the event's zone). */
export function toEventInput(event: Event): EventInput {
  return {
    slug: event.slug,
    status: event.status === 'published' ? 'published' : 'draft',
    defaultLocale: event.defaultLocale,
    title: event.title,
    description: event.description,
    timeZone: event.timeZone,
    startsLocal: utcToZoned(event.startsAt, event.timeZone),
    endsLocal: utcToZoned(event.endsAt, event.timeZone),
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    addressPublic: event.addressPublic,
    onlineUrl: event.onlineUrl,
    capacity: event.capacity,
    waitlist: event.waitlist,
    questions: event.questions,
    reminders: event.reminders,
  };
}

/** The columns an input sets (shared by create and update). */
export function inputColumns(input: EventInput) {
  const data = parseInput(eventInput, input);
  return {
    slug: data.slug,
    default_locale: data.defaultLocale,
    title: JSON.stringify(data.title),
    description: JSON.stringify(data.description),
    time_zone: data.timeZone,
    starts_at: zonedToUtc(data.startsLocal, data.timeZone),
    ends_at: zonedToUtc(data.endsLocal, data.timeZone),
    venue_name: data.venueName,
    venue_address: data.venueAddress,
    address_public: data.addressPublic ? 1 : 0,
    online_url: data.onlineUrl,
    capacity: data.capacity ?? null,
    waitlist: data.waitlist ? 1 : 0,
    questions: JSON.stringify(data.questions),
    reminders: JSON.stringify([...new Set(data.reminders)].sort((a, b) => b - a)),
    status: data.status,
  };
}

/**
 * Creates an event in a chapter. A taken slug is a CONFLICT naming the field.
 *
 * @example
 * const event = await createEvent(db, { chapterId, userId }, { slug: 'party', title: { fr: 'Fête' }, … });
 */
export async function createEvent(
  db: Kysely<Database>,
  actor: Actor,
  input: EventInput,
  clock: Clock = systemClock,
): Promise<Event> {
  const columns = inputColumns(input);
  await assertSlugFree(db, columns.slug, null);
  const now = isoNow(clock);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('events')
      .values({
        id,
        chapter_id: actor.chapterId,
        ...columns,
        seats_taken: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(
      trx,
      {
        chapterId: actor.chapterId,
        actorUserId: actor.userId,
        action: 'event.created',
        target: id,
      },
      clock,
    );
  });
  return getEvent(db, actor.chapterId, id);
}

/** Throws a field-level CONFLICT when another event (or a pledge's page) uses the slug. */
export async function assertSlugFree(
  db: Kysely<Database>,
  slug: string,
  exceptId: string | null,
): Promise<void> {
  let query = db.selectFrom('events').select('id').where('slug', '=', slug);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppError('CONFLICT', 'This address is taken.', {
      fields: { slug: 'Another event uses this address.' },
    });
  }
}

/**
 * One event of a chapter (NOT_FOUND for another chapter's: no probing for ids).
 *
 * @example
 * const event = await getEvent(db, chapterId, eventId);
 */
export async function getEvent(
  db: Kysely<Database>,
  chapterId: string,
  id: string,
): Promise<Event> {
  const row = await db
    .selectFrom('events')
    .selectAll()
    .where('id', '=', id)
    .where('chapter_id', '=', chapterId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such event.');
  return toEvent(row);
}

/**
 * A published or cancelled event by its public slug; drafts are NOT_FOUND.
 *
 * @example
 * const event = await getPublicEvent(db, 'mass-cancellation-party');
 */
export async function getPublicEvent(db: Kysely<Database>, slug: string): Promise<Event> {
  const row = await db
    .selectFrom('events')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No event with this address.');
  return toEvent(row);
}

/**
 * A chapter's events, soonest first; `upcoming` keeps published events not yet over.
 *
 * @example
 * const list = await listEvents(db, chapterId, { upcoming: true, now });
 */
export async function listEvents(
  db: Kysely<Database>,
  chapterId: string,
  options: { upcoming?: boolean; now?: string; publishedOnly?: boolean } = {},
): Promise<Event[]> {
  let query = db.selectFrom('events').selectAll().where('chapter_id', '=', chapterId);
  if (options.publishedOnly) query = query.where('status', '=', 'published');
  if (options.upcoming && options.now) query = query.where('ends_at', '>', options.now);
  const rows = await query.orderBy('starts_at', 'asc').limit(500).execute();
  return rows.map(toEvent);
}

/** The statuses an organizer can move an event to. */
export type EventTransition = 'published' | 'draft';
