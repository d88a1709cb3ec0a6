import { createServer } from 'node:net';
import { startTestServer, type TestServer } from '@groundwork/api/testing';
import type { TestProject } from 'vitest/node';
import { createApi } from '../src/api/client.ts';
import { cookieFetch } from './cookies.ts';

export interface Account {
  email: string;
  password: string;
  name: string;
  /** Session cookies after signing in once here, so tests do not hit the login rate limit. */
  cookies: [string, string][];
}

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    chapter: { slug: string; name: string };
    accounts: { owner: Account; organizer: Account; viewer: Account };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * One real API server for the admin's tests (the real router, a fresh SQLite file, the demo
 * chapter), with an owner created through the setup link and an organizer and a viewer who
 * joined through invitations: the same path a person takes.
 */
export default async function setup(project: TestProject) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server: TestServer = await startTestServer({
    PORT: String(port),
    PUBLIC_URL: url,
    SEED_DEMO: 'true',
  });
  try {
    const token = server.logs.join('\n').match(/\/admin\/setup\?token=([\w.~%-]+)/)?.[1];
    if (!token) throw new Error(`no setup link in the server log:\n${server.logs.join('\n')}`);
    const client = (jar: Map<string, string>) =>
      createApi({ url: `${url}/trpc`, fetch: cookieFetch(url, jar) });

    const ownerJar = new Map<string, string>();
    const owner = client(ownerJar);
    const ownerAccount = {
      email: 'owner@example.org',
      password: 'owner password 1',
      name: 'Olivia Owner',
    };
    await owner.auth.setup.mutate({ token, ...ownerAccount });
    const status = await owner.auth.status.query();
    const chapter = status.memberships.find((m) => m.slug === 'quitgpt-paris');
    if (!chapter) throw new Error('the demo chapter is missing');

    const join = async (role: 'organizer' | 'viewer', name: string) => {
      const email = `${role}@example.org`;
      const password = `${role} password 1`;
      const invite = await owner.members.invite.mutate({
        chapterId: chapter.chapterId,
        email,
        role,
      });
      const inviteToken = new URL(invite.url, url).searchParams.get('token') ?? '';
      const jar = new Map<string, string>();
      await client(jar).auth.acceptInvitation.mutate({ token: inviteToken, name, password });
      if (jar.size === 0) await client(jar).auth.signIn.mutate({ email, password });
      return { email, password, name, cookies: [...jar] };
    };

    project.provide('apiUrl', url);
    project.provide('chapter', { slug: chapter.slug, name: chapter.name });
    project.provide('accounts', {
      owner: { ...ownerAccount, cookies: [...ownerJar] },
      organizer: await join('organizer', 'Oscar Organizer'),
      viewer: await join('viewer', 'Vera Viewer'),
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return () => server.stop();
}
