/**
 * Bad input to the signing route: bodies that are not UTF-8, wrong types and values, other
 * content types, broken JSON, big bodies. Each refusal names its field and stores nothing.
 * (The property-based flood of hostile payloads is signing-fuzz.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, readJson, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true', RATE_LIMITS: 'off' });
});
afterAll(() => server.stop());

const json = postJson;
const read = readJson;

describe('POST /api/v1/pledges/:slug/signatures: bad input', () => {
  it('refuses bytes that are not UTF-8 (never stores U+FFFD for them), and keeps a real U+FFFD', async () => {
    const stored = async (email: string) =>
      (
        await server.ctx.db.kysely
          .selectFrom('people')
          .select('name')
          .where('email', '=', email)
          .execute()
      ).map((p) => p.name);
    const rawJson = Buffer.concat([
      Buffer.from('{"email":"bytes@example.org","name":"Ren'),
      Buffer.from([0xe9]),
      Buffer.from('"}'),
    ]);
    const jsonInit = { method: 'POST', headers: { 'content-type': 'application/json' } };
    for (const res of [
      await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, {
        ...jsonInit,
        body: rawJson,
      }),
      await server.app.request('/api/v1/pledges/quit-chatgpt/signatures', {
        ...jsonInit,
        body: rawJson,
      }),
    ]) {
      expect(res.status).toBe(400);
      expect((await read(res)).error.message).toBe('The body is not valid UTF-8.');
    }
    const form = await server.app.request('/api/v1/pledges/quit-chatgpt/signatures', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=pct%40example.org&name=%C3%28',
    });
    expect(form.status).toBe(400);
    expect((await read(form)).error.fields).toEqual({ name: 'Not valid UTF-8.' });
    const page = await server.app.request('/p/quit-chatgpt', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=page%40example.org&name=%C3%28',
    });
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
    for (const email of ['bytes@example.org', 'pct@example.org', 'page@example.org']) {
      expect([email, await stored(email)]).toEqual([email, []]);
    }
    const real = await fetch(
      `${server.url}/api/v1/pledges/quit-chatgpt/signatures`,
      json({ email: 'fffd@example.org', name: 'A\uFFFDB' }),
    );
    expect(real.status).toBe(201);
    expect(await stored('fffd@example.org')).toEqual(['A\uFFFDB']);
  });

  it('names the field on bad input, and refuses other content types, bad JSON and big bodies', async () => {
    const bad = await server.app.request(
      '/api/v1/pledges/quit-chatgpt/signatures',
      json({ email: 'nope' }),
    );
    expect(bad.status).toBe(422);
    expect((await read(bad)).error.fields).toHaveProperty('email');
    const wrongType = await server.app.request(
      '/api/v1/pledges/quit-chatgpt/signatures',
      json({ email: 1 }),
    );
    expect(wrongType.status).toBe(400);
    expect((await read(wrongType)).error.fields).toEqual({ email: 'Expected text.' });
    // Every message is written for people, none is the validation library's own wording.
    const odd = await server.app.request(
      '/api/v1/pledges/quit-chatgpt/signatures',
      json({ email: 'odd@example.org', answers: [], consent: 'yes', ref: 'r'.repeat(65) }),
    );
    expect(odd.status).toBe(400);
    expect((await read(odd)).error.fields).toEqual({
      answers: 'Expected an object of answers, by question.',
      consent: 'Expected true or false.',
      ref: 'At most 64 characters.',
    });
    const text = await server.app.request('/api/v1/pledges/quit-chatgpt/signatures', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    const broken = await server.app.request('/api/v1/pledges/quit-chatgpt/signatures', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(broken.status).toBe(400);
    const big = await server.app.request(
      '/api/v1/pledges/quit-chatgpt/signatures',
      json({ email: 'big@example.org', name: 'x'.repeat(20_000) }),
    );
    expect(big.status).toBe(413);
    expect((await read(big)).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('the public API: wrong methods', () => {
  it('answers 405 with Allow, not a 404 that reads like an unknown pledge', async () => {
    const cases: Array<[string, string, string]> = [
      ['GET', '/api/v1/pledges/quit-chatgpt/signatures', 'POST, OPTIONS'],
      ['PUT', '/api/v1/pledges/quit-chatgpt/signatures', 'POST, OPTIONS'],
      ['POST', '/api/v1/pledges/quit-chatgpt', 'GET, HEAD, OPTIONS'],
      ['DELETE', '/api/v1/pledges/quit-chatgpt/count', 'GET, HEAD, OPTIONS'],
      ['GET', '/api/v1/events/anything/rsvps', 'POST, OPTIONS'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('METHOD_NOT_ALLOWED');
      expect(body.error.message).toContain(method);
    }
    // The right methods still answer as before.
    expect((await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/count`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/pledges/nope/count`)).status).toBe(404);
    const preflight = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, {
      method: 'OPTIONS',
    });
    expect(preflight.status).toBe(204);
  });
});
