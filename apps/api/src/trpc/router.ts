import { publicProcedure, router } from './init.ts';

/**
 * The admin's whole API. The admin imports only this type (`AppRouter`), never the code.
 */
export const appRouter = router({
  health: publicProcedure.query(() => ({ ok: true })),
});

export type AppRouter = typeof appRouter;
