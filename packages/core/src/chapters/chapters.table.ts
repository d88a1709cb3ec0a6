import type { Insertable, Selectable, Updateable } from 'kysely';

export type Role = 'owner' | 'organizer' | 'viewer';

export interface ChapterTable {
  id: string;
  slug: string;
  name: string;
  locale: string;
  time_zone: string;
  /** JSON object of per-chapter settings (rate limits, retention, ...). */
  settings: string;
  created_at: string;
}

export interface MembershipTable {
  user_id: string;
  chapter_id: string;
  role: Role;
  created_at: string;
}

export interface ChapterTables {
  chapters: ChapterTable;
  memberships: MembershipTable;
}

export type ChapterRow = Selectable<ChapterTable>;
export type NewChapter = Insertable<ChapterTable>;
export type ChapterUpdate = Updateable<ChapterTable>;
export type MembershipRow = Selectable<MembershipTable>;
