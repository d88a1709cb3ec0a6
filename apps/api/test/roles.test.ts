/**
 * The role matrix: every tRPC procedure that touches one chapter's data (it has
 * `meta.chapterRole`, set by `chapterProcedure`) is called
 *   (a) signed out                         → UNAUTHORIZED,
 *   (b) as a member of ANOTHER chapter      → FORBIDDEN,
 *   (c) as a viewer, when it needs organizer or owner → FORBIDDEN.
 * Procedures added later are found through the router itself, so they are covered without
 * touching this file. The input is only `{ chapterId }`: `chapterProcedure` checks the role
 * before the procedure's own input is parsed, so a refused caller never reaches validation.
 */
import type { Role } from '@groundwork/core/chapters';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/trpc/router.ts';
import { callerAs, createTestChapter, createTestUser } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

interface ProcedureInfo {
  path: string;
  type: string;
  role: Role;
}

const chapterProcedures: ProcedureInfo[] = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string; meta?: { chapterRole?: Role } } }
  >,
)
  .filter(([, p]) => p._def.meta?.chapterRole)
  .map(([path, p]) => ({ path, type: p._def.type, role: p._def.meta?.chapterRole as Role }));

let server: TestServer;
let chapterId: string;
let outsiderId: string;
let viewerId: string;
let ownerId: string;

beforeAll(async () => {
  server = await startTestServer();
  const chapter = await createTestChapter(server.ctx, 'Guarded');
  const other = await createTestChapter(server.ctx, 'Elsewhere');
  chapterId = chapter.id;
  // The outsider is an owner — of a different chapter.
  outsiderId = (await createTestUser(server.ctx, { chapterId: other.id, role: 'owner' })).id;
  viewerId = (await createTestUser(server.ctx, { chapterId, role: 'viewer' })).id;
  ownerId = (await createTestUser(server.ctx, { chapterId, role: 'owner' })).id;
});
afterAll(() => server.stop());

async function call(userId: string | null, path: string, input: unknown): Promise<unknown> {
  const caller = (await callerAs(server.ctx, userId)) as unknown as Record<string, unknown>;
  const fn = path.split('.').reduce<any>((node, key) => node[key], caller);
  try {
    const result = await fn(input);
    // A subscription returns a stream; the checks run before it starts, so reaching here is a pass.
    return result;
  } catch (error) {
    return error;
  }
}

function codeOf(outcome: unknown): string {
  return outcome instanceof TRPCError ? outcome.code : 'OK';
}

describe('role matrix', () => {
  it('finds the chapter procedures through the router', () => {
    // auth's own routers alone have 7; later modules add more.
    expect(chapterProcedures.length).toBeGreaterThanOrEqual(7);
    expect(chapterProcedures.map((p) => p.path)).toEqual(
      expect.arrayContaining(['members.invite', 'members.changeRole', 'chapters.update']),
    );
  });

  it('refuses every chapter procedure when signed out', async () => {
    const outcomes = await Promise.all(
      chapterProcedures.map(async (p) => [p.path, codeOf(await call(null, p.path, { chapterId }))]),
    );
    expect(outcomes.filter(([, code]) => code !== 'UNAUTHORIZED')).toEqual([]);
  });

  it('refuses every chapter procedure to a member of another chapter', async () => {
    const outcomes = [];
    for (const p of chapterProcedures) {
      outcomes.push([p.path, codeOf(await call(outsiderId, p.path, { chapterId }))]);
    }
    expect(outcomes.filter(([, code]) => code !== 'FORBIDDEN')).toEqual([]);
  });

  it('refuses every organizer/owner procedure to a viewer', async () => {
    const writes = chapterProcedures.filter((p) => p.role !== 'viewer');
    expect(writes.length).toBeGreaterThanOrEqual(4);
    const outcomes = [];
    for (const p of writes) {
      outcomes.push([p.path, codeOf(await call(viewerId, p.path, { chapterId }))]);
    }
    expect(outcomes.filter(([, code]) => code !== 'FORBIDDEN')).toEqual([]);
  });

  it('lets a member with the role past the check (queries only: they change nothing)', async () => {
    const queries = chapterProcedures.filter((p) => p.type === 'query');
    for (const p of queries) {
      const code = codeOf(await call(ownerId, p.path, { chapterId }));
      expect([p.path, code]).not.toEqual([p.path, 'FORBIDDEN']);
      expect([p.path, code]).not.toEqual([p.path, 'UNAUTHORIZED']);
    }
  });

  it('members.remove (open to viewers so they can leave) refuses a viewer removing someone else', async () => {
    const outcome = await call(viewerId, 'members.remove', { chapterId, userId: ownerId });
    expect(codeOf(outcome)).toBe('FORBIDDEN');
    const self = await call(viewerId, 'members.remove', { chapterId, userId: viewerId });
    expect(self).toEqual({ ok: true });
  });
});
