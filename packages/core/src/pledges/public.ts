import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';
import { renderMarkdown } from './markdown.ts';
import type { PledgeLocale, PledgeStatus, QuestionKind } from './pledges.table.ts';
import { getPledgeBySlug, type Pledge, readCounterSums, textsFor } from './pledges.ts';

/** The JSON shape of `GET /api/v1/pledges/:slug` (widgets import this type only). */
export interface PublicPledge {
  slug: string;
  title: string;
  /** Safe HTML rendered from the Markdown body. */
  bodyHtml: string;
  goal: number;
  count: number;
  status: Exclude<PledgeStatus, 'draft'>;
  locale: PledgeLocale;
  locales: PledgeLocale[];
  questions: Array<{
    id: string;
    kind: QuestionKind;
    label: string;
    required: boolean;
    options: Array<{ id: string; label: string }>;
  }>;
  /** Empty when the pledge asks for no consent (then there is no checkbox). */
  consentText: string;
  nextSteps: string[];
  shareText: string;
  /** The hosted page, to share (the signer's own link adds `?ref=`). */
  shareUrl: string;
  askPostalCode: boolean;
  requiresConfirmation: boolean;
  proofOfWork: boolean;
  chapter: { slug: string; name: string };
}

/**
 * The public view of a live or closed pledge in one locale (falling back to the pledge's
 * default). Drafts and unknown slugs are a NOT_FOUND, indistinguishably.
 *
 * @example
 * const view = await getPublicPledge(db, 'quit-chatgpt', 'en', { publicUrl: 'https://pledge.example' });
 */
export async function getPublicPledge(
  db: Kysely<Database>,
  slug: string,
  locale?: string,
  options: { publicUrl?: string; count?: number } = {},
): Promise<PublicPledge> {
  const { pledge, chapter } = await getPublishedPledge(db, slug);
  let count = options.count;
  if (count === undefined) {
    const sums = (await readCounterSums(db, [pledge.id])).get(pledge.id);
    count = publicCount(pledge, sums?.confirmed ?? 0, sums?.pending ?? 0);
  }
  return toPublicPledge(pledge, chapter, count, locale, options.publicUrl ?? '');
}

/**
 * A live or closed pledge and its chapter, by slug. Drafts and unknown slugs are a NOT_FOUND,
 * indistinguishably (nobody can learn that a draft exists).
 *
 * @example
 * const { pledge, chapter } = await getPublishedPledge(db, 'quit-chatgpt');
 */
export async function getPublishedPledge(
  db: Kysely<Database>,
  slug: string,
): Promise<{ pledge: Pledge; chapter: { slug: string; name: string } }> {
  const pledge = await getPledgeBySlug(db, slug);
  if (!pledge || pledge.status === 'draft') throw new AppError('NOT_FOUND', 'No such pledge.');
  const chapter = await db
    .selectFrom('chapters')
    .select(['slug', 'name'])
    .where('id', '=', pledge.chapterId)
    .executeTakeFirstOrThrow();
  return { pledge, chapter };
}

/** The number shown publicly: confirmed signatures, plus pending ones if the pledge says so. */
export function publicCount(
  pledge: Pick<Pledge, 'countUnconfirmed'>,
  confirmed: number,
  pending: number,
): number {
  return pledge.countUnconfirmed ? confirmed + pending : confirmed;
}

/**
 * Builds the public view from a pledge already in hand (no database access).
 *
 * @example
 * const view = toPublicPledge(pledge, { slug: 'quitgpt-paris', name: 'QuitGPT Paris' }, 12, 'fr', publicUrl);
 */
export function toPublicPledge(
  pledge: Pledge,
  chapter: { slug: string; name: string },
  count: number,
  locale: string | undefined,
  publicUrl: string,
): PublicPledge {
  const chosen = textsFor(pledge, locale);
  const pick = (label: Partial<Record<PledgeLocale, string>>) =>
    label[chosen.locale] ?? label[pledge.defaultLocale] ?? Object.values(label)[0] ?? '';
  return {
    slug: pledge.slug,
    title: chosen.texts.title,
    bodyHtml: renderMarkdown(chosen.texts.body),
    goal: pledge.goal,
    count,
    status: pledge.status === 'closed' ? 'closed' : 'live',
    locale: chosen.locale,
    locales: (Object.keys(pledge.translations) as PledgeLocale[]).sort(),
    questions: pledge.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      label: pick(q.label),
      required: q.required,
      options: q.options.map((o) => ({ id: o.id, label: pick(o.label) })),
    })),
    consentText: chosen.texts.consentText,
    nextSteps: chosen.texts.nextSteps,
    shareText: chosen.texts.shareText,
    shareUrl: `${publicUrl}/p/${pledge.slug}`,
    askPostalCode: pledge.askPostalCode,
    requiresConfirmation: pledge.requiresConfirmation,
    proofOfWork: pledge.proofOfWork,
    chapter,
  };
}
