/**
 * The signing route's common case, checked without zod: a well-formed signature, as every
 * widget and hosted form sends it. zod's `safeParse` of `signatureInput` cost ~25 µs of the
 * HTTP thread's ~130 µs per signature under load (wrk, 64 connections; docs/benchmarks.md,
 * ninth session); these plain checks cost a few.
 *
 * `signatureInput` (schemas.ts) stays the definition and the only source of error messages:
 * `quickParse` either returns what `safeParse` would return for a valid payload, or
 * `undefined` ("not sure"), and the caller then runs zod. It may say "not sure" about valid
 * payloads (odd keys in `answers`), never "valid" about one zod refuses. A property test holds
 * it to that against zod itself (signing-quick-parse.test.ts).
 */
import { regexes } from 'zod';
import { normalizeEmail } from '../people/people.ts';
import type { SignatureFields } from './schemas.ts';
import { controlChars, postalCodePattern, wellFormed } from './text-rules.ts';

/** Text within `max` UTF-16 units, or absent (`undefined` / `null`). */
const optionalText = (v: unknown, max: number) =>
  v === undefined || v === null || (typeof v === 'string' && v.length <= max);

/**
 * What `signatureInput.safeParse(raw).data` would be, when `raw` is certainly valid; else
 * undefined.
 *
 * @example
 * const data = quickParse(raw) ?? parseWithZod(raw);
 */
export function quickParse(raw: unknown): SignatureFields | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const { email, name, postalCode, answers, consent, ref, source, locale, altcha } = r;
  if (typeof email !== 'string' || email.length > 254) return undefined;
  const normalized = normalizeEmail(email);
  if (!regexes.email.test(normalized)) return undefined;
  if (!optionalText(name, 200)) return undefined;
  if (typeof name === 'string' && (!wellFormed(name) || controlChars.test(name))) {
    return undefined;
  }
  const postal = typeof postalCode === 'string' ? postalCode.trim() : postalCode;
  if (!optionalText(postal, 16)) return undefined;
  if (typeof postal === 'string' && !postalCodePattern.test(postal)) return undefined;
  if (answers !== undefined && answers !== null && !plainAnswers(answers)) return undefined;
  if (consent !== undefined && consent !== null && typeof consent !== 'boolean') return undefined;
  if (!optionalText(ref, 64) || !optionalText(source, 2048) || !optionalText(locale, 16)) {
    return undefined;
  }
  if (!optionalText(altcha, 8192)) return undefined;
  // Like zod: the known keys that were given, unknown keys dropped.
  const data: SignatureFields = { email: normalized };
  if ('name' in r) data.name = name as string | null | undefined;
  if ('postalCode' in r) data.postalCode = postal as string | null | undefined;
  if ('answers' in r) data.answers = answers as SignatureFields['answers'];
  if ('consent' in r) data.consent = consent as boolean | null | undefined;
  if ('ref' in r) data.ref = ref as string | null | undefined;
  if ('source' in r) data.source = source as string | null | undefined;
  if ('locale' in r) data.locale = locale as string | null | undefined;
  if ('website' in r) data.website = r.website;
  if ('altcha' in r) data.altcha = altcha as string | null | undefined;
  return data;
}

/**
 * `{ questionId: "option" | ["option", …] }` within zod's limits, with ordinary keys (zod
 * copies a record key by key; `__proto__` would not survive that the same way).
 */
function plainAnswers(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (key.length > 40 || key === '__proto__') return false;
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string') {
      if (v.length > 2000) return false;
    } else if (Array.isArray(v)) {
      if (v.length > 30) return false;
      for (const item of v) if (typeof item !== 'string' || item.length > 100) return false;
    } else return false;
  }
  return true;
}
