/**
 * The organizers' people list: search, filters, sorting and KEYSET pagination (a page costs
 * the same at row 100,000 as at row 1: the cursor is the last row's sort key + id). Erased
 * people (anonymous tombstones) never appear.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { containsText } from '../db/text-search.ts';
import { AppError, parseInput } from '../errors/index.ts';
import { EMAIL_UPDATES } from '../privacy/consents.ts';
import { type ListPeopleInput, listPeopleInput, type PeopleFilter } from './schemas.ts';

export interface PersonListItem {
  id: string;
  email: string;
  name: string | null;
  postalCode: string | null;
  locale: string;
  source: string | null;
  createdAt: string;
  /** A current e-mail consent. */
  consent: boolean;
}

export interface PeoplePage {
  items: PersonListItem[];
  nextCursor: string | null;
  /** Everyone matching the filter (at most COUNT_CAP); null after the first page. */
  total: number | null;
  /** True when more than COUNT_CAP people match (show "10,000+"). */
  totalCapped: boolean;
}

/** The people list counts matches up to this many. */
export const COUNT_CAP = 10_000;

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
}

/**
 * The chapter's (not erased) people narrowed by the filter, as `p`: the one query the list,
 * the count, bulk tagging, exports and broadcast segments build on.
 *
 * @example
 * const ids = await filteredPeople(db, chapterId, { tagId }).select('p.id').execute();
 */
export function filteredPeople(db: Kysely<Database>, chapterId: string, f: PeopleFilter) {
  let q = db
    .selectFrom('people as p')
    .where('p.chapter_id', '=', chapterId)
    .where('p.erased_at', 'is', null);
  if (f.search) {
    const search = f.search;
    q = q.where((w) =>
      w.or([
        containsText(db, 'p.email', search),
        containsText(db, 'p.name', search),
        containsText(db, 'p.postal_code', search),
      ]),
    );
  }
  if (f.pledgeId) {
    const pledgeId = f.pledgeId;
    q = q.where('p.id', 'in', (eb) =>
      eb.selectFrom('signatures').select('person_id').where('pledge_id', '=', pledgeId),
    );
  }
  if (f.eventId) {
    const eventId = f.eventId;
    q = q.where('p.id', 'in', (eb) =>
      eb.selectFrom('rsvps').select('person_id').where('event_id', '=', eventId),
    );
  }
  if (f.tagId) {
    const tagId = f.tagId;
    q = q.where('p.id', 'in', (eb) =>
      eb.selectFrom('person_tags').select('person_id').where('tag_id', '=', tagId),
    );
  }
  if (f.consent) {
    const current = (eb: ExpressionBuilder<Database & { p: Database['people'] }, 'p'>) =>
      eb.exists(
        eb
          .selectFrom('consents as c')
          .select(sql`1`.as('x'))
          .whereRef('c.person_id', '=', 'p.id')
          .where('c.purpose', '=', EMAIL_UPDATES)
          .where('c.withdrawn_at', 'is', null),
      );
    q = f.consent === 'yes' ? q.where(current) : q.where((eb) => eb.not(current(eb)));
  }
  if (f.source === 'import') q = q.where('p.source', '=', 'import');
  if (f.source === 'pledge') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('signatures as s')
          .select(sql`1`.as('x'))
          .whereRef('s.person_id', '=', 'p.id'),
      ),
    );
  }
  if (f.source === 'event') {
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('rsvps as r').select(sql`1`.as('x')).whereRef('r.person_id', '=', 'p.id'),
      ),
    );
  }
  if (f.from) q = q.where('p.created_at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where('p.created_at', '<', nextDay(f.to));
  return q;
}

const sortKeys = {
  created: sql<string>`p.created_at`,
  name: sql<string>`coalesce(lower(p.name), '')`,
  email: sql<string>`p.email`,
};

/**
 * A page of the chapter's people, newest first by default.
 *
 * @example
 * const page = await listPeople(db, chapterId, { search: 'ada', tagId });
 * const next = await listPeople(db, chapterId, { search: 'ada', tagId, cursor: page.nextCursor });
 */
export async function listPeople(
  db: Kysely<Database>,
  chapterId: string,
  input: ListPeopleInput,
): Promise<PeoplePage> {
  const o = parseInput(listPeopleInput, input);
  const { items, nextCursor } = await pageOf(db, chapterId, o);
  // The total is counted with the first page only (a filtered count is a pass over the
  // chapter's people); later pages keep the first page's total.
  if (o.cursor) return { items, nextCursor, total: null, totalCapped: false };
  // A single page holds everyone: no count needed.
  if (!nextCursor) return { items, nextCursor, total: items.length, totalCapped: false };
  // Counted up to COUNT_CAP: a broad filter's count stops early instead of visiting everyone.
  const counted = await db
    .selectFrom(
      filteredPeople(db, chapterId, o)
        .select(sql`1`.as('x'))
        .limit(COUNT_CAP + 1)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  const n = Number(counted?.n ?? 0);
  return { items, nextCursor, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

async function pageOf(
  db: Kysely<Database>,
  chapterId: string,
  o: z.output<typeof listPeopleInput>,
): Promise<Omit<PeoplePage, 'total' | 'totalCapped'>> {
  const key = sortKeys[o.sort];
  let q = filteredPeople(db, chapterId, o)
    .select(['p.id', 'p.email', 'p.name', 'p.postal_code', 'p.locale', 'p.source', 'p.created_at'])
    .select(key.as('sort_key'));
  if (o.cursor) {
    const [value, id] = decodeCursor(o.cursor);
    const cmp = o.order === 'desc' ? '<' : '>';
    q = q.where((eb) => eb(eb.tuple(key, eb.ref('p.id')), cmp, eb.tuple(value, id)));
  }
  const rows = await q
    .orderBy(key, o.order)
    .orderBy('p.id', o.order)
    .limit(o.limit + 1)
    .execute();
  const page = rows.slice(0, o.limit);
  const consenting = await withConsent(
    db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      postalCode: r.postal_code,
      locale: r.locale,
      source: r.source,
      createdAt: r.created_at,
      consent: consenting.has(r.id),
    })),
    nextCursor: rows.length > o.limit && last ? encodeCursor(String(last.sort_key), last.id) : null,
  };
}

/** Which of these people have a current e-mail consent. */
export async function withConsent(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('consents')
    .select('person_id')
    .distinct()
    .where('person_id', 'in', ids)
    .where('purpose', '=', EMAIL_UPDATES)
    .where('withdrawn_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/**
 * Every person matching the filter, oldest first, in keyset batches (constant memory): for
 * the CSV export and bulk actions.
 *
 * @example
 * for await (const batch of peopleBatches(db, chapterId, { tagId })) write(batch);
 */
export async function* peopleBatches(
  db: Kysely<Database>,
  chapterId: string,
  filter: PeopleFilter,
  batchSize = 1000,
): AsyncGenerator<PersonListItem[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await pageOf(db, chapterId, {
      ...filter,
      sort: 'created',
      order: 'asc',
      limit: batchSize,
      ...(cursor ? { cursor } : {}),
    });
    if (page.items.length > 0) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((v) => typeof v === 'string')
    ) {
      return parsed as [string, string];
    }
  } catch {
    // fall through
  }
  throw new AppError('BAD_REQUEST', 'Invalid cursor.', { fields: { cursor: 'Invalid cursor.' } });
}
