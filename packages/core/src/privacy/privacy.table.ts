import type { Selectable } from 'kysely';

/** A consent text version: the exact words shown, keyed by their SHA-256. */
export interface ConsentTextTable {
  /** Hex SHA-256 of `purpose \n locale \n text`. */
  hash: string;
  purpose: string;
  locale: string;
  text: string;
  created_at: string;
}

export interface TagTable {
  id: string;
  chapter_id: string;
  name: string;
  created_at: string;
}

export interface PersonTagTable {
  person_id: string;
  tag_id: string;
  created_at: string;
}

export interface PersonNoteTable {
  id: string;
  chapter_id: string;
  person_id: string;
  author_user_id: string | null;
  body: string;
  created_at: string;
}

export type BroadcastStatus = 'draft' | 'sending' | 'sent';

export interface BroadcastTable {
  id: string;
  chapter_id: string;
  subject: string;
  /** Markdown. */
  body: string;
  locale: string;
  /** JSON `Segment` (see broadcasts/segment.ts). */
  segment: string;
  status: BroadcastStatus;
  per_minute: number;
  recipients: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** Per-chapter privacy settings; a missing row means the defaults. */
export interface ChapterPrivacyTable {
  chapter_id: string;
  retention_months: number;
  sender_name: string | null;
  reply_to: string | null;
  updated_at: string;
}

export interface PrivacyTables {
  consent_texts: ConsentTextTable;
  tags: TagTable;
  person_tags: PersonTagTable;
  person_notes: PersonNoteTable;
  broadcasts: BroadcastTable;
  chapter_privacy: ChapterPrivacyTable;
}

export type TagRow = Selectable<TagTable>;
export type BroadcastRow = Selectable<BroadcastTable>;
