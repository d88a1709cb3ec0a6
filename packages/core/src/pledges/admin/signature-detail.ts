import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors/index.ts';
import type { SignatureStatus } from '../../signing/signing.table.ts';
import type { LocalizedText, PledgeLocale, QuestionKind } from '../pledges.table.ts';
import { getPledge } from '../pledges.ts';

/** One answer with the question's and options' labels (all locales; the admin picks one). */
export interface AnsweredQuestion {
  questionId: string;
  kind: QuestionKind;
  label: LocalizedText;
  /** Option labels for choice questions, the typed text for text questions. */
  values: Array<{ id: string | null; label: LocalizedText | string }>;
}

export interface TimelineEntry {
  at: string;
  kind:
    | 'signed'
    | 'confirmation_sent'
    | 'confirmed'
    | 'consent_granted'
    | 'consent_withdrawn'
    | 'mail';
  /** Mail template or consent purpose. */
  detail: string | null;
}

export interface SignatureDetail {
  id: string;
  pledge: { id: string; slug: string; defaultLocale: PledgeLocale };
  person: {
    id: string;
    name: string | null;
    email: string;
    postalCode: string | null;
    locale: string;
  };
  status: SignatureStatus;
  locale: string;
  source: string | null;
  referralCode: string;
  createdAt: string;
  confirmedAt: string | null;
  answers: AnsweredQuestion[];
  /** The consent this signature gave, with the exact text shown; null when the box was not ticked. */
  consent: {
    textShown: string;
    locale: string;
    grantedAt: string;
    withdrawnAt: string | null;
  } | null;
  referrer: {
    signatureId: string;
    name: string | null;
    email: string;
    referralCode: string;
  } | null;
  /** How many people signed through this signer's link. */
  referred: number;
  timeline: TimelineEntry[];
}

/**
 * Everything about one signature of the chapter (NOT_FOUND for another chapter's).
 *
 * @example
 * const detail = await getSignatureDetail(db, chapterId, signatureId);
 */
export async function getSignatureDetail(
  db: Kysely<Database>,
  chapterId: string,
  signatureId: string,
): Promise<SignatureDetail> {
  const s = await db
    .selectFrom('signatures as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.pledge_id',
      's.person_id',
      's.answers',
      's.locale',
      's.consent',
      's.referral_code',
      's.referred_by',
      's.source',
      's.status',
      's.created_at',
      's.confirmed_at',
      'p.name',
      'p.email',
      'p.postal_code',
      'p.locale as person_locale',
    ])
    .where('s.id', '=', signatureId)
    .where('s.chapter_id', '=', chapterId)
    .executeTakeFirst();
  if (!s) throw new AppError('NOT_FOUND', 'No such signature.');
  const pledge = await getPledge(db, s.pledge_id);
  const consent = s.consent === 1 ? await findConsent(db, s.person_id, pledge.slug) : null;
  return {
    id: s.id,
    pledge: { id: pledge.id, slug: pledge.slug, defaultLocale: pledge.defaultLocale },
    person: {
      id: s.person_id,
      name: s.name,
      email: s.email,
      postalCode: s.postal_code,
      locale: s.person_locale,
    },
    status: s.status,
    locale: s.locale,
    source: s.source,
    referralCode: s.referral_code,
    createdAt: s.created_at,
    confirmedAt: s.confirmed_at,
    answers: labelAnswers(pledge.questions, s.answers),
    consent,
    referrer: s.referred_by ? await findReferrer(db, s.referred_by) : null,
    referred: await countReferred(db, s.id),
    timeline: await timeline(db, s, consent),
  };
}

function labelAnswers(
  questions: Array<{
    id: string;
    kind: QuestionKind;
    label: LocalizedText;
    options: Array<{ id: string; label: LocalizedText }>;
  }>,
  json: string,
): AnsweredQuestion[] {
  const answers = JSON.parse(json) as Record<string, string | string[]>;
  return questions.flatMap((q) => {
    const raw = answers[q.id];
    if (raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) return [];
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => {
      if (q.kind === 'text') return { id: null, label: v };
      const option = q.options.find((o) => o.id === v);
      // An option deleted since keeps its id visible rather than vanishing from the record.
      return { id: v, label: option ? option.label : v };
    });
    return [{ questionId: q.id, kind: q.kind, label: q.label, values }];
  });
}

async function findConsent(db: Kysely<Database>, personId: string, slug: string) {
  const row = await db
    .selectFrom('consents')
    .select(['text_shown', 'locale', 'granted_at', 'withdrawn_at'])
    .where('person_id', '=', personId)
    .where('source', '=', `pledge:${slug}`)
    .orderBy('granted_at', 'desc')
    .executeTakeFirst();
  return row
    ? {
        textShown: row.text_shown,
        locale: row.locale,
        grantedAt: row.granted_at,
        withdrawnAt: row.withdrawn_at,
      }
    : null;
}

async function findReferrer(db: Kysely<Database>, signatureId: string) {
  const r = await db
    .selectFrom('signatures as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['s.id', 's.referral_code', 'p.name', 'p.email'])
    .where('s.id', '=', signatureId)
    .executeTakeFirst();
  return r
    ? { signatureId: r.id, name: r.name, email: r.email, referralCode: r.referral_code }
    : null;
}

async function countReferred(db: Kysely<Database>, signatureId: string): Promise<number> {
  const row = await db
    .selectFrom('signatures')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('referred_by', '=', signatureId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function timeline(
  db: Kysely<Database>,
  s: { id: string; person_id: string; created_at: string; confirmed_at: string | null },
  consent: SignatureDetail['consent'],
): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [{ at: s.created_at, kind: 'signed', detail: null }];
  const links = await db
    .selectFrom('signature_confirmations')
    .select('created_at')
    .where('signature_id', '=', s.id)
    .execute();
  for (const l of links)
    entries.push({ at: l.created_at, kind: 'confirmation_sent', detail: null });
  if (s.confirmed_at && links.length > 0) {
    entries.push({ at: s.confirmed_at, kind: 'confirmed', detail: null });
  }
  if (consent) {
    entries.push({ at: consent.grantedAt, kind: 'consent_granted', detail: 'email_updates' });
    if (consent.withdrawnAt) {
      entries.push({ at: consent.withdrawnAt, kind: 'consent_withdrawn', detail: 'email_updates' });
    }
  }
  const mails = await db
    .selectFrom('outbox')
    .select(['created_at', 'template'])
    .where('person_id', '=', s.person_id)
    .where('created_at', '>=', s.created_at)
    .orderBy('created_at')
    .limit(50)
    .execute();
  for (const m of mails) entries.push({ at: m.created_at, kind: 'mail', detail: m.template });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
