/**
 * One person for the organizers: profile, tags, notes and a timeline (signatures, RSVPs,
 * mails, consents given and withdrawn), built on the same read as the person's own
 * "my data" page so organizers never see more or less than the person can.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import { withdrawConsent } from '../privacy/consents.ts';
import { loadMyData, type MyData } from '../privacy/my-data.ts';
import { normalizeEmail } from './people.ts';
import { type PersonEdit, personEditInput } from './schemas.ts';

export interface TimelineEntry {
  at: string;
  kind: 'signed' | 'confirmed' | 'rsvp' | 'mail' | 'consent-given' | 'consent-withdrawn';
  /** What it was about: a pledge or event title, a template, a consent source. */
  label: string;
  detail: string | null;
}

export interface PersonView {
  data: MyData;
  tags: Array<{ id: string; name: string }>;
  notes: Array<{ id: string; body: string; createdAt: string; author: string | null }>;
  timeline: TimelineEntry[];
}

/** NOT_FOUND unless the person is a (not erased) person of the chapter. */
export async function chapterPerson(db: Kysely<Database>, chapterId: string, personId: string) {
  const person = await db
    .selectFrom('people')
    .selectAll()
    .where('id', '=', personId)
    .where('chapter_id', '=', chapterId)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  if (!person) throw new AppError('NOT_FOUND', 'No such person.');
  return person;
}

/**
 * The person page: everything about one person, newest events first.
 *
 * @example
 * const view = await getPerson(db, chapterId, personId);
 */
export async function getPerson(
  db: Kysely<Database>,
  chapterId: string,
  personId: string,
): Promise<PersonView> {
  await chapterPerson(db, chapterId, personId);
  const data = await loadMyData(db, personId);
  if (!data) throw new AppError('NOT_FOUND', 'No such person.');
  const tags = await db
    .selectFrom('person_tags')
    .innerJoin('tags', 'tags.id', 'person_tags.tag_id')
    .select(['tags.id', 'tags.name'])
    .where('person_tags.person_id', '=', personId)
    .orderBy('tags.name')
    .execute();
  const notes = await db
    .selectFrom('person_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_user_id')
    .select(['n.id', 'n.body', 'n.created_at', 'u.name as author'])
    .where('n.person_id', '=', personId)
    .orderBy('n.created_at', 'desc')
    .execute();
  return {
    data,
    tags,
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      createdAt: n.created_at,
      author: n.author ?? null,
    })),
    timeline: timelineOf(data),
  };
}

function timelineOf(d: MyData): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const s of d.signatures) {
    entries.push({ at: s.createdAt, kind: 'signed', label: s.title, detail: s.status });
    if (s.confirmedAt && s.confirmedAt !== s.createdAt) {
      entries.push({ at: s.confirmedAt, kind: 'confirmed', label: s.title, detail: null });
    }
  }
  for (const r of d.rsvps)
    entries.push({ at: r.createdAt, kind: 'rsvp', label: r.title, detail: r.status });
  for (const m of d.mails)
    entries.push({ at: m.createdAt, kind: 'mail', label: m.template, detail: m.status });
  for (const c of d.consents) {
    entries.push({ at: c.grantedAt, kind: 'consent-given', label: c.source, detail: c.text });
    if (c.withdrawnAt) {
      entries.push({
        at: c.withdrawnAt,
        kind: 'consent-withdrawn',
        label: c.withdrawnSource ?? '',
        detail: c.text,
      });
    }
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/**
 * Edits a person's profile (CONFLICT when the new e-mail is another person's of the chapter:
 * merge them instead). Audit-logged without the values.
 *
 * @example
 * await updatePerson(db, chapterId, userId, { personId, name: 'Ada' }, clock);
 */
export async function updatePerson(
  db: Kysely<Database>,
  chapterId: string,
  actorUserId: string,
  input: PersonEdit,
  clock: Clock = systemClock,
): Promise<void> {
  const edit = parseInput(personEditInput, input);
  await chapterPerson(db, chapterId, edit.personId);
  const set: {
    name?: string | null;
    email?: string;
    postal_code?: string | null;
    locale?: string;
    updated_at: string;
  } = { updated_at: isoNow(clock) };
  if (edit.name !== undefined) set.name = edit.name || null;
  if (edit.postalCode !== undefined) set.postal_code = edit.postalCode || null;
  if (edit.locale !== undefined) set.locale = edit.locale;
  if (edit.email !== undefined) {
    const email = normalizeEmail(edit.email);
    const other = await db
      .selectFrom('people')
      .select('id')
      .where('chapter_id', '=', chapterId)
      .where('email', '=', email)
      .where('id', '!=', edit.personId)
      .executeTakeFirst();
    if (other) {
      throw new AppError('CONFLICT', 'Another person has this e-mail: merge them instead.', {
        fields: { email: 'Another person has this e-mail.' },
      });
    }
    set.email = email;
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('people').set(set).where('id', '=', edit.personId).execute();
    await recordAudit(
      trx,
      {
        chapterId,
        actorUserId,
        action: 'person.updated',
        target: edit.personId,
        details: { fields: Object.keys(set).filter((k) => k !== 'updated_at') },
      },
      clock,
    );
  });
}

/** Adds an organizer's note to a person (1 to 5000 characters), audit-logged (not its text). */
export async function addNote(
  db: Kysely<Database>,
  chapterId: string,
  actorUserId: string,
  personId: string,
  body: string,
  clock: Clock = systemClock,
): Promise<string> {
  const text = body.trim();
  if (text.length === 0 || text.length > 5000) {
    throw new AppError('BAD_REQUEST', 'A note has 1 to 5000 characters.', {
      fields: { body: 'Between 1 and 5000 characters.' },
    });
  }
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await chapterPerson(trx, chapterId, personId);
    await trx
      .insertInto('person_notes')
      .values({
        id,
        chapter_id: chapterId,
        person_id: personId,
        author_user_id: actorUserId,
        body: text,
        created_at: isoNow(clock),
      })
      .execute();
    const entry = { chapterId, actorUserId, action: 'person.note_added', target: personId };
    await recordAudit(trx, entry, clock);
  });
  return id;
}

/** Deletes a note of the chapter, audit-logged. */
export async function deleteNote(
  db: Kysely<Database>,
  chapterId: string,
  actorUserId: string | null,
  noteId: string,
  clock: Clock = systemClock,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const note = await trx
      .selectFrom('person_notes')
      .select('person_id')
      .where('id', '=', noteId)
      .where('chapter_id', '=', chapterId)
      .executeTakeFirst();
    if (!note) throw new AppError('NOT_FOUND', 'No such note.');
    await trx.deleteFrom('person_notes').where('id', '=', noteId).execute();
    const entry = { chapterId, actorUserId, action: 'person.note_deleted', target: note.person_id };
    await recordAudit(trx, entry, clock);
  });
}

/**
 * An organizer withdraws every current consent of a person (they asked by phone, at a stall):
 * the ledger records the source `admin`, the audit log who did it. Returns how many grants
 * were withdrawn.
 *
 * @example
 * const withdrawn = await withdrawConsentFor(db, chapterId, userId, personId, clock);
 */
export async function withdrawConsentFor(
  db: Kysely<Database>,
  chapterId: string,
  actorUserId: string | null,
  personId: string,
  clock: Clock = systemClock,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await chapterPerson(trx, chapterId, personId);
    const withdrawn = await withdrawConsent(trx, { personId, source: 'admin' }, clock);
    if (withdrawn > 0) {
      const action = 'person.consent_withdrawn';
      const details = { withdrawn };
      await recordAudit(trx, { chapterId, actorUserId, action, target: personId, details }, clock);
    }
    return withdrawn;
  });
}
