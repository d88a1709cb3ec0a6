import { createPledge, getPledgeBySlug } from '@groundwork/core/pledges';
import { solveChallenge } from 'altcha-lib/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultLimitsPledge, startTestServer, type TestServer } from './helpers.ts';

type Json = any;
const read = async (res: Response): Promise<Json> => res.json();
const sign = (
  server: TestServer,
  slug: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  server.app.request(`/api/v1/pledges/${slug}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('rate limits (on by default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SEED_DEMO: 'true' });
    await createDefaultLimitsPledge(server, 'limited');
  });
  afterAll(() => server.stop());

  it('answers 429 with Retry-After and a clear message over the burst limit', async () => {
    expect((await sign(server, 'limited', { email: 'rl1@example.org' })).status).toBe(201);
    const limited = await sign(server, 'limited', { email: 'rl2@example.org' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('access-control-expose-headers')).toBe('Retry-After');
    const body = await read(limited);
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(/try again/);
    const people = await server.ctx.db.kysely
      .selectFrom('people')
      .select('email')
      .where('email', '=', 'rl2@example.org')
      .execute();
    expect(people).toHaveLength(0);
  });

  it('answers a filled honeypot like a success, stores nothing, and spends no allowance', async () => {
    const res = await sign(server, 'limited', { email: 'bot@example.org', website: 'x' });
    expect(res.status).toBe(201);
    expect(await read(res)).toMatchObject({ status: 'confirmed' });
    const rows = await server.ctx.db.kysely
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'bot@example.org')
      .execute();
    expect(rows).toHaveLength(0);
  });
});

describe('RATE_LIMITS=off and proof of work', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SEED_DEMO: 'true', RATE_LIMITS: 'off' });
    const demo = await getPledgeBySlug(server.ctx.db.kysely, 'quit-chatgpt');
    await createPledge(server.ctx.db.kysely, demo?.chapterId as string, {
      slug: 'pow-pledge',
      status: 'live',
      goal: 10,
      proofOfWork: true,
      translations: { en: { title: 'Proof of work' } },
    });
  });
  afterAll(() => server.stop());

  it('lets many signatures from one client through', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await sign(server, 'quit-chatgpt', { email: `off${i}@example.org` })).status).toBe(
        201,
      );
    }
  });

  it('needs a solved, fresh challenge when the pledge asks for one, and accepts it once', async () => {
    const missing = await sign(server, 'pow-pledge', { email: 'pow@example.org' });
    expect(missing.status).toBe(422);
    expect((await read(missing)).error.fields).toHaveProperty('altcha');
    const res = await server.app.request('/api/v1/pledges/pow-pledge/challenge');
    expect(res.status).toBe(200);
    const challenge = await read(res);
    const solution = await solveChallenge(
      challenge.challenge,
      challenge.salt,
      challenge.algorithm,
      challenge.maxnumber,
    ).promise;
    const altcha = Buffer.from(JSON.stringify({ ...challenge, number: solution?.number })).toString(
      'base64',
    );
    const ok = await sign(server, 'pow-pledge', { email: 'pow@example.org', altcha });
    expect(ok.status).toBe(201);
    const replay = await sign(server, 'pow-pledge', { email: 'pow2@example.org', altcha });
    expect(replay.status).toBe(422);
    const forged = Buffer.from(
      JSON.stringify({ ...challenge, number: 1, signature: 'x' }),
    ).toString('base64');
    expect(
      (await sign(server, 'pow-pledge', { email: 'pow3@example.org', altcha: forged })).status,
    ).toBe(422);
    expect((await server.app.request('/api/v1/pledges/quit-chatgpt/challenge')).status).toBe(404);
  }, 30_000);
});
