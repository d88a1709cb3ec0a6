import type { Component } from 'solid-js';
import type { Membership, Role } from './api/client.ts';
import type { Localized, MessageKey } from './i18n/index.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { BroadcastsPage } from './pages/broadcasts/BroadcastsPage.tsx';
import { ChapterSettingsPage } from './pages/ChapterSettingsPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { EventsPage } from './pages/events/EventsPage.tsx';
import { ImportsPage } from './pages/imports/ImportsPage.tsx';
import { MembersPage } from './pages/MembersPage.tsx';
import { OutboxPage } from './pages/outbox/OutboxPage.tsx';
import { PeoplePage } from './pages/people/PeoplePage.tsx';
import { PledgesPage } from './pages/pledges/PledgesPage.tsx';

/** What every chapter page receives: the chapter from the URL, with the user's role in it. */
export interface ChapterPageProps {
  chapter: Membership;
}

export interface ChapterPage {
  /** Path under `/admin/c/:chapter/`; '' is the chapter's dashboard. */
  path: string;
  /** The navigation label: a key of the shared dictionaries or `{ en, fr }`. */
  label: MessageKey | Localized;
  /** The least role that sees the page (and its navigation entry). */
  minRole: Role;
  page: Component<ChapterPageProps>;
}

/**
 * The pages of a chapter, in navigation order. To add one: import it and add a line
 * (see README.md, "Adding a page").
 */
export const chapterPages: ChapterPage[] = [
  { path: '', label: 'nav.dashboard', minRole: 'viewer', page: DashboardPage },
  {
    path: 'pledges',
    label: { en: 'Pledges', fr: 'Engagements' },
    minRole: 'viewer',
    page: PledgesPage,
  },
  {
    path: 'events',
    label: { en: 'Events', fr: 'Événements' },
    minRole: 'viewer',
    page: EventsPage,
  },
  {
    path: 'people',
    label: { en: 'People', fr: 'Personnes' },
    minRole: 'viewer',
    page: PeoplePage,
  },
  {
    path: 'broadcasts',
    label: { en: 'Broadcasts', fr: 'Envois groupés' },
    minRole: 'viewer',
    page: BroadcastsPage,
  },
  {
    path: 'imports',
    label: { en: 'Import', fr: 'Import' },
    minRole: 'organizer',
    page: ImportsPage,
  },
  {
    path: 'audit',
    label: { en: 'Audit log', fr: 'Journal d’audit' },
    minRole: 'organizer',
    page: AuditPage,
  },
  { path: 'members', label: 'nav.members', minRole: 'viewer', page: MembersPage },
  {
    path: 'outbox',
    label: { en: 'Outbox', fr: 'Boîte d’envoi' },
    minRole: 'viewer',
    page: OutboxPage,
  },
  { path: 'settings', label: 'nav.settings', minRole: 'owner', page: ChapterSettingsPage },
];
