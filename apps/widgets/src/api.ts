import type {
  ApiErrorBody,
  CountUpdate,
  PublicPledge,
  SignatureInput,
  SignatureResult,
} from './types.ts';

/** A failed API call: `fields` maps form fields to the server's messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Seconds to wait, from `Retry-After` (429 only). */
    readonly retryAfter = 0,
  ) {
    super(message);
  }
}

/**
 * Calls the chapter's API. Never sends cookies (`credentials: 'omit'`) and never talks to
 * another origin than `base`.
 *
 * @example
 * const pledge = await request<PublicPledge>('https://pledge.example.org', '/quit-chatgpt');
 */
export async function request<T>(base: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { credentials: 'omit', cache: 'no-cache' };
  if (body) {
    init.method = 'POST';
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`${base}/api/v1/pledges${path}`, init);
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  const data = (await res.json().catch(() => ({}))) as T & Partial<ApiErrorBody>;
  if (!res.ok) {
    const e = data.error;
    const wait = Number(res.headers.get('retry-after')) || 0;
    throw new ApiError(res.status, e?.code ?? 'ERROR', e?.message ?? '', e?.fields, wait);
  }
  return data;
}

export const loadPledge = (base: string, slug: string, locale?: string) =>
  request<PublicPledge>(base, `/${enc(slug)}${locale ? `?locale=${locale}` : ''}`);

export const sign = (base: string, slug: string, input: SignatureInput) =>
  request<SignatureResult>(base, `/${enc(slug)}/signatures`, input);

export const loadCount = (base: string, slug: string) =>
  request<CountUpdate>(base, `/${enc(slug)}/count`);

const enc = encodeURIComponent;
