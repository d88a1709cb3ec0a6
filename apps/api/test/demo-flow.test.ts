import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

// The flow a new chapter tries first, with the default configuration (rate limits on):
// sign the demo pledge through the JSON API, then again through the hosted page's plain form,
// from the same computer.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true' });
});
afterAll(() => server.stop());

async function count(): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/count`);
  return ((await res.json()) as { count: number }).count;
}

describe('the demo pledge, tried from one computer', () => {
  it('takes a JSON signature and then a no-JS form signature, each moving the count by one', async () => {
    const before = await count();
    const api = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'first@example.org', name: 'Première' }),
    });
    expect(api.status).toBe(201);
    expect(await count()).toBe(before + 1);

    const form = await fetch(`${server.url}/p/quit-chatgpt`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'second@example.org', name: 'Second' }),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toMatch(/^\/p\/quit-chatgpt\/thanks\?/);
    expect(await count()).toBe(before + 2);
  });

  it('still limits a burst from one connection', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `burst-${i}@example.org` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
  });
});
