import type { AppRouter } from '@groundwork/api/router';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';

/** The typed tRPC client: `api.members.list.query({ chapterId })`. */
export type Api = TRPCClient<AppRouter>;

export type AuthStatus = Awaited<ReturnType<Api['auth']['status']['query']>>;
export type Membership = AuthStatus['memberships'][number];
export type Role = Membership['role'];
export type SignedInUser = NonNullable<AuthStatus['user']>;

export interface ApiOptions {
  /** Where tRPC answers; the admin is served by the API, so same-origin `/trpc` by default. */
  url?: string;
  /** Tests pass a fetch that keeps cookies (Node's fetch has no cookie jar). */
  fetch?: typeof fetch;
}

/**
 * Creates the client. The session cookie is HttpOnly and same-origin: the browser sends it.
 *
 * @example
 * const api = createApi();
 * const status = await api.auth.status.query();
 */
export function createApi(options: ApiOptions = {}): Api {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: options.url ?? '/trpc',
        fetch: (url, init) =>
          fetchImpl(url, { ...(init as RequestInit), credentials: 'same-origin' }),
      }),
    ],
  });
}
