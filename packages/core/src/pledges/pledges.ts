import type { Kysely } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError, parseInput } from '../errors/index.ts';
import type {
  PledgeLocale,
  PledgeRow,
  PledgeStatus,
  PledgeTranslationRow,
  Question,
  RateLimitSettings,
} from './pledges.table.ts';
import { type PledgeInput, type PledgeTexts, pledgeInput, pledgeLocales } from './schemas.ts';

/** A pledge as the rest of the code sees it (camelCase, JSON decoded, booleans real). */
export interface Pledge {
  id: string;
  chapterId: string;
  slug: string;
  status: PledgeStatus;
  goal: number;
  defaultLocale: PledgeLocale;
  askPostalCode: boolean;
  requiresConfirmation: boolean;
  countUnconfirmed: boolean;
  proofOfWork: boolean;
  rateLimit: RateLimitSettings | null;
  questions: Question[];
  translations: Partial<Record<PledgeLocale, PledgeTexts>>;
  createdAt: string;
  updatedAt: string;
}

/** A line of the organizers' pledge list. */
export interface PledgeSummary {
  id: string;
  slug: string;
  status: PledgeStatus;
  title: string;
  goal: number;
  /** Confirmed signatures. */
  confirmed: number;
  /** Signatures waiting for their e-mail confirmation. */
  pending: number;
  updatedAt: string;
}

/**
 * Creates a pledge in a chapter. Slugs are unique per instance (they are public URLs).
 *
 * @example
 * const pledge = await createPledge(db, chapter.id, {
 *   slug: 'quit-chatgpt', goal: 20000, defaultLocale: 'fr',
 *   translations: { fr: { title: 'Je résilie mon abonnement ChatGPT' } },
 * });
 */
export async function createPledge(
  db: Kysely<Database>,
  chapterId: string,
  input: PledgeInput,
  clock: Clock = systemClock,
): Promise<Pledge> {
  const data = parseInput(pledgeInput, input);
  const now = isoNow(clock);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await assertSlugFree(trx, data.slug);
    await trx
      .insertInto('pledges')
      .values({
        id,
        chapter_id: chapterId,
        ...pledgeColumns(data),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeTranslations(trx, id, data.translations);
  });
  return getPledge(db, id);
}

/**
 * Replaces every organizer-editable field of a pledge (the admin form sends the whole pledge).
 * Callers holding a signing service must call its `invalidate(pledge.id)` afterwards.
 *
 * @example
 * await updatePledge(db, pledge.id, { ...form, goal: 50000 });
 */
export async function updatePledge(
  db: Kysely<Database>,
  id: string,
  input: PledgeInput,
  clock: Clock = systemClock,
): Promise<Pledge> {
  const data = parseInput(pledgeInput, input);
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('pledges')
      .select(['id', 'slug'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'No such pledge.');
    if (current.slug !== data.slug) await assertSlugFree(trx, data.slug);
    await trx
      .updateTable('pledges')
      .set({ ...pledgeColumns(data), updated_at: isoNow(clock) })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('pledge_translations').where('pledge_id', '=', id).execute();
    await writeTranslations(trx, id, data.translations);
  });
  return getPledge(db, id);
}

/**
 * Publishes (`live`), closes or returns a pledge to `draft`. Live needs a title in the default
 * language, which the schema already guarantees. Invalidate the signing service's cache after.
 *
 * @example
 * await setPledgeStatus(db, pledge.id, 'live');
 */
export async function setPledgeStatus(
  db: Kysely<Database>,
  id: string,
  status: PledgeStatus,
  clock: Clock = systemClock,
): Promise<Pledge> {
  if (!['draft', 'live', 'closed'].includes(status)) {
    throw new AppError('BAD_REQUEST', 'Unknown status.', { fields: { status: 'Unknown.' } });
  }
  const result = await db
    .updateTable('pledges')
    .set({ status, updated_at: isoNow(clock) })
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new AppError('NOT_FOUND', 'No such pledge.');
  return getPledge(db, id);
}

/**
 * Reads a pledge by id (any status).
 *
 * @example
 * const pledge = await getPledge(db, id);
 */
export async function getPledge(db: Kysely<Database>, id: string): Promise<Pledge> {
  const row = await db.selectFrom('pledges').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'No such pledge.');
  return toPledge(row, await readTranslations(db, row.id));
}

/**
 * Reads a pledge by its public slug, whatever its status; `undefined` when there is none.
 *
 * @example
 * const pledge = await getPledgeBySlug(db, 'quit-chatgpt');
 */
export async function getPledgeBySlug(
  db: Kysely<Database>,
  slug: string,
): Promise<Pledge | undefined> {
  const row = await db
    .selectFrom('pledges')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? toPledge(row, await readTranslations(db, row.id)) : undefined;
}

/**
 * The organizers' list for one chapter, with counts from the counter shards (never COUNT(*)).
 *
 * @example
 * const list = await listPledges(db, chapter.id);
 */
export async function listPledges(
  db: Kysely<Database>,
  chapterId: string,
): Promise<PledgeSummary[]> {
  const rows = await db
    .selectFrom('pledges')
    .leftJoin('pledge_translations as t', (join) =>
      join.onRef('t.pledge_id', '=', 'pledges.id').onRef('t.locale', '=', 'pledges.default_locale'),
    )
    .select(['pledges.id', 'slug', 'status', 'goal', 'updated_at', 't.title'])
    .where('chapter_id', '=', chapterId)
    .orderBy('updated_at', 'desc')
    .execute();
  const counts = await readCounterSums(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    status: r.status,
    title: r.title ?? r.slug,
    goal: r.goal,
    confirmed: counts.get(r.id)?.confirmed ?? 0,
    pending: counts.get(r.id)?.pending ?? 0,
    updatedAt: r.updated_at,
  }));
}

/**
 * Sums the counter shards of some pledges: `{ confirmed, pending }` per pledge id.
 *
 * @example
 * const sums = await readCounterSums(db, [pledge.id]);
 */
export async function readCounterSums(
  db: Kysely<Database>,
  pledgeIds: string[],
): Promise<Map<string, { confirmed: number; pending: number }>> {
  const sums = new Map<string, { confirmed: number; pending: number }>();
  if (pledgeIds.length === 0) return sums;
  const rows = await db
    .selectFrom('pledge_counters')
    .select((eb) => [
      'pledge_id',
      eb.fn.sum<number | string>('confirmed').as('confirmed'),
      eb.fn.sum<number | string>('pending').as('pending'),
    ])
    .where('pledge_id', 'in', pledgeIds)
    .groupBy('pledge_id')
    .execute();
  // PostgreSQL returns SUM(integer) as a bigint string; SQLite as a number.
  for (const r of rows) {
    sums.set(r.pledge_id, { confirmed: Number(r.confirmed), pending: Number(r.pending) });
  }
  return sums;
}

/** Picks the texts for `locale`, falling back to the pledge's default locale. */
export function textsFor(
  pledge: Pledge,
  locale?: string,
): { locale: PledgeLocale; texts: PledgeTexts } {
  const wanted = pledgeLocales.find((l) => l === locale);
  const texts = wanted ? pledge.translations[wanted] : undefined;
  if (wanted && texts) return { locale: wanted, texts };
  const fallback = pledge.translations[pledge.defaultLocale];
  if (fallback) return { locale: pledge.defaultLocale, texts: fallback };
  const [first, firstTexts] = Object.entries(pledge.translations)[0] ?? [];
  if (!first || !firstTexts) throw new AppError('INTERNAL', 'Pledge has no texts.');
  return { locale: first as PledgeLocale, texts: firstTexts };
}

async function assertSlugFree(db: Kysely<Database>, slug: string): Promise<void> {
  const taken = await db
    .selectFrom('pledges')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (taken)
    throw new AppError('CONFLICT', 'This address is taken.', { fields: { slug: 'Taken.' } });
}

function pledgeColumns(data: ReturnType<typeof pledgeInput.parse>) {
  return {
    slug: data.slug,
    status: data.status,
    goal: data.goal,
    default_locale: data.defaultLocale,
    questions: JSON.stringify(data.questions),
    ask_postal_code: data.askPostalCode ? 1 : 0,
    requires_confirmation: data.requiresConfirmation ? 1 : 0,
    count_unconfirmed: data.countUnconfirmed ? 1 : 0,
    proof_of_work: data.proofOfWork ? 1 : 0,
    rate_limit: data.rateLimit ? JSON.stringify(data.rateLimit) : null,
  };
}

async function writeTranslations(
  db: Kysely<Database>,
  pledgeId: string,
  translations: Partial<Record<PledgeLocale, PledgeTexts>>,
): Promise<void> {
  const rows = pledgeLocales.flatMap((locale) => {
    const t = translations[locale];
    if (!t) return [];
    return [
      {
        pledge_id: pledgeId,
        locale,
        title: t.title,
        body: t.body,
        consent_text: t.consentText,
        share_text: t.shareText,
        next_steps: JSON.stringify(t.nextSteps),
      },
    ];
  });
  if (rows.length > 0) await db.insertInto('pledge_translations').values(rows).execute();
}

async function readTranslations(db: Kysely<Database>, pledgeId: string) {
  return db
    .selectFrom('pledge_translations')
    .selectAll()
    .where('pledge_id', '=', pledgeId)
    .execute();
}

function toPledge(row: PledgeRow, translations: PledgeTranslationRow[]): Pledge {
  const texts: Partial<Record<PledgeLocale, PledgeTexts>> = {};
  for (const t of translations) {
    texts[t.locale] = {
      title: t.title,
      body: t.body,
      consentText: t.consent_text,
      shareText: t.share_text,
      nextSteps: JSON.parse(t.next_steps) as string[],
    };
  }
  return {
    id: row.id,
    chapterId: row.chapter_id,
    slug: row.slug,
    status: row.status,
    goal: row.goal,
    defaultLocale: row.default_locale,
    askPostalCode: row.ask_postal_code === 1,
    requiresConfirmation: row.requires_confirmation === 1,
    countUnconfirmed: row.count_unconfirmed === 1,
    proofOfWork: row.proof_of_work === 1,
    rateLimit: row.rate_limit ? (JSON.parse(row.rate_limit) as RateLimitSettings) : null,
    questions: JSON.parse(row.questions) as Question[],
    translations: texts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
