/**
 * RSVPs: the seat check and the insert in one transaction. A seat is taken with a conditional
 * UPDATE of the event's counter (`seats_taken = seats_taken + 1 where seats_taken < capacity`)
 * and the rows it changed: on SQLite transactions run one at a time; on PostgreSQL the UPDATE
 * locks the event row and re-checks the condition after a concurrent writer commits. Either
 * way two people racing for the last seat cannot both get it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, fieldErrorsFromZod } from '../errors/index.ts';
import { ensurePeople } from '../people/people.ts';
import type { RsvpStatus } from './events.table.ts';
import { type Event, getPublicEvent, pickText, toEvent } from './events.ts';
import { chapterNameOf, queueEventMail } from './mail.ts';
import { rsvpInput } from './schemas.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface RsvpOptions {
  publicUrl: string;
  clock?: Clock;
  /** `api`, `page` or `widget`. */
  source?: string;
}

/**
 * What every RSVP answers, new or repeated, seat or waitlist: nobody can learn from it whether
 * an address had registered. The mail tells the person their status.
 */
export interface RsvpReceipt {
  status: 'received';
}

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A short check-in code: 6 characters, no 0/O or 1/I to misread at the door. */
export function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

/** The consent text recorded when a person ticks "keep me informed" on an RSVP form. */
export function eventConsentText(locale: string, chapterName: string): string {
  return locale === 'fr'
    ? `J'accepte de recevoir des nouvelles de ${chapterName} par e-mail. Je peux me désinscrire à tout moment.`
    : `I agree to receive news from ${chapterName} by e-mail. I can unsubscribe at any time.`;
}

/**
 * Registers someone for a published event: a seat while there is one, else the waitlist
 * (or a CONFLICT when the event is full and has no waitlist). Idempotent per (event, e-mail).
 * A filled honeypot (`website`) is answered the same and stores nothing.
 *
 * @example
 * await rsvp(db, 'mass-cancellation-party', { email, name }, { publicUrl, clock });
 */
export async function rsvp(
  db: Kysely<Database>,
  slug: string,
  raw: unknown,
  options: RsvpOptions,
): Promise<RsvpReceipt> {
  const event = await getPublicEvent(db, slug);
  const clock = options.clock ?? systemClock;
  const parsed = rsvpInput.safeParse(raw);
  if (!parsed.success) {
    const typeError = parsed.error.issues.some((i) => i.code === 'invalid_type');
    throw new AppError(
      typeError ? 'BAD_REQUEST' : 'UNPROCESSABLE',
      'Some fields need your attention.',
      { fields: fieldErrorsFromZod(parsed.error) },
    );
  }
  const input = parsed.data;
  if (input.website !== undefined && input.website !== '' && input.website !== null) {
    return { status: 'received' };
  }
  assertOpen(event, clock);
  const answers = checkAnswers(event, input.answers ?? {});
  const locale =
    input.locale === 'fr' || input.locale === 'en' ? input.locale : event.defaultLocale;
  const now = isoNow(clock);
  await db.transaction().execute(async (trx) => {
    const current = toEvent(
      await trx
        .selectFrom('events')
        .selectAll()
        .where('id', '=', event.id)
        .executeTakeFirstOrThrow(),
    );
    // Refused for everyone alike (before looking the person up): no enumeration.
    if (isFull(current) && !current.waitlist) {
      throw new AppError('CONFLICT', 'This event is full.', {
        fields: { _: 'The event is full.' },
      });
    }
    const ids = await ensurePeople(
      trx,
      [
        {
          id: newId(),
          chapterId: event.chapterId,
          email: input.email,
          name: input.name,
          postalCode: null,
          locale,
        },
      ],
      now,
    );
    const personId = ids.get(`${event.chapterId}\n${input.email}`) as string;
    const existing = await trx
      .selectFrom('rsvps')
      .select(['id', 'status', 'code', 'token'])
      .where('event_id', '=', event.id)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (existing && existing.status !== 'cancelled') return;
    const status: RsvpStatus = (await takeSeat(trx, event.id)) ? 'confirmed' : 'waitlisted';
    const row = {
      status,
      answers: JSON.stringify(answers),
      locale,
      source: options.source ?? 'api',
      created_at: now,
      updated_at: now,
    };
    const id = existing?.id ?? newId();
    const code = existing?.code ?? newCheckInCode();
    const token = existing?.token ?? randomBytes(18).toString('base64url');
    if (existing) {
      await trx.updateTable('rsvps').set(row).where('id', '=', id).execute();
    } else {
      const inserted = await trx
        .insertInto('rsvps')
        .values({
          id,
          chapter_id: event.chapterId,
          event_id: event.id,
          person_id: personId,
          code,
          token,
          checked_in_at: null,
          ...row,
        })
        // The same address sent twice at the same moment (PostgreSQL): the other one won.
        .onConflict((oc) => oc.columns(['event_id', 'person_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        if (status === 'confirmed') await releaseSeat(trx, event.id);
        return;
      }
    }
    const chapterName = await chapterNameOf(trx, event.chapterId);
    if (input.consent) {
      await trx
        .insertInto('consents')
        .values({
          id: newId(),
          chapter_id: event.chapterId,
          person_id: personId,
          purpose: 'email_updates',
          text_shown: eventConsentText(locale, chapterName),
          locale,
          source: `event:${event.slug}`,
          granted_at: now,
          withdrawn_at: null,
        })
        .execute();
    }
    const template = status === 'confirmed' ? 'event-rsvp-confirmed' : 'event-waitlisted';
    await queueEventMail(
      trx,
      template,
      current,
      chapterName,
      {
        id,
        personId,
        email: input.email,
        name: input.name,
        locale,
        code,
        token,
        confirmed: status === 'confirmed',
      },
      { publicUrl: options.publicUrl, clock },
    );
  });
  return { status: 'received' };
}

/** True when a capacity is set and every seat is taken. */
export function isFull(event: Event): boolean {
  return event.capacity !== null && event.seatsTaken >= event.capacity;
}

function assertOpen(event: Event, clock: Clock): void {
  if (event.status === 'cancelled') {
    throw new AppError('CONFLICT', 'This event is cancelled.', {
      fields: { _: 'The event is cancelled.' },
    });
  }
  if (event.endsAt <= isoNow(clock)) {
    throw new AppError('CONFLICT', 'This event is over.', { fields: { _: 'The event is over.' } });
  }
}

/**
 * Takes one seat if there is one (the conditional UPDATE): true when taken.
 *
 * @example
 * const seated = await takeSeat(trx, event.id);
 */
export async function takeSeat(trx: Db, eventId: string): Promise<boolean> {
  const result = await trx
    .updateTable('events')
    .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
    .where('id', '=', eventId)
    .where((eb) => eb.or([eb('capacity', 'is', null), eb('seats_taken', '<', eb.ref('capacity'))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a seat back. */
export async function releaseSeat(trx: Db, eventId: string): Promise<void> {
  await trx
    .updateTable('events')
    .set((eb) => ({ seats_taken: eb('seats_taken', '-', 1) }))
    .where('id', '=', eventId)
    .where('seats_taken', '>', 0)
    .execute();
}

/**
 * Moves people from the waitlist to free seats, first come first served, and tells each of
 * them. Safe when several run at once (the rsvp update re-checks its status).
 *
 * @returns how many were promoted.
 */
export async function promoteWaitlist(
  trx: Db,
  eventId: string,
  options: { publicUrl: string; clock: Clock },
): Promise<number> {
  let promoted = 0;
  for (;;) {
    const next = await trx
      .selectFrom('rsvps')
      .innerJoin('people', 'people.id', 'rsvps.person_id')
      .select(['rsvps.id', 'rsvps.person_id', 'people.email', 'people.name', 'rsvps.locale'])
      .select(['rsvps.code', 'rsvps.token'])
      .where('rsvps.event_id', '=', eventId)
      .where('rsvps.status', '=', 'waitlisted')
      .orderBy('rsvps.created_at')
      .orderBy('rsvps.id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return promoted;
    if (!(await takeSeat(trx, eventId))) return promoted;
    const moved = await trx
      .updateTable('rsvps')
      .set({ status: 'confirmed', updated_at: isoNow(options.clock) })
      .where('id', '=', next.id)
      .where('status', '=', 'waitlisted')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) {
      await releaseSeat(trx, eventId);
      continue;
    }
    promoted++;
    const event = toEvent(
      await trx
        .selectFrom('events')
        .selectAll()
        .where('id', '=', eventId)
        .executeTakeFirstOrThrow(),
    );
    await queueEventMail(
      trx,
      'event-promoted',
      event,
      await chapterNameOf(trx, event.chapterId),
      {
        id: next.id,
        personId: next.person_id,
        email: next.email,
        name: next.name,
        locale: next.locale,
        code: next.code,
        token: next.token,
        confirmed: true,
      },
      options,
    );
  }
}

/** What the attendee's own page shows (found by the secret token of their links). */
export interface AttendeeView {
  event: Event;
  rsvpId: string;
  status: RsvpStatus;
  name: string | null;
  code: string;
  locale: string;
  checkedIn: boolean;
}

/**
 * The RSVP behind an attendee link, or undefined for an unknown token or another event.
 *
 * @example
 * const view = await findByToken(db, slug, token);
 */
export async function findByToken(
  db: Kysely<Database>,
  slug: string,
  token: string,
): Promise<AttendeeView | undefined> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('rsvps')
    .innerJoin('events', 'events.id', 'rsvps.event_id')
    .innerJoin('people', 'people.id', 'rsvps.person_id')
    .select([
      'rsvps.id as rsvp_id',
      'rsvps.status as rsvp_status',
      'rsvps.code',
      'rsvps.locale as rsvp_locale',
    ])
    .select(['rsvps.checked_in_at', 'people.name as person_name'])
    .selectAll('events')
    .where('rsvps.token', '=', token)
    .where('events.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    event: toEvent(row),
    rsvpId: row.rsvp_id,
    status: row.rsvp_status,
    name: row.person_name,
    code: row.code,
    locale: row.rsvp_locale,
    checkedIn: row.checked_in_at !== null,
  };
}

/**
 * Cancels the RSVP behind an attendee link; a freed seat goes to the first person on the
 * waitlist at once. Cancelling twice is fine.
 *
 * @returns the RSVP as it is now, or undefined for an unknown token.
 */
export async function cancelRsvp(
  db: Kysely<Database>,
  slug: string,
  token: string,
  options: { publicUrl: string; clock?: Clock },
): Promise<AttendeeView | undefined> {
  const clock = options.clock ?? systemClock;
  const found = await findByToken(db, slug, token);
  if (!found) return undefined;
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('rsvps')
      .set({ status: 'cancelled', updated_at: isoNow(clock) })
      .where('id', '=', found.rsvpId)
      .where('status', '!=', 'cancelled')
      .returning('id')
      .executeTakeFirst();
    if (!changed) return;
    if (found.status === 'confirmed') {
      await releaseSeat(trx, found.event.id);
      if (found.event.status === 'published') {
        await promoteWaitlist(trx, found.event.id, { publicUrl: options.publicUrl, clock });
      }
    }
  });
  return { ...found, status: 'cancelled' };
}

/** Checks the answers against the event's questions: known ids, known options, required ones. */
function checkAnswers(
  event: Event,
  answers: Record<string, string | string[]>,
): Record<string, string | string[]> {
  const fields: Record<string, string> = {};
  const out: Record<string, string | string[]> = {};
  for (const q of event.questions) {
    const value = answers[q.id];
    const values = (Array.isArray(value) ? value : value ? [value] : []).filter((v) => v !== '');
    if (values.length === 0) {
      if (q.required) fields[`answers.${q.id}`] = 'Required.';
      continue;
    }
    if (q.kind === 'text') {
      out[q.id] = values.join(' ');
      continue;
    }
    const known = new Set(q.options.map((o) => o.id));
    if (values.some((v) => !known.has(v)) || (q.kind === 'single' && values.length > 1)) {
      fields[`answers.${q.id}`] = 'Not one of the choices.';
      continue;
    }
    out[q.id] = q.kind === 'single' ? (values[0] as string) : values;
  }
  if (Object.keys(fields).length > 0) {
    throw new AppError('UNPROCESSABLE', 'Some answers need your attention.', { fields });
  }
  return out;
}

/** The event's title in a language (helper for transports). */
export function eventTitle(event: Event, locale: string): string {
  return pickText(event.title, locale, event.defaultLocale);
}
