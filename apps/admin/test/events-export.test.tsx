import { screen, waitFor } from '@solidjs/testing-library';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cookieFetch } from './cookies.ts';
import { apiAs, renderAt, testChapterId } from './support.tsx';

/* The attendee export is a plain link to the streamed CSV route, for organizers only. */
const chapter = inject('chapter');
const eventsPath = `/c/${chapter.slug}/events`;
let chapterId = '';
let eventId = '';

beforeAll(async () => {
  const api = apiAs('organizer');
  chapterId = await testChapterId();
  const list = await api.events.list.query({ chapterId });
  eventId = list.find((e) => e.slug === 'mass-cancellation-party')?.id ?? '';
});

describe('attendee export link', () => {
  it('links organizers to the streamed CSV, which downloads with their session', async () => {
    renderAt(`${eventsPath}?event=${eventId}`, { as: 'organizer' });
    const link = await screen.findByRole('link', { name: 'Export CSV' });
    const href = new URL(link.getAttribute('href') ?? '', 'http://x');
    expect(href.pathname).toBe(`/admin/api/events/${eventId}/attendees.csv`);
    expect(href.searchParams.get('chapterId')).toBe(chapterId);
    const url = inject('apiUrl');
    const jar = new Map(inject('accounts').organizer.cookies);
    const res = await cookieFetch(url, jar)(`${url}${href.pathname}${href.search}`);
    expect(res.status).toBe(200);
    // (text() drops the byte-order mark.)
    expect((await res.text()).split('\r\n')[0]).toBe(
      'name,email,status,code,source,registered_at,checked_in_at',
    );
  });

  it('shows no export to viewers', async () => {
    renderAt(`${eventsPath}?event=${eventId}`, { as: 'viewer' });
    await waitFor(() => expect(screen.getByRole('table')).toBeInTheDocument());
    expect(screen.queryByRole('link', { name: 'Export CSV' })).toBeNull();
  });
});
