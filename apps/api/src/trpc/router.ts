import { publicProcedure, router } from './init.ts';
import { accountRouter } from './routers/account.ts';
import { auditRouter } from './routers/audit.ts';
import { authRouter } from './routers/auth.ts';
import { broadcastsRouter } from './routers/broadcasts.ts';
import { chaptersRouter } from './routers/chapters.ts';
import { eventsRouter } from './routers/events.ts';
import { membersRouter } from './routers/members.ts';
import { outboxRouter } from './routers/outbox.ts';
import { peopleRouter } from './routers/people.ts';
import { pledgesRouter } from './routers/pledges.ts';
import { tagsRouter } from './routers/tags.ts';

/**
 * The admin's whole API. The admin imports only this type (`AppRouter`), never the code.
 */
export const appRouter = router({
  health: publicProcedure.query(() => ({ ok: true })),
  auth: authRouter,
  account: accountRouter,
  chapters: chaptersRouter,
  events: eventsRouter,
  members: membersRouter,
  outbox: outboxRouter,
  pledges: pledgesRouter,
  people: peopleRouter,
  tags: tagsRouter,
  broadcasts: broadcastsRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
