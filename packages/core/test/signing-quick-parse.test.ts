/**
 * The signing route's quick check (quick-parse.ts) against its definition, zod's
 * `signatureInput`: whatever the quick check calls valid, zod calls valid with the same data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickParse } from '../src/signing/quick-parse.ts';
import { signatureInput } from '../src/signing/schemas.ts';

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));
const control = fc
  .integer({ min: 0, max: 0x9f })
  .filter((n) => n < 0x20 || n >= 0x7f)
  .map((n) => String.fromCharCode(n));
/** Text of every kind, and lengths on both sides of each field's limit. */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', ' ', '-', 'é', '\u202e', '\ufeff', '\t', '\n'),
      loneSurrogate,
      control,
    ),
    maxLength: 12,
  }),
  fc
    .constantFrom(16, 17, 40, 41, 64, 65, 100, 101, 200, 201, 254, 255, 2000, 2001, 2048, 2049)
    .map((n) => 'x'.repeat(n)),
);
const anyValue = fc.oneof(
  text,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(text, { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const email = fc.oneof(
  fc.emailAddress(),
  fc.emailAddress().map((e) => `  ${e.toUpperCase()} `),
  fc.emailAddress().map((e) => `${'a'.repeat(250 - e.length)}${e}`),
  fc.constantFrom('a@b', 'a@b.c', 'é@example.org', 'a..b@example.org', '@example.org', 'x@-a.org'),
  anyValue,
);
const answers = fc.oneof(
  fc.dictionary(
    fc.oneof(fc.constantFrom('why', 'instead', '__proto__', 'constructor', 'x'.repeat(41)), text),
    fc.oneof(
      text,
      fc.array(text, { maxLength: 4 }),
      fc.array(fc.constant('a'), { minLength: 30, maxLength: 31 }),
      anyValue,
    ),
    { maxKeys: 4 },
  ),
  anyValue,
);
const payload = fc.record(
  {
    email,
    name: fc.oneof(text, anyValue),
    postalCode: fc.oneof(fc.constantFrom(' 75011 ', 'SW1A 1AA', '75-011', '7501#'), text, anyValue),
    answers,
    consent: anyValue,
    ref: fc.oneof(text, anyValue),
    source: fc.oneof(fc.webUrl(), anyValue),
    locale: fc.oneof(fc.constantFrom('fr', 'en-GB'), anyValue),
    website: anyValue,
    altcha: anyValue,
    extra: anyValue,
  },
  { requiredKeys: [] },
);

/** Mostly right, now and then one field gone wrong: the quick path has to fire to be tested. */
const usually = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: bad });
const nearlyValid = fc.record(
  {
    // fc.emailAddress() is RFC 5322 in full; zod's pattern takes a common subset.
    email: usually(
      fc
        .tuple(fc.stringMatching(/^[a-z0-9._+-]{1,20}$/), fc.domain())
        .map(([local, domain]) => `${local}@${domain}`),
      email,
    ),
    name: usually(fc.string({ unit: 'grapheme', maxLength: 30 }), text),
    postalCode: usually(fc.constantFrom('75011', ' 75011 ', 'SW1A 1AA', null), text),
    answers: usually(
      fc.dictionary(
        fc.constantFrom('why', 'instead', 'x'),
        fc.oneof(fc.string({ maxLength: 20 }), fc.array(fc.string({ maxLength: 20 }))),
        { maxKeys: 3 },
      ),
      answers,
    ),
    consent: usually(fc.boolean(), anyValue),
    ref: usually(fc.string({ maxLength: 64 }), anyValue),
    source: usually(fc.webUrl(), anyValue),
    locale: usually(fc.constantFrom('fr', 'en', null), anyValue),
    website: anyValue,
    altcha: usually(fc.constant(null), anyValue),
    extra: anyValue,
  },
  { requiredKeys: ['email'] },
);

describe('the quick check of a signature', () => {
  // ~2 s alone; the time limit leaves room for a machine busy with other suites.
  it('calls valid only what zod calls valid, with the same data', { timeout: 60_000 }, () => {
    let quick = 0;
    fc.assert(
      fc.property(fc.oneof(nearlyValid, payload, fc.anything()), (raw) => {
        // Through JSON, as the route gets it (a JSON body, or a form turned into this shape).
        const body = JSON.parse(JSON.stringify(raw) ?? 'null');
        const fast = quickParse(body);
        if (fast === undefined) return;
        quick += 1;
        const slow = signatureInput.safeParse(body);
        expect(slow.success).toBe(true);
        expect(fast).toEqual(slow.data);
      }),
      { numRuns: 10_000 },
    );
    // Not vacuous: a good share of the payloads took the quick path.
    expect(quick).toBeGreaterThan(500);
  });

  it('takes the payloads the widget and the hosted form send', () => {
    const payloads = [
      { email: 'Ana@Example.org', name: 'Ana Ñúñez', consent: true, answers: { why: ['price'] } },
      {
        email: 'b@example.org',
        postalCode: ' 75011 ',
        answers: { instead: 'unsure' },
        ref: 'k3x9',
      },
      { email: 'c@example.org', name: null, source: 'https://ally.example/page', locale: 'fr' },
      { email: 'd@example.org', website: '', altcha: null, consent: false },
    ];
    for (const raw of payloads) {
      const slow = signatureInput.parse(raw);
      expect(quickParse(raw)).toEqual(slow);
    }
    expect(quickParse({ email: ' D@EXAMPLE.ORG ' })?.email).toBe('d@example.org');
  });

  it('agrees with zod on both sides of every length limit', () => {
    const email = (n: number) => `${'a'.repeat(n - '@example.org'.length)}@example.org`;
    const at = (field: string, value: unknown) => ({ email: 'a@example.org', [field]: value });
    const cases: Array<[string, (n: number) => unknown, number]> = [
      ['email', email, 254],
      ['name', (n) => 'n'.repeat(n), 200],
      ['postalCode', (n) => ` ${'7'.repeat(n)} `, 16],
      ['ref', (n) => 'r'.repeat(n), 64],
      ['source', (n) => `https://ally.example/${'p'.repeat(n - 21)}`, 2048],
      ['locale', (n) => 'f'.repeat(n), 16],
      ['altcha', (n) => 'x'.repeat(n), 8192],
      ['answers', (n) => ({ ['k'.repeat(n)]: 'price' }), 40],
      ['answers', (n) => ({ why: 't'.repeat(n) }), 2000],
      ['answers', (n) => ({ why: Array.from({ length: n }, () => 'price') }), 30],
      ['answers', (n) => ({ why: ['o'.repeat(n)] }), 100],
    ];
    for (const [field, make, limit] of cases) {
      const within = field === 'email' ? { email: make(limit) } : at(field, make(limit));
      const over = field === 'email' ? { email: make(limit + 1) } : at(field, make(limit + 1));
      expect(quickParse(within), `${field} at ${limit}`).toEqual(signatureInput.parse(within));
      expect(signatureInput.safeParse(over).success, `${field} over ${limit}`).toBe(false);
      expect(quickParse(over), `${field} over ${limit}`).toBeUndefined();
    }
  });

  it('leaves to zod what it refuses, or is not sure of', () => {
    for (const raw of [
      { email: 'not an e-mail' },
      { email: 'a@example.org', name: 'bell\u0007' },
      { email: 'a@example.org', name: '\ud800' },
      { email: 'a@example.org', postalCode: '75#011' },
      { email: 'a@example.org', answers: { why: 3 } },
      { email: 'a@example.org', consent: 'yes' },
      { email: 'a@example.org', ref: 'r'.repeat(65) },
      JSON.parse('{"email":"a@example.org","answers":{"__proto__":"x"}}'),
      [],
      null,
    ]) {
      expect(quickParse(raw)).toBeUndefined();
    }
  });
});
