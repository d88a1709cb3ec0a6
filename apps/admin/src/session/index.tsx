import {
  createContext,
  createEffect,
  createResource,
  createSignal,
  type JSX,
  on,
  type Resource,
  useContext,
} from 'solid-js';
import type { AuthStatus, Membership, Role, SignedInUser } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { isLocale, storedLocale, useI18n } from '../i18n/index.tsx';

const rank: Record<Role, number> = { viewer: 0, organizer: 1, owner: 2 };

/**
 * True when `role` is at least `least`.
 *
 * @example
 * hasRole('organizer', 'viewer') // → true
 */
export function hasRole(role: Role | undefined, least: Role): boolean {
  return role !== undefined && rank[role] >= rank[least];
}

export interface Session {
  status: Resource<AuthStatus>;
  user(): SignedInUser | null;
  memberships(): Membership[];
  membership(slug: string | undefined): Membership | undefined;
  /** The chapter last opened, so pages outside a chapter (account) can link back to it. */
  lastChapter(): string | undefined;
  setLastChapter(slug: string): void;
  /** Reloads `auth.status` (after sign-in, profile or membership changes). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session>();

/** Loads who is signed in; follows the user's saved locale. */
export function SessionProvider(props: { children: JSX.Element }) {
  const api = useApi();
  const i18n = useI18n();
  const [status, { refetch }] = createResource(() => api.auth.status.query());
  const [lastChapter, setLastChapter] = createSignal<string>();
  // `latest` keeps the previous answer while refetching, so guards do not flash "signed out".
  const current = () => (status.state === 'errored' ? undefined : status.latest);
  const user = () => current()?.user ?? null;
  // Apply the profile's locale when someone signs in, not on every refetch, and only in a
  // browser where nobody chose a language by hand (the header switch, remembered).
  createEffect(
    on(
      () => [user()?.id, user()?.locale] as const,
      ([id, locale]) => {
        if (id && isLocale(locale) && !storedLocale()) i18n.setLocale(locale);
      },
    ),
  );
  const session: Session = {
    status,
    user,
    memberships: () => current()?.memberships ?? [],
    membership: (slug) => session.memberships().find((m) => m.slug === slug),
    lastChapter,
    setLastChapter,
    refresh: async () => {
      await refetch();
    },
    signOut: async () => {
      await api.auth.signOut.mutate();
      await refetch();
    },
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a <SessionProvider> above it');
  return session;
}
