/**
 * "My data": everything stored about one person in one chapter, as the person sees it (page
 * and JSON download), and the magic link that opens it.
 */
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { type Localized, pickText } from '../events/events.ts';
import { normalizeEmail } from '../people/people.ts';
import { type ConsentFact, consentLedger } from './consents.ts';
import { signLinkToken } from './tokens.ts';

/** A magic link opens the page for this long. */
export const MY_DATA_LINK_TTL_MS = 60 * 60 * 1000;

export interface MyData {
  person: {
    id: string;
    chapterId: string;
    chapterName: string;
    email: string;
    name: string | null;
    postalCode: string | null;
    locale: string;
    source: string | null;
    createdAt: string;
  };
  signatures: Array<{
    pledge: string;
    title: string;
    status: string;
    answers: unknown;
    source: string | null;
    createdAt: string;
    confirmedAt: string | null;
  }>;
  rsvps: Array<{
    event: string;
    title: string;
    status: string;
    answers: unknown;
    createdAt: string;
  }>;
  consents: ConsentFact[];
  tags: string[];
  notes: Array<{ body: string; createdAt: string }>;
  mails: Array<{ template: string; status: string; createdAt: string; sentAt: string | null }>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Everything stored about a person (undefined when unknown or erased).
 *
 * @example
 * const data = await loadMyData(db.kysely, personId);
 */
export async function loadMyData(
  db: Kysely<Database>,
  personId: string,
): Promise<MyData | undefined> {
  const person = await db
    .selectFrom('people')
    .innerJoin('chapters', 'chapters.id', 'people.chapter_id')
    .selectAll('people')
    .select('chapters.name as chapter_name')
    .where('people.id', '=', personId)
    .where('people.erased_at', 'is', null)
    .executeTakeFirst();
  if (!person) return undefined;
  const signatures = await db
    .selectFrom('signatures')
    .innerJoin('pledges', 'pledges.id', 'signatures.pledge_id')
    .select(['pledges.slug', 'signatures.pledge_id', 'signatures.status', 'signatures.answers'])
    .select(['signatures.source', 'signatures.created_at', 'signatures.confirmed_at'])
    .select((eb) =>
      eb
        .selectFrom('pledge_translations')
        .select('title')
        .whereRef('pledge_translations.pledge_id', '=', 'signatures.pledge_id')
        .orderBy((e) => e.case().when('locale', '=', person.locale).then(0).else(1).end())
        .limit(1)
        .as('title'),
    )
    .where('signatures.person_id', '=', personId)
    .orderBy('signatures.created_at')
    .execute();
  const rsvps = await db
    .selectFrom('rsvps')
    .innerJoin('events', 'events.id', 'rsvps.event_id')
    .select(['events.slug', 'events.title', 'events.default_locale'])
    .select(['rsvps.status', 'rsvps.answers', 'rsvps.created_at'])
    .where('rsvps.person_id', '=', personId)
    .orderBy('rsvps.created_at')
    .execute();
  const tags = await db
    .selectFrom('person_tags')
    .innerJoin('tags', 'tags.id', 'person_tags.tag_id')
    .select('tags.name')
    .where('person_tags.person_id', '=', personId)
    .orderBy('tags.name')
    .execute();
  const notes = await db
    .selectFrom('person_notes')
    .select(['body', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
  const mails = await db
    .selectFrom('outbox')
    .select(['template', 'status', 'created_at', 'sent_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
  return {
    person: {
      id: person.id,
      chapterId: person.chapter_id,
      chapterName: person.chapter_name,
      email: person.email,
      name: person.name,
      postalCode: person.postal_code,
      locale: person.locale,
      source: person.source,
      createdAt: person.created_at,
    },
    signatures: signatures.map((s) => ({
      pledge: s.slug,
      title: s.title ?? s.slug,
      status: s.status,
      answers: parseJson(s.answers),
      source: s.source,
      createdAt: s.created_at,
      confirmedAt: s.confirmed_at,
    })),
    rsvps: rsvps.map((r) => ({
      event: r.slug,
      // Stored as every translation (JSON): the person reads theirs.
      title: pickText(parseJson(r.title) as Localized, person.locale, r.default_locale) || r.slug,
      status: r.status,
      answers: parseJson(r.answers),
      createdAt: r.created_at,
    })),
    consents: await consentLedger(db, personId),
    tags: tags.map((t) => t.name),
    notes: notes.map((n) => ({ body: n.body, createdAt: n.created_at })),
    mails: mails.map((m) => ({
      template: m.template,
      status: m.status,
      createdAt: m.created_at,
      sentAt: m.sent_at,
    })),
  };
}

export interface MyDataLink {
  personId: string;
  chapterId: string;
  chapterName: string;
  email: string;
  locale: string;
  url: string;
}

/**
 * The magic links for an address: one per chapter where that address is a (not erased)
 * person; none for an unknown address (the caller answers the same either way).
 *
 * @example
 * for (const link of await myDataLinks(db, 'ana@example.org', { secret, publicUrl }, clock)) …
 */
export async function myDataLinks(
  db: Kysely<Database>,
  email: string,
  options: { secret: string; publicUrl: string },
  clock: Clock = systemClock,
): Promise<MyDataLink[]> {
  const people = await db
    .selectFrom('people')
    .innerJoin('chapters', 'chapters.id', 'people.chapter_id')
    .select(['people.id', 'people.chapter_id', 'people.email', 'people.locale'])
    .select('chapters.name as chapter_name')
    .where('people.email', '=', normalizeEmail(email))
    .where('people.erased_at', 'is', null)
    .execute();
  const expires = new Date(clock.now().getTime() + MY_DATA_LINK_TTL_MS);
  return people.map((p) => ({
    personId: p.id,
    chapterId: p.chapter_id,
    chapterName: p.chapter_name,
    email: p.email,
    locale: p.locale,
    url: `${options.publicUrl}/my-data/${signLinkToken(options.secret, 'my-data', p.id, expires)}`,
  }));
}
