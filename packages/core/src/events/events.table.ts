import type { Selectable } from 'kysely';

export type EventStatus = 'draft' | 'published' | 'cancelled';
export type RsvpStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface EventTable {
  id: string;
  chapter_id: string;
  /** Unique per instance: the public URL (`/e/:slug`, `/api/v1/events/:slug`). */
  slug: string;
  status: EventStatus;
  default_locale: 'fr' | 'en';
  /** JSON `{ fr?, en? }`. */
  title: string;
  /** JSON `{ fr?, en? }` of Markdown. */
  description: string;
  /** IANA zone the times are shown in, e.g. `Europe/Paris`. */
  time_zone: string;
  /** ISO-8601 UTC. */
  starts_at: string;
  ends_at: string;
  venue_name: string | null;
  venue_address: string | null;
  /** 0: the exact address is shown to confirmed attendees only. */
  address_public: number;
  /** Revealed to confirmed attendees only. */
  online_url: string | null;
  /** null: no limit. */
  capacity: number | null;
  waitlist: number;
  /** Confirmed seats (and walk-ins): RSVPs take a seat with a conditional UPDATE on it. */
  seats_taken: number;
  /** JSON `Question[]` (the pledges' question shape). */
  questions: string;
  /** JSON `number[]`: hours before the start at which reminders go out, e.g. `[24, 2]`. */
  reminders: string;
  created_at: string;
  updated_at: string;
}

export interface RsvpTable {
  id: string;
  chapter_id: string;
  event_id: string;
  person_id: string;
  status: RsvpStatus;
  answers: string;
  locale: string;
  /** `web`, `widget`, `page` or `walk-in`. */
  source: string;
  /** Short check-in code shown in mails and as a QR code; unique per event. */
  code: string;
  /** Secret of the attendee's own links (their page, cancel). */
  token: string;
  created_at: string;
  updated_at: string;
  checked_in_at: string | null;
}

export interface EventReminderSentTable {
  event_id: string;
  /** `<hours>h@<starts_at>`: a new start time makes new rounds. */
  round: string;
  sent_at: string;
}

export interface EventTables {
  events: EventTable;
  rsvps: RsvpTable;
  event_reminders_sent: EventReminderSentTable;
}

export type EventRow = Selectable<EventTable>;
export type RsvpRow = Selectable<RsvpTable>;
