import {
  createContext,
  createMemo,
  createSignal,
  type JSX,
  onCleanup,
  splitProps,
  useContext,
} from 'solid-js';

/**
 * A small client-side router on the History API. The admin has a dozen routes and no nested
 * data loading, so this is all it needs: match a path pattern, expose its params, navigate.
 */

/** Where the admin is served; every route path below is relative to it. */
export const BASE = '/admin';

export interface Location {
  /** The path without the base, always starting with `/` (e.g. `/c/paris/members`). */
  path: string;
  search: URLSearchParams;
}

interface RouterState {
  location: () => Location;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterState>();

function readLocation(): Location {
  const { pathname, search } = window.location;
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return { path: path === '' ? '/' : path, search: new URLSearchParams(search) };
}

/** The full URL of an admin path: `href('/account')` → `/admin/account`. */
export function href(to: string): string {
  return `${BASE}${to.startsWith('/') ? to : `/${to}`}`;
}

/** Provides the current location; listens to back/forward. */
export function Router(props: { children: JSX.Element }) {
  const [location, setLocation] = createSignal(readLocation());
  const onPop = () => setLocation(readLocation());
  window.addEventListener('popstate', onPop);
  onCleanup(() => window.removeEventListener('popstate', onPop));
  const navigate = (to: string, options: { replace?: boolean } = {}) => {
    const url = href(to);
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setLocation(readLocation());
  };
  return (
    <RouterContext.Provider value={{ location, navigate }}>{props.children}</RouterContext.Provider>
  );
}

function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter needs a <Router> above it');
  return router;
}

/** The current location, reactive. */
export function useLocation(): () => Location {
  return useRouter().location;
}

/** Navigates inside the admin: `navigate('/account')`. */
export function useNavigate(): RouterState['navigate'] {
  return useRouter().navigate;
}

/**
 * Matches `path` against a pattern such as `/c/:chapter/members`. Returns the params, or null.
 *
 * @example
 * matchPath('/c/:chapter', '/c/paris') // → { chapter: 'paris' }
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

export interface Route {
  path: string;
  render: (params: Record<string, string>) => JSX.Element;
}

/** Renders the first route whose pattern matches the current path, else `fallback`. */
export function Routes(props: { routes: Route[]; fallback: () => JSX.Element }) {
  const location = useLocation();
  const matched = createMemo(
    () => {
      const path = location().path;
      for (const route of props.routes) {
        const params = matchPath(route.path, path);
        if (params) return { route, params, key: `${route.path}|${JSON.stringify(params)}` };
      }
      return null;
    },
    undefined,
    // Re-render only when the route or its params change, not on every query-string change.
    { equals: (a, b) => a?.key === b?.key },
  );
  return <>{renderMatch(matched(), props.fallback)}</>;
}

function renderMatch(
  match: { route: Route; params: Record<string, string> } | null,
  fallback: () => JSX.Element,
): JSX.Element {
  return match ? match.route.render(match.params) : fallback();
}

/** An in-app link: a real `<a href>` (open in new tab works) that navigates without reload. */
export function Link(props: JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const [local, rest] = splitProps(props, ['to', 'onClick']);
  const navigate = useNavigate();
  return (
    <a
      {...rest}
      href={href(local.to)}
      onClick={(event) => {
        if (typeof local.onClick === 'function') local.onClick(event);
        if (event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(local.to);
      }}
    />
  );
}
