import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PublicPledge, SignatureInput } from '../src/types.ts';

/** A pledge as the public API returns it (the demo's shape, shortened). */
export function pledgeFixture(over: Partial<PublicPledge> = {}): PublicPledge {
  return {
    slug: 'quit-chatgpt',
    title: 'I have cancelled my ChatGPT subscription',
    bodyHtml: '<p>Join us.</p>',
    goal: 1000,
    count: 41,
    status: 'live',
    locale: 'en',
    locales: ['en', 'fr'],
    questions: [
      {
        id: 'why',
        kind: 'single',
        label: 'Why are you leaving?',
        required: true,
        options: [
          { id: 'politics', label: 'Political reasons' },
          { id: 'price', label: 'Price' },
        ],
      },
      { id: 'more', kind: 'text', label: 'Anything else?', required: false, options: [] },
    ],
    consentText: 'Keep me informed by e-mail.',
    nextSteps: ['Cancel the recurring payment', 'Delete the app'],
    shareText: 'I quit ChatGPT',
    shareUrl: 'http://chapter.test/p/quit-chatgpt',
    askPostalCode: true,
    requiresConfirmation: true,
    proofOfWork: false,
    chapter: { slug: 'quitgpt-paris', name: 'QuitGPT Paris' },
    ...over,
  };
}

export interface FakeApi {
  url: string;
  /** Every signing body received, in order. */
  signatures: SignatureInput[];
  /** Every request's method, path and Cookie header. */
  requests: Array<{ method: string; path: string; cookie?: string }>;
  pledge: PublicPledge;
  close(): Promise<void>;
}

const read = async (req: IncomingMessage) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
};

/**
 * A stand-in for the public pledge API (the real one lives in apps/api and is exercised by
 * the browser tests in tooling/e2e). Answers the documented contract over real HTTP.
 */
export async function startFakeApi(pledge = pledgeFixture()): Promise<FakeApi> {
  const state: FakeApi = { url: '', signatures: [], requests: [], pledge, close: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      cookie: req.headers.cookie,
    });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'content-type',
        'access-control-expose-headers': 'retry-after',
      });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') return json(204, {});
    const m = url.pathname.match(/^\/api\/v1\/pledges\/([^/]+)(\/\w+)?$/);
    if (!m || m[1] !== state.pledge.slug) {
      return json(404, { error: { code: 'NOT_FOUND', message: 'No such pledge.' } });
    }
    if (!m[2]) return json(200, state.pledge);
    if (m[2] === '/count') return json(200, { count: state.pledge.count, goal: state.pledge.goal });
    if (m[2] === '/signatures' && req.method === 'POST') {
      const body = JSON.parse(await read(req)) as SignatureInput;
      if (body.email === 'busy@example.org') {
        res.setHeader('retry-after', '60');
        return json(429, {
          error: {
            code: 'RATE_LIMITED',
            message: 'Too many signatures from here. Try again in a minute.',
          },
        });
      }
      if (body.email === 'late@example.org') {
        return json(422, {
          error: { code: 'UNPROCESSABLE', message: 'This pledge is closed: it takes no more.' },
        });
      }
      if (body.name === 'x'.repeat(201)) {
        return json(400, {
          error: {
            code: 'BAD_REQUEST',
            message: 'Invalid input: name.',
            fields: { name: 'At most 200 characters.' },
          },
        });
      }
      if (!body.email.includes('@')) {
        return json(422, {
          error: {
            code: 'INVALID_INPUT',
            message: 'Invalid input.',
            fields: { email: 'Not a valid e-mail address.' },
          },
        });
      }
      state.signatures.push(body);
      state.pledge.count += 1;
      return json(201, {
        count: state.pledge.count,
        status: state.pledge.requiresConfirmation ? 'pending' : 'confirmed',
        shareUrl: `${state.pledge.shareUrl}?ref=abc123`,
        ref: 'abc123',
      });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
