import { render } from '@solidjs/testing-library';
import { inject } from 'vitest';
import { App } from '../src/App.tsx';
import { type Api, createApi } from '../src/api/client.ts';
import { createI18n, type Locale } from '../src/i18n/index.tsx';
import { cookieFetch } from './cookies.ts';

type Who = 'owner' | 'organizer' | 'viewer' | 'nobody';

/** A client for the test server, signed in as one of the accounts made in globalSetup. */
export function apiAs(who: Who): Api {
  const url = inject('apiUrl');
  const jar = new Map<string, string>(who === 'nobody' ? [] : inject('accounts')[who].cookies);
  return createApi({ url: `${url}/trpc`, fetch: cookieFetch(url, jar) });
}

/** The id of the test chapter (created by the global setup), as its organizer sees it. */
export async function testChapterId(): Promise<string> {
  const chapter = inject('chapter');
  const { memberships } = await apiAs('organizer').auth.status.query();
  return memberships.find((m) => m.slug === chapter.slug)?.chapterId ?? '';
}

/** Renders the whole admin at `path` (under /admin), talking to the real test server. */
export function renderAt(path: string, options: { as?: Who; locale?: Locale; api?: Api } = {}) {
  window.history.replaceState(null, '', `/admin${path}`);
  const api = options.api ?? apiAs(options.as ?? 'nobody');
  const i18n = createI18n(options.locale ?? 'en');
  return { api, i18n, ...render(() => <App api={api} i18n={i18n} />) };
}
