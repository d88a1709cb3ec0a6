import { createEffect, createResource, type JSX, Match, onCleanup, Show, Switch } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { Api, Membership, Role } from './api/client.ts';
import { ApiProvider, useApi } from './api/context.tsx';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { Layout, PublicLayout } from './components/Layout.tsx';
import { Loading, Page, Redirect } from './components/Page.tsx';
import { createI18n, type I18n, I18nProvider, useI18n } from './i18n/index.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { CreateChapterPage } from './pages/CreateChapterPage.tsx';
import { InvitePage } from './pages/InvitePage.tsx';
import { NoChapterPage } from './pages/NoChapterPage.tsx';
import { SetupPage } from './pages/SetupPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { Link, type Route, Router, Routes, useLocation } from './router/index.tsx';
import { chapterPages } from './routes.tsx';
import { hasRole, SessionProvider, useSession } from './session/index.tsx';

/**
 * The whole admin. `api` and `i18n` are passed in so tests can point it at a test server and
 * pick the language.
 */
export function App(props: { api: Api; i18n?: I18n }) {
  const i18n = props.i18n ?? createI18n();
  return (
    <I18nProvider i18n={i18n}>
      <ApiProvider api={props.api}>
        <Router>
          <SessionProvider>
            <Routes routes={routes} fallback={() => <PublicLayout children={<NotFound />} />} />
          </SessionProvider>
        </Router>
      </ApiProvider>
    </I18nProvider>
  );
}

const routes: Route[] = [
  { path: '/', render: () => <Home /> },
  { path: '/setup', render: () => <PublicLayout children={<SetupPage />} /> },
  { path: '/sign-in', render: () => <PublicLayout children={<SignInPage />} /> },
  { path: '/invite', render: () => <PublicLayout children={<InvitePage />} /> },
  { path: '/account', render: () => <SignedIn children={() => <AccountPage />} /> },
  { path: '/chapters/new', render: () => <SignedIn children={() => <CreateChapterPage />} /> },
  ...chapterPages.map((page) => ({
    path: page.path ? `/c/:chapter/${page.path}` : '/c/:chapter',
    render: (params: Record<string, string>) => (
      <ChapterRoute slug={params.chapter ?? ''} minRole={page.minRole}>
        {(chapter) => <Dynamic component={page.page} chapter={chapter()} />}
      </ChapterRoute>
    ),
  })),
];

/** Waits for `auth.status`; sends signed-out people to sign-in and back here afterwards. */
function SignedIn(props: { children: () => JSX.Element; layout?: boolean }) {
  const session = useSession();
  const location = useLocation();
  const here = () => {
    const { path, search } = location();
    const query = search.toString();
    return encodeURIComponent(query ? `${path}?${query}` : path);
  };
  return (
    <Switch>
      <Match when={session.status.state === 'errored'}>
        <StatusError error={session.status.error} />
      </Match>
      <Match when={session.status.latest === undefined}>
        <Loading />
      </Match>
      <Match when={!session.user()}>
        <Redirect to={`/sign-in?next=${here()}`} />
      </Match>
      <Match when={props.layout === false}>{props.children()}</Match>
      <Match when={true}>
        <Layout>{props.children()}</Layout>
      </Match>
    </Switch>
  );
}

function ChapterRoute(props: {
  slug: string;
  minRole: Role;
  children: (chapter: () => Membership) => JSX.Element;
}) {
  const session = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const chapter = () => session.membership(props.slug);
  createEffect(() => {
    const slug = chapter()?.slug;
    if (slug) session.setLastChapter(slug);
  });
  // Dates on chapter pages are shown in the chapter's time zone. Refetched when the membership
  // object changes (session refresh after the settings were saved).
  const [details] = createResource(chapter, (m) =>
    api.chapters.get.query({ chapterId: m.chapterId }),
  );
  createEffect(() => {
    if (details.state === 'ready') i18n.setTimeZone(details().timeZone);
  });
  onCleanup(() => i18n.setTimeZone(undefined));
  return (
    <SignedIn layout={false}>
      {() => (
        // Not keyed: a refreshed membership (renamed chapter) updates the page in place
        // instead of re-creating it, so form state and focus survive.
        <Show when={chapter()} fallback={<Layout children={<NotFound />} />}>
          {(m) => (
            <Layout chapter={m()}>
              <Show
                when={hasRole(m().role, props.minRole)}
                fallback={<Page title={t('error.forbidden')} children={null} />}
              >
                {props.children(m)}
              </Show>
            </Layout>
          )}
        </Show>
      )}
    </SignedIn>
  );
}

/** `/admin/`: the first chapter, or sign-in, or a page to create a chapter. */
function Home() {
  const session = useSession();
  return (
    <SignedIn layout={false}>
      {() => (
        <Show
          when={session.membership(session.lastChapter()) ?? session.memberships()[0]}
          fallback={<Layout children={<NoChapterPage />} />}
        >
          {(m) => <Redirect to={`/c/${m().slug}`} />}
        </Show>
      )}
    </SignedIn>
  );
}

function StatusError(props: { error: unknown }) {
  return (
    <PublicLayout>
      <ErrorNotice error={props.error} />
    </PublicLayout>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('app.notFound')}>
      <p>{t('app.notFoundBody')}</p>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </Page>
  );
}
