import { z } from 'zod';
import { AppError, type FieldErrors, fieldErrorsFromZod } from '../errors/index.ts';
import { normalizeEmail } from '../people/people.ts';
import type { PledgeLocale } from '../pledges/pledges.table.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { quickParse } from './quick-parse.ts';
import { controlChars, controlCharsInText, postalCodePattern, wellFormed } from './text-rules.ts';

/** Zod's default wording ("Invalid input: expected string, received number") is not for people. */
const text = (max: number) =>
  z.string({ error: 'Expected text.' }).max(max, `At most ${max.toLocaleString('en')} characters.`);
const optionalText = (max: number) => text(max).optional().nullable();

const nameSchema = text(200)
  .refine(wellFormed, 'Contains invalid characters.')
  .refine((s) => !controlChars.test(s), 'Contains control characters.');

/** The body of `POST /api/v1/pledges/:slug/signatures` (JSON, or the form's fields). */
export const signatureInput = z.object({
  email: z
    .string({ error: (issue) => (issue.input === undefined ? 'Required.' : 'Expected text.') })
    .max(254, 'At most 254 characters.')
    .transform(normalizeEmail)
    .pipe(z.email({ error: 'Not a valid e-mail address.' })),
  name: nameSchema.optional().nullable(),
  postalCode: z
    .string({ error: 'Expected text.' })
    .trim()
    .max(16, 'At most 16 characters.')
    .regex(postalCodePattern, 'Letters, digits, spaces and dashes only.')
    .optional()
    .nullable(),
  answers: z
    .record(
      text(40),
      z.union(
        [
          text(2000),
          z
            .array(text(100), { error: 'Expected a list of options.' })
            .max(30, 'At most 30 options.'),
        ],
        {
          error: 'Expected an option or a list of options.',
        },
      ),
      { error: 'Expected an object of answers, by question.' },
    )
    .optional()
    .nullable(),
  consent: z.boolean({ error: 'Expected true or false.' }).optional().nullable(),
  ref: optionalText(64),
  source: optionalText(2048),
  locale: optionalText(16),
  website: z.unknown().optional(),
  altcha: optionalText(8192),
});

export type SignatureInput = z.input<typeof signatureInput>;
/** What `signatureInput` makes of a valid payload (e-mail normalized, unknown keys dropped). */
export type SignatureFields = z.output<typeof signatureInput>;

/** A signature that passed every check, ready for the transaction. */
export interface ValidSignature {
  email: string;
  name: string | null;
  postalCode: string | null;
  answers: Record<string, string | string[]>;
  consent: boolean;
  ref: string | null;
  source: string | null;
  locale: PledgeLocale;
  altcha: string | null;
}

/**
 * Validates a signature against its pledge (answers, postal code, locale). Throws a 400 for
 * wrong types or shapes and a 422 for values that break a rule, naming the fields.
 * A filled honeypot is not an error here: check `isHoneypot(raw)` first. `fallbackLocale`
 * (the browser's language) counts when the payload has no `locale`.
 *
 * @example
 * const valid = validateSignature(pledge, await c.req.json(), 'fr');
 */
export function validateSignature(
  pledge: Pledge,
  raw: unknown,
  fallbackLocale?: string,
): ValidSignature {
  const data = quickParse(raw) ?? parseWithZod(raw);
  const answers = checkAnswers(pledge, data.answers ?? {});
  const name = data.name && data.name.trim() !== '' ? data.name : null;
  const postalCode = pledge.askPostalCode && data.postalCode ? data.postalCode : null;
  return {
    email: data.email,
    name,
    postalCode,
    answers,
    consent: data.consent === true,
    ref: data.ref && /^[a-z0-9]{1,32}$/.test(data.ref) ? data.ref : null,
    source: normalizeSource(data.source),
    locale: pickLocale(pledge, data.locale === undefined ? fallbackLocale : data.locale),
    altcha: data.altcha ?? null,
  };
}

/** `signatureInput` in full: its data, or the 400/422 naming every field it refuses. */
function parseWithZod(raw: unknown): SignatureFields {
  const parsed = signatureInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  const typeError = parsed.error.issues.some(
    (i) => i.code === 'invalid_type' || i.code === 'invalid_union',
  );
  throw fieldError(typeError ? 'BAD_REQUEST' : 'UNPROCESSABLE', fieldErrorsFromZod(parsed.error));
}

/** True when the hidden `website` field was filled: a bot. Answer like a success, store nothing. */
export function isHoneypot(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const value = (raw as Record<string, unknown>).website;
  return value !== undefined && value !== null && value !== '' && value !== false;
}

/**
 * Turns the fields of a plain HTML form into the JSON shape `validateSignature` reads:
 * `answers.<id>` fields (repeated for multiple choice), `consent` as a checkbox (`on`).
 *
 * @example
 * const raw = signatureInputFromForm(new URLSearchParams(await c.req.text()));
 */
export function signatureInputFromForm(form: URLSearchParams): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const answers: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    const match = /^answers(?:\.|\[)([^\]]*)\]?(\[\])?$/.exec(key);
    if (match?.[1] !== undefined) {
      answers[match[1]] = values.length > 1 || match[2] ? values : (values[0] ?? '');
    } else if (key === 'consent') {
      raw.consent = ['on', 'true', '1', 'yes'].includes(values[0] ?? '');
    } else {
      raw[key] = values[0];
    }
  }
  if (Object.keys(answers).length > 0) raw.answers = answers;
  return raw;
}

/** `https://ally.example/page?x=1` → `https://ally.example`; anything else → null. */
export function normalizeSource(source: string | null | undefined): string | null {
  if (!source) return null;
  try {
    const url = new URL(source);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

function pickLocale(pledge: Pledge, locale: string | null | undefined): PledgeLocale {
  const short = locale?.slice(0, 2).toLowerCase();
  if ((short === 'fr' || short === 'en') && pledge.translations[short]) return short;
  return pledge.defaultLocale;
}

function checkAnswers(
  pledge: Pledge,
  given: Record<string, string | string[]>,
): Record<string, string | string[]> {
  const fields: FieldErrors = {};
  const answers: Record<string, string | string[]> = {};
  for (const q of pledge.questions) {
    const value = Object.hasOwn(given, q.id) ? given[q.id] : undefined;
    const key = `answers.${q.id}`;
    const ids = new Set(q.options.map((o) => o.id));
    if (q.kind === 'text') {
      const text = typeof value === 'string' ? value.trim() : '';
      if (Array.isArray(value)) fields[key] = 'Expected text.';
      else if (text.length > 1000) fields[key] = 'At most 1,000 characters.';
      else if (!wellFormed(text) || controlCharsInText.test(text))
        fields[key] = 'Contains invalid characters.';
      else if (text) answers[q.id] = text;
    } else if (q.kind === 'single') {
      if (Array.isArray(value)) fields[key] = 'Choose one option.';
      else if (value && !ids.has(value)) fields[key] = 'Unknown option.';
      else if (value) answers[q.id] = value;
    } else {
      const list =
        value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
      const unique = [...new Set(list.filter((v) => v !== ''))];
      if (unique.some((v) => !ids.has(v))) fields[key] = 'Unknown option.';
      else if (unique.length > 0) answers[q.id] = unique;
    }
    if (q.required && !fields[key] && answers[q.id] === undefined) fields[key] = 'Required.';
  }
  if (Object.keys(fields).length > 0) throw fieldError('UNPROCESSABLE', fields);
  return answers;
}

function fieldError(code: 'BAD_REQUEST' | 'UNPROCESSABLE', fields: FieldErrors): AppError {
  return new AppError(code, `Invalid input: ${Object.keys(fields).join(', ')}.`, { fields });
}
