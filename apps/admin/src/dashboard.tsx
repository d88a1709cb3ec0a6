import type { Component } from 'solid-js';
import type { Role } from './api/client.ts';
import { EventsSummary } from './pages/events/EventsSummary.tsx';
import type { ChapterPageProps } from './routes.tsx';

export interface DashboardCard {
  /** The least role that sees the card. */
  minRole: Role;
  card: Component<ChapterPageProps>;
}

/**
 * Summaries on a chapter's dashboard, in order. A module adds its own with one import and one
 * line (e.g. `{ minRole: 'viewer', card: PledgesSummary }`); each card renders a `<section>`
 * with an `<h2>`.
 */
export const dashboardCards: DashboardCard[] = [{ minRole: 'viewer', card: EventsSummary }];
