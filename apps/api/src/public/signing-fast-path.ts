/**
 * `POST /api/v1/pledges/:slug/signatures` with a JSON body, answered before the request
 * reaches Hono (like the count, `count-fast-path.ts`).
 *
 * Signing is the route a campaign's spike hits. Hono's Node adapter wraps each request in a
 * fetch `Request` with a body stream and each answer in a `Response`; on this route that was
 * 20–40 % of the main thread's CPU per signature (measured in pairs, docs/benchmarks.md). Here
 * the body is read from the socket, parsed, and answered with one `writeHead`, through the
 * same code as the Hono route (`sign-request.ts`, `parseSignatureJson`, `mapError`), so the
 * answers are the same status, headers and body (a test compares them over the real port).
 *
 * It takes only the common case: a POST to this path, `Content-Type: application/json`, a
 * `Content-Length` within the route's limit, a pledge already loaded. Everything else — forms,
 * chunked or oversized bodies, OPTIONS, unknown or not yet loaded pledges — goes to Hono.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { clientAddress } from '../auth/index.ts';
import type { AppContext } from '../context.ts';
import { mapError } from '../http/errors.ts';
import { decodeUtf8, MAX_SIGNATURE_BODY, parseSignatureJson } from './body.ts';
import { SIGNING_CACHE_CONTROL, signingMeta } from './sign-request.ts';

const signingRoute = /^\/api\/v1\/pledges\/([a-z0-9-]{2,64})\/signatures(?:\?.*)?$/;

// What the Hono route's answers carry besides their own (openCors, then c.json).
const jsonHeaders = {
  'access-control-allow-origin': '*',
  'x-content-type-options': 'nosniff',
  'content-type': 'application/json',
};
const signedHeaders = { ...jsonHeaders, 'cache-control': SIGNING_CACHE_CONTROL };

// `Request.text()` decodes like this: UTF-8, a leading byte-order mark dropped, bad bytes
// replaced (U+FFFD) rather than refused.

/**
 * Wraps the app's request listener with the fast path.
 *
 * @example
 * createServer(withSigningFastPath(ctx, withCountFastPath(signing, honoListener)));
 */
export function withSigningFastPath(ctx: AppContext, next: RequestListener): RequestListener {
  return (req, res) => {
    const slug = takes(ctx, req);
    if (slug === undefined) next(req, res);
    else {
      readBody(req, (body) => {
        // Errors are answered inside; this only guards the answer itself (an unhandled
        // rejection would end the process).
        answer(ctx, slug, req, res, body).catch((error: unknown) => {
          ctx.log.error('signing fast path: no answer sent', { error: String(error) });
          res.destroy();
        });
      });
    }
  };
}

/** The pledge's slug when this request is one the fast path answers. */
function takes(ctx: AppContext, req: IncomingMessage): string | undefined {
  if (req.method !== 'POST') return undefined;
  const slug = signingRoute.exec(req.url ?? '')?.[1];
  if (!slug || !ctx.signing.cachedCount(slug)) return undefined;
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return undefined;
  const length = req.headers['content-length'];
  if (!length || !/^\d{1,9}$/.test(length) || Number(length) > MAX_SIGNATURE_BODY) return undefined;
  if (req.headers['transfer-encoding'] !== undefined) return undefined;
  return slug;
}

/** The whole body (Node stops at the announced Content-Length, checked against the limit). */
function readBody(req: IncomingMessage, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
  // A client that goes away mid-body gets no answer; Node closes the socket.
  req.on('error', () => {});
}

async function answer(
  ctx: AppContext,
  slug: string,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): Promise<void> {
  const { config, signing } = ctx;
  try {
    const raw = parseSignatureJson(decodeUtf8(body));
    const meta = signingMeta(
      config,
      () =>
        clientAddress(header(req, 'x-forwarded-for'), req.socket.remoteAddress, config.trustProxy),
      header(req, 'accept-language'),
    );
    const result = await signing.sign(slug, raw, meta);
    send(res, 201, signedHeaders, result);
  } catch (error) {
    const mapped = mapError(error, ctx.log);
    const extra = Object.fromEntries(
      Object.entries(mapped.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    send(res, mapped.status, Object.assign({}, jsonHeaders, extra), mapped.body);
  }
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  value: unknown,
): void {
  const text = JSON.stringify(value);
  // Object.assign, not `{ ...headers, more }`: on Node 20 the spread form costs ~1 µs a call.
  res
    .writeHead(status, Object.assign({ 'content-length': Buffer.byteLength(text) }, headers))
    .end(text);
}

/** One header as Hono's `c.req.header()` reads it (repeated headers joined by Node). */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
