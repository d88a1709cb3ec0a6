import { AppError } from '@groundwork/core/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mapError } from '../src/http/errors.ts';
import { createLogger } from '../src/log/index.ts';
import { trpc } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('GET /health', () => {
  it('answers 200 with the database reachable (through app.request)', async () => {
    const res = await server.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: server.ctx.db.kind });
  });

  it('answers over a real port with security headers and a request id', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/.+/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('the error mapping', () => {
  const logs: string[] = [];
  const log = createLogger('debug', (line) => logs.push(line));

  it('answers unknown routes with a JSON 404', async () => {
    const res = await server.app.request('/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });

  it('maps a zod error to 400 naming the fields', () => {
    const parsed = z.object({ email: z.email() }).safeParse({ email: 'nope' });
    const mapped = mapError(parsed.error, log);
    expect(mapped.status).toBe(400);
    expect(mapped.body.error.fields).toHaveProperty('email');
  });

  it('maps our own errors to their status with Retry-After when rate limited', () => {
    const mapped = mapError(new AppError('RATE_LIMITED', 'Slow down.', { retryAfter: 42 }), log);
    expect(mapped.status).toBe(429);
    expect(mapped.headers['Retry-After']).toBe('42');
  });

  it('answers anything else with a generic 500 and logs the details only', () => {
    const mapped = mapError(new Error('secret table xyz is broken'), log, 'req-1');
    expect(mapped.status).toBe(500);
    expect(JSON.stringify(mapped.body)).not.toContain('xyz');
    expect(logs.join('')).toContain('secret table xyz is broken');
  });
});

describe('tRPC input errors', () => {
  it('answers 400 naming the fields, not with the raw validation dump', async () => {
    const res = await trpc(server.app.request, 'auth.signIn', { email: 42, password: [] });
    expect(res.status).toBe(400);
    const error = res.body.error;
    expect(error.message).toBe('Invalid input: email, password.');
    expect(Object.keys(error.data.fields).sort()).toEqual(['email', 'password']);
    expect(JSON.stringify(error)).not.toContain('"code":"invalid_type"');
  });
});
