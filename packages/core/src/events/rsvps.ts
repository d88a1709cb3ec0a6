/**
 * RSVP creation: the form's answers checked, the person found or added, a seat taken (or a
 * waitlist place), the consent and the mail recorded, all in one transaction. The seat counter
 * and the waitlist are in `seats.ts`; what an attendee's secret link does is in `rsvp-links.ts`.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, fieldErrorsFromZod } from '../errors/index.ts';
import { ensurePeople } from '../people/people.ts';
import { EMAIL_UPDATES, grantConsent } from '../privacy/consents.ts';
import type { RsvpStatus } from './events.table.ts';
import { type Event, getPublicEvent, toEvent } from './events.ts';
import { chapterNameOf, queueEventMail } from './mail.ts';
import { rsvpInput } from './schemas.ts';
import { isFull, releaseSeat, takeSeat } from './seats.ts';

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

/**
 * A short check-in code: 6 characters, no 0/O or 1/I to misread at the door.
 *
 * @example
 * newCheckInCode() // 'K7MZ3Q'
 */
export function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

/**
 * The consent text recorded when a person ticks "keep me informed" on an RSVP form.
 *
 * @example
 * eventConsentText('en', 'Lyon Tenants') // 'I agree to receive news from Lyon Tenants…'
 */
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
          source: 'event',
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
      // Through the ledger, so the row points at its text version like every other consent.
      await grantConsent(
        trx,
        {
          chapterId: event.chapterId,
          personId,
          purpose: EMAIL_UPDATES,
          text: eventConsentText(locale, chapterName),
          locale,
          source: `event:${event.slug}`,
        },
        clock,
      );
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
