import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultLimitsPledge, startTestServer, type TestServer } from './helpers.ts';

const path = '/api/v1/pledges/quit-chatgpt/signatures';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function answerOf(res: Response): Promise<Answer> {
  const body = await res.text();
  expect(res.headers.get('content-length') ?? String(Buffer.byteLength(body))).toBe(
    String(Buffer.byteLength(body)),
  );
  const headers = Object.fromEntries(
    [...res.headers].filter(
      ([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name),
    ),
  );
  return { status: res.status, headers, body };
}

/** The same request over the port (fast path) and through Hono, in that order or the other. */
async function both(server: TestServer, route: string, body: string, first: 'port' | 'hono') {
  // Identical headers: Node's fetch adds `accept-language: *` on its own, app.request nothing.
  const headers = { 'content-type': 'application/json', 'accept-language': 'en-GB' };
  const init = { method: 'POST', headers, body };
  const port = () => fetch(`${server.url}${route}`, init).then(answerOf);
  const hono = async () => answerOf(await server.app.request(route, init));
  if (first === 'port') {
    const p = await port();
    return { port: p, hono: await hono() };
  }
  const h = await hono();
  return { port: await port(), hono: h };
}

describe('signing fast path', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SEED_DEMO: 'true', RATE_LIMITS: 'off' });
    // The fast path only takes pledges the service has loaded (the count loads it).
    await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/count`);
  });
  afterAll(() => server.stop());

  it('answers a signature and its repeat exactly as the Hono route', async () => {
    // Hono signs first; the port's request is the repeat, whose answer must be identical.
    const body = JSON.stringify({ email: 'fast-1@example.org', name: 'Zoë 🌱', consent: true });
    const { port, hono } = await both(server, path, body, 'hono');
    expect(hono.status).toBe(201);
    expect(port).toEqual(hono);
    expect(port.headers['cache-control']).toBe('no-store');
    expect(port.headers['access-control-allow-origin']).toBe('*');

    // And the other way round: the fast path signs, stores it, Hono answers the repeat.
    const other = JSON.stringify({ email: 'fast-2@example.org', answers: { why: ['price'] } });
    const reverse = await both(server, path, other, 'port');
    expect(reverse.port).toEqual(reverse.hono);
    const row = await server.ctx.db.kysely
      .selectFrom('signatures as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .select(['s.answers', 's.referral_code'])
      .where('p.email', '=', 'fast-2@example.org')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.answers)).toEqual({ why: ['price'] });
    expect(JSON.parse(reverse.port.body).ref).toBe(row.referral_code);
  });

  it('answers bad bodies with the same errors', async () => {
    for (const body of [
      '{"email":',
      '[]',
      '"just a string"',
      JSON.stringify({ email: 'not-an-address' }),
      JSON.stringify({ email: 'x@example.org', answers: { why: 'not-a-list' } }),
      JSON.stringify({ email: 'x@example.org', name: 'n'.repeat(5000) }),
    ]) {
      const { port, hono } = await both(server, path, body, 'port');
      expect(port.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(port.status, body.slice(0, 40)).toBeLessThan(500);
      expect(port, body.slice(0, 40)).toEqual(hono);
    }
  });

  it('decodes like Request.text(): a byte-order mark is dropped, names come back as sent', async () => {
    const name = 'Ünïcødé\u0301 名前 🙂';
    const body = `\uFEFF${JSON.stringify({ email: 'fast-bom@example.org', name })}`;
    const { port, hono } = await both(server, path, body, 'port');
    expect(port.status).toBe(201);
    expect(port).toEqual(hono);
    const person = await server.ctx.db.kysely
      .selectFrom('people')
      .select('name')
      .where('email', '=', 'fast-bom@example.org')
      .executeTakeFirstOrThrow();
    expect(person.name).toBe(name);
  });

  it('leaves everything else to Hono: forms, other types, chunked and unknown pledges', async () => {
    const form = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=fast-form%40example.org',
    });
    expect(form.status).toBe(201);
    const text = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"email":"fast-text@example.org"}',
    });
    expect(text.status).toBe(415);
    const chunked = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob(['{"email":"fast-chunked@example.org"}']).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(201);
    const unknown = await fetch(`${server.url}/api/v1/pledges/no-such-pledge/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'fast-unknown@example.org' }),
    });
    expect(unknown.status).toBe(404);
    const stored = await server.ctx.db.kysely
      .selectFrom('people')
      .select('email')
      .where('email', 'in', ['fast-form@example.org', 'fast-chunked@example.org'])
      .execute();
    expect(stored).toHaveLength(2);
  });
});

describe('signing fast path with rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SEED_DEMO: 'true' });
    await createDefaultLimitsPledge(server, 'fast-limited');
    await fetch(`${server.url}/api/v1/pledges/fast-limited/count`);
  });
  afterAll(() => server.stop());

  it('answers over the limit with the same 429 and Retry-After', async () => {
    const route = '/api/v1/pledges/fast-limited/signatures';
    // Each path has its own client (the socket's address, 'unknown' without one): both
    // spend their burst of one, then both are refused.
    const first = await both(server, route, JSON.stringify({ email: 'rl-a@example.org' }), 'port');
    expect([first.port.status, first.hono.status]).toEqual([201, 201]);
    const second = await both(server, route, JSON.stringify({ email: 'rl-b@example.org' }), 'port');
    expect(second.port.status).toBe(429);
    // Each client's window started at its own first request, a few ms apart: the seconds left
    // (header and message), rounded up, may differ by one when the two straddle a second.
    const wait = (a: typeof second.port) => Number(a.headers['retry-after']);
    expect(wait(second.port)).toBeGreaterThan(0);
    expect(Math.abs(wait(second.port) - wait(second.hono))).toBeLessThanOrEqual(1);
    const withoutWait = (a: typeof second.port) => ({
      ...a,
      headers: { ...a.headers, 'retry-after': undefined },
      body: a.body.replace(/in \d+ seconds/, 'in N seconds'),
    });
    expect(withoutWait(second.port)).toEqual(withoutWait(second.hono));
  });
});
