/**
 * The organizers' signatures table: filters, search and KEYSET pagination (a page costs the
 * same at row 100,000 as at row 1: the cursor is the last row's sort key + id, and the
 * `signatures_pledge_time_idx` index (pledge_id, created_at, id) serves the date order).
 */
import { type Kysely, sql } from 'kysely';
import { addDays, dayStart } from '../../clock/time-zones.ts';
import type { Database } from '../../db/schema.ts';
import { containsText } from '../../db/text-search.ts';
import { AppError, parseInput } from '../../errors/index.ts';
import type { SignatureStatus } from '../../signing/signing.table.ts';
import { readCounterSums } from '../pledges.ts';
import { chapterTimeZone, getChapterPledge } from './access.ts';
import {
  type ListSignaturesInput,
  type ListSignaturesOptions,
  listSignaturesInput,
  type SignatureFilter,
} from './schemas.ts';

/** One line of the signatures table. */
export interface SignatureListItem {
  id: string;
  name: string | null;
  email: string;
  postalCode: string | null;
  status: SignatureStatus;
  source: string | null;
  locale: string;
  consent: boolean;
  referralCode: string;
  referredBy: string | null;
  createdAt: string;
  confirmedAt: string | null;
}

export interface SignaturePage {
  items: SignatureListItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Signatures matching the filters (from the counters when only status narrows). */
  total: number;
}

/**
 * A page of a pledge's signatures, newest first by default.
 *
 * @example
 * const first = await listSignatures(db, chapterId, { pledgeId, search: 'ada' });
 * const second = await listSignatures(db, chapterId, { pledgeId, search: 'ada', cursor: first.nextCursor });
 */
export async function listSignatures(
  db: Kysely<Database>,
  chapterId: string,
  input: ListSignaturesInput,
): Promise<SignaturePage> {
  const parsed = parseInput(listSignaturesInput, input);
  await getChapterPledge(db, chapterId, parsed.pledgeId);
  const timeZone = await chapterTimeZone(db, chapterId);
  const options = { ...parsed, matches: await resolveMatches(db, chapterId, parsed.search) };
  const rows = await pageQuery(db, chapterId, options, timeZone).execute();
  const more = rows.length > options.limit;
  const items = rows.slice(0, options.limit).map(toItem);
  const lastRow = rows[options.limit - 1];
  return {
    items,
    nextCursor: more && lastRow ? encodeCursor(lastRow.sort_key, lastRow.id) : null,
    total: await countSignatures(db, chapterId, options, timeZone),
  };
}

/**
 * Every signature matching the filters, oldest first, read in keyset batches (constant
 * memory: only one batch is held at a time). For the CSV export.
 *
 * @example
 * for await (const batch of signatureBatches(db, chapterId, { pledgeId }, 1000)) write(batch);
 */
export async function* signatureBatches(
  db: Kysely<Database>,
  chapterId: string,
  filter: SignatureFilter,
  batchSize = 1000,
): AsyncGenerator<Array<SignatureListItem & { answers: string; referrerCode: string | null }>> {
  await getChapterPledge(db, chapterId, filter.pledgeId);
  const timeZone = await chapterTimeZone(db, chapterId);
  const matches = await resolveMatches(db, chapterId, filter.search);
  let cursor: string | undefined;
  for (;;) {
    const options: ListSignaturesOptions & { matches: string[] | undefined } = {
      ...filter,
      matches,
      sort: 'date',
      order: 'asc',
      limit: batchSize,
      ...(cursor ? { cursor } : {}),
    };
    const rows = await pageQuery(db, chapterId, options, timeZone)
      .leftJoin('signatures as r', 'r.id', 's.referred_by')
      .select(['s.answers', 'r.referral_code as referrer_code'])
      .execute();
    const batch = rows.slice(0, batchSize);
    if (batch.length > 0) {
      yield batch.map((r) => ({ ...toItem(r), answers: r.answers, referrerCode: r.referrer_code }));
    }
    const last = batch.at(-1);
    if (rows.length <= batchSize || !last) return;
    cursor = encodeCursor(last.created_at, last.id);
  }
}

/**
 * How many signatures match. Without search, source or dates the counter rows answer (no
 * COUNT(*) over 100,000 rows); otherwise the filtered rows are counted.
 */
async function countSignatures(
  db: Kysely<Database>,
  chapterId: string,
  filter: SignatureFilter & { matches?: string[] | undefined },
  timeZone: string,
): Promise<number> {
  const narrowed = filter.search || filter.source !== undefined || filter.from || filter.to;
  if (!narrowed) {
    const sums = (await readCounterSums(db, [filter.pledgeId])).get(filter.pledgeId);
    if (!sums) return 0;
    return filter.status ? sums[filter.status] : sums.confirmed + sums.pending;
  }
  const row = await filtered(db, chapterId, filter, timeZone)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The signatures of one pledge narrowed by the filters (no join: counts stay on the indexes).
 * The pledge's chapter was checked by the caller, so `pledge_id` alone scopes the rows.
 */
function filtered(
  db: Kysely<Database>,
  chapterId: string,
  filter: SignatureFilter & { matches?: string[] | undefined },
  timeZone: string,
) {
  let q = db.selectFrom('signatures as s').where('s.pledge_id', '=', filter.pledgeId);
  if (filter.status) q = q.where('s.status', '=', filter.status);
  if (filter.source === null) q = q.where('s.source', 'is', null);
  else if (filter.source !== undefined) q = q.where('s.source', '=', filter.source);
  if (filter.from) q = q.where('s.created_at', '>=', dayStart(filter.from, timeZone).toISOString());
  if (filter.to) {
    q = q.where('s.created_at', '<', dayStart(addDays(filter.to, 1), timeZone).toISOString());
  }
  if (filter.matches) {
    // A selective search, resolved beforehand: probe the (pledge, person) unique index.
    q = q.where('s.person_id', 'in', filter.matches.length > 0 ? filter.matches : ['']);
  } else if (filter.search) {
    const search = filter.search;
    q = q.where('s.person_id', 'in', matchingPeople(db, chapterId, search));
  }
  return q;
}

/**
 * The people of the chapter whose name or e-mail contains `search`: one pass over the chapter's
 * people (a substring cannot use a B-tree; migration 0010 dropped the covering index that made
 * the pass narrower, for the signing path's sake). Case is ignored as `containsText` says.
 */
function matchingPeople(db: Kysely<Database>, chapterId: string, search: string) {
  return db
    .selectFrom('people')
    .select('id')
    .where('chapter_id', '=', chapterId)
    .where((w) => w.or([containsText(db, 'email', search), containsText(db, 'name', search)]));
}

/** Most matches passed as a list; a broader search stays a subquery (its pages fill fast). */
const MATCH_LIST_MAX = 1000;

/**
 * Runs the people search once for a request (the page and the count, or every export batch,
 * then reuse it) when it is selective; undefined when there is no search or too many matches.
 */
async function resolveMatches(
  db: Kysely<Database>,
  chapterId: string,
  search: string | undefined,
): Promise<string[] | undefined> {
  if (!search) return undefined;
  const rows = await matchingPeople(db, chapterId, search)
    .limit(MATCH_LIST_MAX + 1)
    .execute();
  return rows.length > MATCH_LIST_MAX ? undefined : rows.map((r) => r.id);
}

const nameKey = sql<string>`coalesce(lower(p.name), '')`;

/** One page (plus one row, to know whether there is a next page) in the requested order. */
function pageQuery(
  db: Kysely<Database>,
  chapterId: string,
  options: ListSignaturesOptions & { matches?: string[] | undefined },
  timeZone: string,
) {
  const dir = options.order;
  const cmp = dir === 'asc' ? '>' : '<';
  // With a resolved match list (≤ 1,000 people) the date key is wrapped in an expression: the
  // planner then fetches those few rows by the (pledge, person) index and sorts them, instead
  // of walking the whole date index to find them. Same order, same cursor values.
  const key =
    options.sort === 'name'
      ? nameKey
      : options.matches
        ? sql<string>`(s.created_at || '')`
        : sql<string>`s.created_at`;
  let q = filtered(db, chapterId, options, timeZone)
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select([
      key.as('sort_key'),
      's.id',
      'p.name',
      'p.email',
      'p.postal_code',
      's.status',
      's.source',
      's.locale',
      's.consent',
      's.referral_code',
      's.referred_by',
      's.created_at',
      's.confirmed_at',
    ]);
  if (options.cursor) {
    const [value, id] = decodeCursor(options.cursor);
    // Row-value comparison: rows with an equal key (a whole group-committed batch shares one
    // created_at) are ordered by id, so no row is skipped or repeated across pages.
    q = q.where((eb) => eb(eb.tuple(key, eb.ref('s.id')), cmp, eb.tuple(value, id)));
  }
  return q
    .orderBy(key, dir)
    .orderBy('s.id', dir)
    .limit(options.limit + 1);
}

type Row = {
  id: string;
  name: string | null;
  email: string;
  postal_code: string | null;
  status: SignatureStatus;
  source: string | null;
  locale: string;
  consent: number;
  referral_code: string;
  referred_by: string | null;
  created_at: string;
  confirmed_at: string | null;
};

function toItem(r: Row): SignatureListItem {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    postalCode: r.postal_code,
    status: r.status,
    source: r.source,
    locale: r.locale,
    consent: r.consent === 1,
    referralCode: r.referral_code,
    referredBy: r.referred_by,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
  };
}

function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // Falls through to the field error below.
  }
  throw new AppError('BAD_REQUEST', 'Invalid page cursor.', { fields: { cursor: 'Invalid.' } });
}
