import type { Context as HonoContext } from 'hono';
import type { AppContext, HonoEnv } from '../context.ts';

/** What a tRPC procedure sees. `auth` is filled by the session middleware when signed in. */
export interface TrpcContext {
  app: AppContext;
  /** The Hono request context: headers in, cookies out. Absent in direct callers (tests). */
  hono: HonoContext<HonoEnv> | null;
  auth: { userId: string; sessionId: string } | null;
  /** Response headers of the tRPC call (Set-Cookie on sign-in/out). Absent in direct callers. */
  resHeaders?: Headers | null;
}
