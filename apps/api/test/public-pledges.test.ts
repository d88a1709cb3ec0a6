import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, readJson, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true', RATE_LIMITS: 'off' });
});
afterAll(() => server.stop());

const json = postJson;
const read = readJson;

describe('GET /api/v1/pledges/:slug', () => {
  it('answers the demo pledge in French by default and in English on request', async () => {
    const res = await server.app.request('/api/v1/pledges/quit-chatgpt');
    expect(res.status).toBe(200);
    const view = await read(res);
    expect(view).toMatchObject({
      slug: 'quit-chatgpt',
      title: 'Je résilie mon abonnement ChatGPT',
      goal: 20000,
      status: 'live',
      locale: 'fr',
      locales: ['en', 'fr'],
      requiresConfirmation: false,
      proofOfWork: false,
      chapter: { slug: 'quitgpt-paris', name: 'QuitGPT Paris' },
    });
    expect(view.bodyHtml).toContain('<p>');
    expect(view.nextSteps).toHaveLength(5);
    const en = await read(await server.app.request('/api/v1/pledges/quit-chatgpt?locale=en'));
    expect(en.title).toBe("I'm cancelling my ChatGPT subscription");
    expect(en.questions[1]).toMatchObject({
      id: 'instead',
      kind: 'single',
      label: 'What will you use instead?',
    });
  });

  it('answers 404 JSON for an unknown pledge', async () => {
    const res = await server.app.request('/api/v1/pledges/nope');
    expect(res.status).toBe(404);
    expect((await read(res)).error.code).toBe('NOT_FOUND');
  });
});

describe('POST /api/v1/pledges/:slug/signatures', () => {
  it('signs, moves the count by one, and answers a repeat identically', async () => {
    const before = (await read(await server.app.request('/api/v1/pledges/quit-chatgpt/count')))
      .count;
    const res = await server.app.request(
      '/api/v1/pledges/quit-chatgpt/signatures',
      json({ email: 'first@example.org', name: 'Zoë', answers: { why: ['price'] }, consent: true }),
    );
    expect(res.status).toBe(201);
    const body = await read(res);
    expect(body).toMatchObject({ count: before + 1, status: 'confirmed' });
    expect(body.shareUrl).toMatch(/\/p\/quit-chatgpt\?ref=[a-z0-9]{8}$/);
    const again = await server.app.request(
      '/api/v1/pledges/quit-chatgpt/signatures',
      json({ email: 'FIRST@example.org' }),
    );
    expect(again.status).toBe(201);
    const againBody = await read(again);
    expect(Object.keys(againBody).sort()).toEqual(Object.keys(body).sort());
    expect(againBody.ref).toBe(body.ref);
    expect(againBody.count).toBe(before + 1);
  });

  it("takes the signer's language from the browser's first language it writes in", async () => {
    const signerLocale = async (email: string) =>
      (
        await server.ctx.db.kysely
          .selectFrom('signatures')
          .innerJoin('people', 'people.id', 'signatures.person_id')
          .select('signatures.locale')
          .where('people.email', '=', email)
          .executeTakeFirstOrThrow()
      ).locale;
    const cases: Array<[string, string, 'en' | 'fr']> = [
      ['de-DE,en;q=0.9,fr;q=0.5', 'lang-de-en@example.org', 'en'],
      ['en-GB', 'lang-en@example.org', 'en'],
      ['*', 'lang-star@example.org', 'fr'],
      ['de', 'lang-de@example.org', 'fr'],
    ];
    for (const [header, email, expected] of cases) {
      // Over the real port (the signing fast path) and through Hono: the same answer.
      for (const [via, address] of [
        ['port', `port-${email}`],
        ['hono', email],
      ] as const) {
        const init = json({ email: address }, { 'accept-language': header });
        const res =
          via === 'port'
            ? await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, init)
            : await server.app.request('/api/v1/pledges/quit-chatgpt/signatures', init);
        expect(res.status).toBe(201);
        expect([header, via, await signerLocale(address)]).toEqual([header, via, expected]);
      }
    }
  });

  it('accepts a urlencoded form with the same fields', async () => {
    const res = await server.app.request('/api/v1/pledges/quit-chatgpt/signatures', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=form%40example.org&answers.why=price&answers.why=quality&consent=on',
    });
    expect(res.status).toBe(201);
  });
});

describe('GET /api/v1/pledges/:slug/count', () => {
  it('answers from memory with an ETag, a short public cache, and 304 when unchanged', async () => {
    const res = await server.app.request('/api/v1/pledges/quit-chatgpt/count');
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"\d+-20000"$/);
    expect(res.headers.get('cache-control')).toContain('max-age=');
    expect(res.headers.get('cache-control')).toContain('stale-while-revalidate=');
    const again = await server.app.request('/api/v1/pledges/quit-chatgpt/count', {
      headers: { 'if-none-match': etag as string },
    });
    expect(again.status).toBe(304);
    // RFC 9110 compares If-None-Match weakly, and `*` matches; other origins may read the tag.
    for (const condition of [`W/${etag}`, `"other", ${etag}`, '*']) {
      const weak = await server.app.request('/api/v1/pledges/quit-chatgpt/count', {
        headers: { 'if-none-match': condition },
      });
      expect([condition, weak.status]).toEqual([condition, 304]);
    }
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag');
    await server.app.request(
      '/api/v1/pledges/quit-chatgpt/signatures',
      json({ email: 'etag@example.org' }),
    );
    const changed = await server.app.request('/api/v1/pledges/quit-chatgpt/count', {
      headers: { 'if-none-match': etag as string },
    });
    expect(changed.status).toBe(200);
  });

  it('answers over the real port exactly as the Hono route does (the fast path)', async () => {
    const path = '/api/v1/pledges/quit-chatgpt/count';
    const fromHono = await server.app.request(path);
    const overPort = await fetch(`${server.url}${path}?cache-buster=1`);
    const headersOf = (res: Response) =>
      Object.fromEntries(
        [...res.headers].filter(
          ([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name),
        ),
      );
    expect(overPort.status).toBe(200);
    expect(headersOf(overPort)).toEqual(headersOf(fromHono));
    const body = await overPort.text();
    expect(body).toBe(await fromHono.text());
    expect(overPort.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    const etag = overPort.headers.get('etag') as string;
    const notModified = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    // A signature moves the answer at once; unknown pledges still get the JSON 404.
    await fetch(
      `${server.url}/api/v1/pledges/quit-chatgpt/signatures`,
      json({ email: 'fast@example.org' }),
    );
    const moved = await readJson(await fetch(`${server.url}${path}`));
    expect(moved.count).toBe(JSON.parse(await (await server.app.request(path)).text()).count);
    expect(`"${moved.count}-${moved.goal}"`).not.toBe(etag);
    const unknown = await fetch(`${server.url}/api/v1/pledges/no-such-pledge/count`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('over the real port', () => {
  it('is open to every origin, without credentials and without cookies', async () => {
    const preflight = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://ally.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/if-none-match/i);
    const urls = [
      ['GET', '/api/v1/pledges/quit-chatgpt'],
      ['GET', '/api/v1/pledges/quit-chatgpt/count'],
      ['GET', '/api/v1/pledges/nope'],
      ['POST', '/api/v1/pledges/quit-chatgpt/signatures'],
    ] as const;
    for (const [method, path] of urls) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { origin: 'https://ally.example', 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ email: 'port@example.org' }) } : {}),
      });
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(res.headers.get('set-cookie'), path).toBeNull();
      await res.arrayBuffer();
    }
  });

  it('refuses a too large body sent in chunks (no Content-Length) with a 413', async () => {
    const chunk = new TextEncoder().encode(
      `{"email":"chunked@example.org","name":"${'x'.repeat(8000)}`,
    );
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('streams the count: first at connect, then totals as it moves', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/stream`, {
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const reader = (res.body as ReadableStream<Uint8Array>)
      .pipeThrough(new TextDecoderStream())
      .getReader();
    const events: Array<{ at: number; count: number }> = [];
    let buffer = '';
    const readEvent = async () => {
      while (!buffer.includes('\n\n')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
      const cut = buffer.indexOf('\n\n');
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (data)
        events.push({
          at: Date.now(),
          count: (JSON.parse(data.slice(6)) as { count: number }).count,
        });
    };
    await readEvent();
    const start = events[0]?.count as number;
    // Ten signatures in a burst: viewers get the total, not ten events.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(
          `${server.url}/api/v1/pledges/quit-chatgpt/signatures`,
          json({ email: `sse${i}@example.org` }),
        ),
      ),
    );
    while ((events.at(-1)?.count ?? 0) < start + 10) await readEvent();
    await fetch(
      `${server.url}/api/v1/pledges/quit-chatgpt/signatures`,
      json({ email: 'sse-late@example.org' }),
    );
    while ((events.at(-1)?.count ?? 0) < start + 11) await readEvent();
    // Eleven signatures, far fewer events: viewers get totals (the strict one-per-second rule
    // is checked with a fake clock in count-streams.test.ts).
    const updates = events.slice(1);
    expect(updates.length).toBeLessThan(11);
    expect(updates.at(-1)?.count).toBe(start + 11);
    controller.abort();
  });
});
