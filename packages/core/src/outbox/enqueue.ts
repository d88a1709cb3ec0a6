import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import { bulk } from '../db/bulk.ts';
import type { Database } from '../db/schema.ts';
import { parseInput } from '../errors/index.ts';
import { checkMailData, mailLocale, type TemplateData, type TemplateName } from '../mail/index.ts';

/** What a caller queues. `data` is typed by the template's schema. */
export interface EnqueueMailInput<N extends TemplateName = TemplateName> {
  /** The chapter the mail belongs to; null for instance-level mail (setup, password reset). */
  chapterId: string | null;
  to: string;
  template: N;
  /** Any locale string; stored as `fr` or `en`. */
  locale: string;
  data: TemplateData<N>;
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  headers?: Record<string, string>;
  /** The person the mail is about: lets erasure find their mail. */
  personId?: string | null;
  /** Display name for From (the address stays MAIL_FROM's), e.g. the chapter's name. */
  fromName?: string | null;
  replyTo?: string | null;
  /** A key unique per logical message: queueing it again returns the first row's id. */
  dedupeKey?: string | null;
  /** Not sent before this time (e.g. to pace a broadcast); now by default. */
  notBefore?: Date | null;
}

/* Headers the transport sets itself: a caller must not override them. */
const reservedHeaders = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'reply-to',
  'sender',
  'date',
  'message-id',
  'content-type',
  'content-transfer-encoding',
  'mime-version',
]);

const envelope = z.object({
  chapterId: z.string().min(1).nullable(),
  to: z.email({ error: 'must be an e-mail address' }).max(320),
  template: z.string(),
  locale: z.string().max(35),
  headers: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name')
        .refine((name) => !reservedHeaders.has(name.toLowerCase()), 'is set by the mailer'),
      // No CR or LF: a header value must never start a new header (header injection).
      z
        .string()
        .max(2000)
        .regex(/^[^\r\n]*$/, 'must be one line'),
    )
    .default({}),
  personId: z.string().min(1).nullish(),
  fromName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, 'must be one line')
    .nullish(),
  replyTo: z.email({ error: 'must be an e-mail address' }).nullish(),
  dedupeKey: z.string().min(1).max(200).nullish(),
  notBefore: z.date().nullish(),
});

/**
 * Queues a mail in the outbox. Insert only, so it belongs inside the caller's transaction:
 * the mail exists if and only if the change that caused it committed. The worker sends it.
 * Throws a field-level `AppError` for a bad address, header or template data.
 *
 * @example
 * await db.kysely.transaction().execute(async (trx) => {
 *   // … insert the signature …
 *   await enqueueMail(trx, {
 *     chapterId, to: email, template: 'pledge-confirm', locale: 'fr',
 *     data: { pledgeTitle, chapterName, confirmUrl },
 *   }, clock);
 * });
 */
export async function enqueueMail<N extends TemplateName>(
  db: Kysely<Database>,
  input: EnqueueMailInput<N>,
  clock: Clock = systemClock,
): Promise<string> {
  const id = newId();
  const values = outboxValues(input, id, isoNow(clock));
  const row = Object.fromEntries(outboxColumns.map((c, i) => [c, values[i]])) as never;
  const dedupeKey = values[dedupeAt] as string | null;
  if (dedupeKey === null) {
    await db.insertInto('outbox').values(row).execute();
    return id;
  }
  const inserted = await db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await db
    .selectFrom('outbox')
    .select('id')
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirstOrThrow();
  return existing.id;
}

/** The columns of an outbox row, in the order of `outboxValues`. */
const outboxColumns = [
  'id',
  'chapter_id',
  'kind',
  'person_id',
  'to_address',
  'template',
  'locale',
  'payload',
  'headers',
  'from_name',
  'reply_to',
  'dedupe_key',
  'status',
  'attempts',
  'next_attempt_at',
  'created_at',
] as const;

/**
 * The values of one mail's outbox row, in `outboxColumns` order (an array: the multi-row
 * insert binds them in that order anyway): envelope and template data checked (field-level
 * `AppError`) unless `trusted` (see `trustedEnvelope`).
 */
function outboxValues<N extends TemplateName>(
  input: EnqueueMailInput<N>,
  id: string,
  now: string,
  trusted = false,
): unknown[] {
  const checked = trusted ? trustedEnvelope(input) : parseInput(envelope, input);
  const data = trusted ? input.data : checkMailData(input.template, input.data);
  return [
    id,
    checked.chapterId,
    'mail',
    checked.personId ?? null,
    checked.to,
    checked.template,
    mailLocale(checked.locale),
    JSON.stringify(data),
    JSON.stringify(checked.headers),
    checked.fromName ?? null,
    checked.replyTo ?? null,
    checked.dedupeKey ?? null,
    'pending',
    0,
    checked.notBefore ? checked.notBefore.toISOString() : now,
    now,
  ];
}

const dedupeAt = outboxColumns.indexOf('dedupe_key');

/**
 * The envelope of a mail the caller built itself from checked input (signing: the address
 * passed the signing schema, the headers and sender name are made in code). The zod passes
 * cost ~25 µs a mail on the signing path; the sender checks the template data again when it
 * renders the mail (`renderMail`), so a bug still fails loudly, just later.
 */
function trustedEnvelope(input: EnqueueMailInput) {
  return {
    chapterId: input.chapterId,
    to: input.to,
    template: input.template,
    locale: input.locale,
    headers: input.headers ?? {},
    personId: input.personId,
    fromName: input.fromName,
    replyTo: input.replyTo,
    dedupeKey: input.dedupeKey,
    notBefore: input.notBefore,
  };
}

export interface EnqueueMailsOptions {
  /** Row ids; `newId()` by default. Time-ordered ids (signing) append to the index's end. */
  newRowId?: () => string;
  /**
   * The caller built every envelope and template data in code from input it had validated:
   * skip the zod passes (see `trustedEnvelope`). Only for such hot paths (signing).
   */
  trusted?: boolean;
}

/**
 * Queues many mails in a few multi-row inserts (same rows and checks as `enqueueMail`), inside
 * the caller's transaction. All or nothing: one bad mail throws its field-level `AppError`
 * before anything is written. A mail whose `dedupeKey` was queued before is skipped.
 *
 * @example
 * await db.kysely.transaction().execute(async (trx) => {
 *   // … insert the batch's signatures …
 *   await enqueueMails(trx, mails, clock);
 * });
 */
export async function enqueueMails(
  db: Kysely<Database>,
  inputs: EnqueueMailInput[],
  clock: Clock = systemClock,
  options: EnqueueMailsOptions = {},
): Promise<void> {
  const now = isoNow(clock);
  const newRowId = options.newRowId ?? (() => newId());
  const rows = inputs.map((input) => outboxValues(input, newRowId(), now, options.trusted));
  if (rows.length === 0) return;
  const deduped = rows.some((r) => r[dedupeAt] !== null);
  await bulk(db, deduped ? 'outbox:deduped' : 'outbox', outboxColumns, rows, (v) => {
    const insert = db.insertInto('outbox').values(v as never);
    return deduped ? insert.onConflict((oc) => oc.column('dedupe_key').doNothing()) : insert;
  });
}
