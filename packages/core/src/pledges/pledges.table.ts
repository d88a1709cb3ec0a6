import type { Selectable } from 'kysely';

export type PledgeStatus = 'draft' | 'live' | 'closed';
export type PledgeLocale = 'fr' | 'en';
export type QuestionKind = 'single' | 'multiple' | 'text';

/** A label per locale; a missing locale falls back to the pledge's default locale. */
export type LocalizedText = Partial<Record<PledgeLocale, string>>;

/** One custom question, as stored (JSON) in `pledges.questions`. Ids are stable across edits. */
export interface Question {
  id: string;
  kind: QuestionKind;
  required: boolean;
  label: LocalizedText;
  /** Empty for `text` questions. */
  options: Array<{ id: string; label: LocalizedText }>;
}

/** Per-pledge rate limit (JSON in `pledges.rate_limit`; null = chapter or instance default). */
export interface RateLimitSettings {
  burst: { points: number; seconds: number };
  sustained: { points: number; seconds: number };
}

export interface PledgeTable {
  id: string;
  chapter_id: string;
  /** Unique per instance: it is the public URL (`/p/:slug`, `/api/v1/pledges/:slug`). */
  slug: string;
  status: PledgeStatus;
  goal: number;
  default_locale: PledgeLocale;
  /** JSON `Question[]`. */
  questions: string;
  ask_postal_code: number;
  requires_confirmation: number;
  /** 1: the public count includes pending (unconfirmed) signatures. */
  count_unconfirmed: number;
  /** 1: signing needs an ALTCHA proof-of-work solution. */
  proof_of_work: number;
  /** JSON `RateLimitSettings` or null. */
  rate_limit: string | null;
  created_at: string;
  updated_at: string;
}

/** The texts of a pledge in one locale. */
export interface PledgeTranslationTable {
  pledge_id: string;
  locale: PledgeLocale;
  title: string;
  /** Markdown, rendered safely (no raw HTML, http/https/mailto links only). */
  body: string;
  consent_text: string;
  share_text: string;
  /** JSON `string[]`, in order. */
  next_steps: string;
}

export interface PledgeTables {
  pledges: PledgeTable;
  pledge_translations: PledgeTranslationTable;
}

export type PledgeRow = Selectable<PledgeTable>;
export type PledgeTranslationRow = Selectable<PledgeTranslationTable>;
