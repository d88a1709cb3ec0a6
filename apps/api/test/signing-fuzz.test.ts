/**
 * Property-based checks of the signing route: hostile payloads never cause a 5xx, a rejected
 * request never leaves a row behind, and names in any script come back exactly as sent.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true', RATE_LIMITS: 'off' });
});
afterAll(() => server.stop());

const url = '/api/v1/pledges/quit-chatgpt/signatures';

/*
 * Each property runs through Hono (`app.request`) and over the real port, where JSON bodies
 * of a loaded pledge are answered by the fast path (src/public/signing-fast-path.ts).
 */
type Transport = 'hono' | 'port';
const transports: Transport[] = ['hono', 'port'];
async function post(transport: Transport, init: RequestInit): Promise<Response> {
  if (transport === 'hono') return await server.app.request(url, init);
  return await fetch(`${server.url}${url}`, init);
}

/** Rows in every table a signature writes to, in one query (compared before and after). */
async function rowCounts(): Promise<string> {
  const row = await server.ctx.db.kysely
    .selectNoFrom((eb) => [
      eb.selectFrom('people').select(eb.fn.countAll().as('n')).as('people'),
      eb.selectFrom('signatures').select(eb.fn.countAll().as('n')).as('signatures'),
      eb.selectFrom('consents').select(eb.fn.countAll().as('n')).as('consents'),
      eb.selectFrom('outbox').select(eb.fn.countAll().as('n')).as('outbox'),
      eb.selectFrom('signature_confirmations').select(eb.fn.countAll().as('n')).as('tokens'),
      eb
        .selectFrom('pledge_counters')
        .select((e) => e.fn.sum('confirmed').as('n'))
        .as('counted'),
    ])
    .executeTakeFirstOrThrow();
  return JSON.stringify(Object.values(row).map(Number));
}

async function counted(): Promise<number> {
  const row = await server.ctx.db.kysely
    .selectFrom('pledge_counters')
    .select((eb) => [
      eb.fn.sum<number | string>('confirmed').as('c'),
      eb.fn.sum<number | string>('pending').as('p'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.c ?? 0) + Number(row.p ?? 0);
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));
const control = fc
  .integer({ min: 0, max: 0x9f })
  .filter((n) => n < 0x20 || n >= 0x7f)
  .map((n) => String.fromCharCode(n));
const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.string({
    unit: fc.oneof(
      loneSurrogate,
      control,
      fc.constantFrom('\u202e', '\u200d', '\ufeff', '"', '\\', '\u0000'),
    ),
  }),
  fc.string({ minLength: 300, maxLength: 3000 }),
);
const hostileValue = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

const payload = fc.record(
  {
    email: fc.oneof(fc.emailAddress(), hostileValue),
    name: hostileValue,
    postalCode: hostileValue,
    answers: fc.oneof(
      hostileValue,
      fc.dictionary(
        fc.constantFrom('why', 'instead', 'other', '__proto__'),
        fc.oneof(hostileValue, fc.constantFrom('price', 'unsure', 'nope')),
      ),
    ),
    consent: hostileValue,
    ref: hostileValue,
    source: hostileValue,
    locale: hostileValue,
    altcha: hostileValue,
  },
  { requiredKeys: [] },
);

// Mostly valid signatures with one field gone wrong now and then: the accepted branch matters too.
let serial = 0;
const nearlyValid = fc.record(
  {
    email: fc.constant(null).map(() => `fuzz-${serial++}@example.org`),
    name: fc.oneof(fc.string({ maxLength: 40 }), hostileValue),
    answers: fc.oneof(
      fc.constant({ why: ['price', 'quality'], instead: 'unsure' }),
      fc.constant({ why: 'price' }),
      hostileValue,
    ),
    consent: fc.oneof(fc.boolean(), hostileValue),
    source: fc.oneof(fc.webUrl(), hostileValue),
  },
  { requiredKeys: ['email'] },
);

type Body = { type: string | undefined; body: string };
const requestBody: fc.Arbitrary<Body> = fc.oneof(
  nearlyValid.map((p) => ({ type: 'application/json', body: JSON.stringify(p) })),
  payload.map((p) => ({ type: 'application/json', body: JSON.stringify(p) })),
  fc.anything().map((v) => ({ type: 'application/json', body: JSON.stringify(v) ?? 'undefined' })),
  fc.string().map((s) => ({ type: 'application/json', body: s })),
  fc
    .string({ unit: 'binary' })
    .map((s) => ({ type: 'application/json; charset=utf-8', body: `{"email":"${s}` })),
  payload.map((p) => ({
    type: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(
      Object.entries(p).map(([k, v]): [string, string] => [k, JSON.stringify(v) ?? '']),
    ).toString(),
  })),
  fc.string().map((s) => ({ type: 'application/x-www-form-urlencoded', body: s })),
  fc
    .tuple(
      fc.constantFrom('text/plain', 'multipart/form-data', 'application/xml', undefined),
      fc.string(),
    )
    .map(([type, body]) => ({ type, body })),
);

describe.each(transports)('POST signatures under hostile input (%s)', (transport) => {
  it('never answers 5xx and never stores anything for a rejected request', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(requestBody, async ({ type, body }) => {
        const before = await rowCounts();
        const res = await post(transport, {
          method: 'POST',
          headers: type ? { 'content-type': type } : {},
          body,
        });
        expect(res.status).toBeLessThan(500);
        const answer = (await res.json()) as { error?: { code: string } };
        if (res.status === 201) {
          accepted++;
          return;
        }
        expect(answer.error?.code).toMatch(/^[A-Z_]+$/);
        expect(await rowCounts()).toBe(before);
      }),
      { numRuns: 1500 },
    );
    // The generators do produce valid signatures too, so both branches are exercised.
    expect(accepted).toBeGreaterThan(0);
  }, 120_000);

  it('keeps names in any script exactly as sent', async () => {
    let n = 0;
    const name = fc
      .oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
        fc.constantFrom(
          'Zoë Ægir',
          '李小龙',
          'أحمد',
          '👩🏽‍🚀 Ada',
          'e\u0301',
          '\u202eevil',
          'O’Brien-Łukasz',
        ),
      )
      // What the route refuses on purpose (control characters, lone surrogates, blank names).
      .filter(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what the route refuses
        (s) => s.trim() !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(s) && !/\p{Cs}/u.test(s),
      );
    await fc.assert(
      fc.asyncProperty(name, async (sent) => {
        const email = `unicode-${transport}-${n++}@example.org`;
        const res = await post(transport, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, name: sent }),
        });
        expect(res.status).toBe(201);
        const row = await server.ctx.db.kysely
          .selectFrom('people')
          .select('name')
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        expect(row.name).toBe(sent);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('keeps the counter equal to the signatures', async () => {
    const row = await server.ctx.db.kysely
      .selectFrom('signatures')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await counted()).toBe(Number(row.n));
  });
});
