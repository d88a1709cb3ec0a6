import type { Selectable } from 'kysely';

/**
 * One person per normalized e-mail per chapter. Every personal field lives in this row, so
 * erasing a person is deleting it (their signatures and consents cascade).
 */
export interface PersonTable {
  id: string;
  chapter_id: string;
  /** Normalized: trimmed and lower-cased (see `normalizeEmail`). Unique per chapter. */
  email: string;
  /** Exactly as the person typed it (any script, no trimming); null when not given. */
  name: string | null;
  postal_code: string | null;
  locale: string;
  created_at: string;
  updated_at: string;
  /** What first brought them: `signature`, `rsvp`, `import`, `admin` (null: before 0008). */
  source: string | null;
  /** Set when erased: the row stays as an anonymous tombstone so counts stay right. */
  erased_at: string | null;
}

/**
 * A consent as a fact: what the person agreed to, the exact text they were shown, where, and
 * when. Withdrawal sets `withdrawn_at`; rows are never rewritten.
 */
export interface ConsentTable {
  id: string;
  chapter_id: string;
  person_id: string;
  /** What the consent is for, e.g. `email_updates`. */
  purpose: string;
  text_shown: string;
  locale: string;
  /** Where it was given, e.g. `pledge:quit-chatgpt`. */
  source: string;
  granted_at: string;
  withdrawn_at: string | null;
  /** Version of the text shown: `consent_texts.hash` (null for rows before 0008). */
  text_hash: string | null;
  /** Where it was withdrawn, e.g. `unsubscribe`, `my-data`, `admin`. */
  withdrawn_source: string | null;
}

export interface PeopleTables {
  people: PersonTable;
  consents: ConsentTable;
}

export type PersonRow = Selectable<PersonTable>;
export type ConsentRow = Selectable<ConsentTable>;
