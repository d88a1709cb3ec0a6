import { createSignal, ErrorBoundary, For, type JSX, Show } from 'solid-js';
import type { Membership } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link, useLocation, useNavigate } from '../router/index.tsx';
import { chapterPages } from '../routes.tsx';
import { hasRole, useSession } from '../session/index.tsx';
import { ErrorNotice } from './ErrorNotice.tsx';
import { LocaleSwitcher } from './LocaleSwitcher.tsx';

/** Header, skip link and main landmark shared by every page. */
function Frame(props: { header?: JSX.Element; nav?: JSX.Element; children: JSX.Element }) {
  const { t } = useI18n();
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="topbar">
        {/* Home: the chapter last visited (also the way back from My account). */}
        <Link to="/" class="brand">
          {t('app.name')}
        </Link>
        {props.header}
        <LocaleSwitcher />
      </header>
      <div class="body">
        {props.nav}
        <main id="main" tabindex="-1">
          {/* A page whose data failed to load says so instead of going blank. */}
          <ErrorBoundary fallback={(error) => <ErrorNotice error={error} />}>
            {props.children}
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}

/** For pages reached signed out: setup, sign-in, invitations. */
export function PublicLayout(props: { children: JSX.Element }) {
  return <Frame>{props.children}</Frame>;
}

/** For signed-in pages: chapter switcher, navigation, sign-out. */
export function Layout(props: { chapter?: Membership; children: JSX.Element }) {
  const { t, pick } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const chapter = () => props.chapter ?? session.membership(session.lastChapter());
  const label = (value: string | { en: string; fr: string }) =>
    typeof value === 'string' ? t(value as never) : pick(value);
  const current = (path: string) => (location().path === path ? 'page' : undefined);

  const signOut = async () => {
    await session.signOut().catch(() => undefined);
    navigate('/sign-in');
  };

  return (
    <Frame
      header={
        <>
          <ChapterSwitcher current={chapter()} />
          <span class="user-name">{session.user()?.name}</span>
          <button type="button" class="link-button" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </>
      }
      nav={
        <nav class="sidenav" aria-label={t('app.mainNav')}>
          <Show when={chapter()}>
            {(c) => (
              <>
                <p class="nav-heading">{c().name}</p>
                <ul>
                  <For each={chapterPages.filter((p) => hasRole(c().role, p.minRole))}>
                    {(page) => {
                      const to = `/c/${c().slug}${page.path ? `/${page.path}` : ''}`;
                      return (
                        <li>
                          <Link to={to} aria-current={current(to)}>
                            {label(page.label)}
                          </Link>
                        </li>
                      );
                    }}
                  </For>
                </ul>
              </>
            )}
          </Show>
          <ul>
            <li>
              <Link to="/account" aria-current={current('/account')}>
                {t('nav.account')}
              </Link>
            </li>
            <li>
              <Link to="/chapters/new" aria-current={current('/chapters/new')}>
                {t('nav.newChapter')}
              </Link>
            </li>
          </ul>
        </nav>
      }
    >
      {props.children}
    </Frame>
  );
}

/**
 * Picks the chapter; the choice lives in the URL (/c/:slug/...). A select plus a button, so
 * moving through the options with the keyboard does not navigate on every key press.
 */
function ChapterSwitcher(props: { current: Membership | undefined }) {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [choice, setChoice] = createSignal<string>();
  return (
    <Show
      when={session.memberships().length > 1}
      fallback={<span class="chapter-name">{props.current?.name}</span>}
    >
      <form
        class="chapter-switcher"
        onSubmit={(event) => {
          event.preventDefault();
          const slug = choice() ?? props.current?.slug ?? session.memberships()[0]?.slug;
          if (slug) navigate(`/c/${slug}`);
        }}
      >
        <label for="chapter-switcher">{t('nav.chapter')}</label>
        <select id="chapter-switcher" onChange={(event) => setChoice(event.currentTarget.value)}>
          <Show when={!props.current}>
            <option value="">{t('nav.chooseChapter')}</option>
          </Show>
          <For each={session.memberships()}>
            {(m) => (
              <option value={m.slug} selected={m.slug === props.current?.slug}>
                {m.name}
              </option>
            )}
          </For>
        </select>
        <button type="submit">{t('nav.switch')}</button>
      </form>
    </Show>
  );
}
