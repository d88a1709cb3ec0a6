import { createSession } from '@groundwork/core/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, createTestChapter, createTestUser } from './auth-helpers.ts';
import { startTestServer, type TestServer } from './helpers.ts';

/* The organizers' people API (tRPC) and the people CSV export, over the app and the real port. */
let server: TestServer;
let chapterId: string;
let organizer: { id: string };
let viewer: { id: string };

async function addPerson(email: string, name: string) {
  const now = server.ctx.clock.now().toISOString();
  const id = `p-${email.split('@')[0]}`;
  await server.ctx.db.kysely
    .insertInto('people')
    .values({
      id,
      chapter_id: chapterId,
      email,
      name,
      postal_code: null,
      locale: 'fr',
      created_at: now,
      updated_at: now,
      source: 'import',
    })
    .execute();
  return id;
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: 'off' });
  chapterId = (await createTestChapter(server.ctx)).id;
  organizer = await createTestUser(server.ctx, { chapterId, role: 'organizer' });
  viewer = await createTestUser(server.ctx, { chapterId, role: 'viewer' });
  await addPerson('ana@example.org', '=HYPERLINK("x")');
  await addPerson('ben@example.org', 'Ben');
});
afterAll(() => server.stop());

describe('people procedures', () => {
  it('lists, tags a filtered selection, shows a person, and erases (audited); viewers cannot erase', async () => {
    const org = await callerAs(server.ctx, organizer.id);
    const page = await org.people.list({ chapterId, search: 'ben' });
    expect(page.items.map((p) => p.email)).toEqual(['ben@example.org']);
    const tag = await org.tags.create({ chapterId, name: 'Stall' });
    expect(
      (
        await org.tags.tagPeople({
          chapterId,
          tagId: tag.id,
          action: 'add',
          filter: { search: 'example.org' },
        })
      ).changed,
    ).toBe(2);
    const person = await org.people.get({ chapterId, personId: 'p-ben' });
    expect(person.tags.map((t) => t.name)).toEqual(['Stall']);

    const view = await callerAs(server.ctx, viewer.id);
    await expect(view.people.erase({ chapterId, personId: 'p-ben' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await org.people.erase({ chapterId, personId: 'p-ben' });
    expect((await org.people.list({ chapterId })).total).toBe(1);
    const audit = await server.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('target', '=', 'p-ben')
      .execute();
    expect(audit).toEqual([{ action: 'person.erased', actor_user_id: organizer.id }]);
  });
});

describe('GET /admin/api/people.csv', () => {
  it('streams a formula-safe CSV to organizers only, audit-logged', async () => {
    const cookie = async (userId: string) =>
      `groundwork_session=${(await createSession(server.ctx.db.kysely, userId, {}, server.ctx.clock)).token}`;
    const url = `${server.url}/admin/api/people.csv?chapterId=${chapterId}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { cookie: await cookie(viewer.id) } })).status).toBe(403);
    const res = await fetch(url, { headers: { cookie: await cookie(organizer.id) } });
    expect(res.status).toBe(200);
    const text = await res.text();
    // fetch's text() drops the byte-order mark.
    expect(text.split('\r\n')[0]).toBe('email,name,postal_code,locale,source,consent,created_at');
    expect(text).toContain(`ana@example.org,"'=HYPERLINK(""x"")"`);
    expect(text).not.toContain('ben@example.org');
    const bad = await fetch(`${url}&consent=maybe`, {
      headers: { cookie: await cookie(organizer.id) },
    });
    expect(bad.status).toBe(400);
    const audit = await server.ctx.db.kysely
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'people.exported')
      .execute();
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ rows: 1, completed: true });
  });
});

describe('POST /admin/api/imports', () => {
  it('dry-runs and then imports a CSV streamed from the request, organizers only', async () => {
    const cookie = async (userId: string) =>
      `groundwork_session=${(await createSession(server.ctx.db.kysely, userId, {}, server.ctx.clock)).token}`;
    const mapping = encodeURIComponent(JSON.stringify({ email: 'mail', name: 'nom' }));
    const csv = 'mail;nom\ncarla@example.org;Carla\nbroken;X\ncarla@example.org;Again\n';
    const post = async (userId: string, dryRun: string) => {
      const res = await fetch(
        `${server.url}/admin/api/imports?chapterId=${chapterId}&dryRun=${dryRun}&delimiter=%3B&mapping=${mapping}`,
        {
          method: 'POST',
          headers: { cookie: await cookie(userId), origin: server.url, 'content-type': 'text/csv' },
          body: csv,
        },
      );
      return res;
    };
    expect((await post(viewer.id, '1')).status).toBe(403);
    const dry = await post(organizer.id, '1');
    expect(dry.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await dry.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1).report).toMatchObject({
      dryRun: true,
      valid: 1,
      invalid: 1,
      duplicates: 1,
      new: 1,
    });
    expect(
      (
        await server.ctx.db.kysely
          .selectFrom('people')
          .select('id')
          .where('email', '=', 'carla@example.org')
          .execute()
      ).length,
    ).toBe(0);
    const real = await post(organizer.id, '0');
    const last = (await real.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .at(-1);
    expect(last.report).toMatchObject({ dryRun: false, new: 1 });
    const carla = await server.ctx.db.kysely
      .selectFrom('people')
      .select(['name', 'source'])
      .where('email', '=', 'carla@example.org')
      .executeTakeFirst();
    expect(carla).toEqual({ name: 'Carla', source: 'import' });
  });
});
