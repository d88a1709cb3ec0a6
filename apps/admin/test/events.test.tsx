import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parseQuestions } from '../src/pages/events/EventForm.tsx';
import { apiAs, renderAt, testChapterId } from './support.tsx';

const chapter = inject('chapter');
const eventsPath = `/c/${chapter.slug}/events`;
let chapterId = '';
let eventId = '';
let code = '';

// A real RSVP on the demo event, through the public API.
beforeAll(async () => {
  const res = await fetch(`${inject('apiUrl')}/api/v1/events/mass-cancellation-party/rsvps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `door-${Date.now()}@example.org`, name: 'Door Test' }),
  });
  expect(res.status).toBe(201);
  const api = apiAs('organizer');
  chapterId = await testChapterId();
  const list = await api.events.list.query({ chapterId });
  eventId = list.find((e) => e.slug === 'mass-cancellation-party')?.id ?? '';
  const attendees = await api.events.attendees.query({ chapterId, eventId, search: 'Door Test' });
  code = attendees[0]?.code ?? '';
});

describe('events pages', () => {
  it('reads RSVP questions typed one per line', () => {
    expect(parseQuestions('*Régime ? | Végétarien | Vegan\nUne remarque ?\n', 'fr')).toEqual([
      {
        id: 'regime',
        kind: 'single',
        required: true,
        label: { fr: 'Régime ?' },
        options: [
          { id: 'vegetarien', label: { fr: 'Végétarien' } },
          { id: 'vegan', label: { fr: 'Vegan' } },
        ],
      },
      {
        id: 'une-remarque',
        kind: 'text',
        required: false,
        label: { fr: 'Une remarque ?' },
        options: [],
      },
    ]);
  });

  it('shows the next events on the chapter dashboard', async () => {
    renderAt(`/c/${chapter.slug}`, { as: 'viewer' });
    await screen.findByRole('heading', { level: 2, name: 'Upcoming events' });
    expect(
      await screen.findByRole('link', { name: 'Soirée de résiliation collective' }),
    ).toBeVisible();
  });

  it('lists the demo event for a viewer, without the organizer actions', async () => {
    renderAt(eventsPath, { as: 'viewer' });
    await screen.findByRole('heading', { level: 1, name: `Events · ${chapter.name}` });
    expect(
      await screen.findByRole('link', { name: 'Soirée de résiliation collective' }),
    ).toBeVisible();
    expect(screen.queryByRole('link', { name: 'New event' })).toBeNull();
  });

  it('creates a draft event with times in its own zone, and names a wrong field', async () => {
    renderAt(`${eventsPath}?new`, { as: 'organizer' });
    await screen.findByRole('heading', { level: 1, name: `New event · ${chapter.name}` });
    fireEvent.input(screen.getByLabelText('Title (French)'), { target: { value: 'Atelier' } });
    fireEvent.input(screen.getByLabelText('Address (slug)'), { target: { value: 'Bad Slug' } });
    fireEvent.input(screen.getByLabelText('Starts (local time)'), {
      target: { value: '2027-03-28T10:00' },
    });
    fireEvent.input(screen.getByLabelText('Ends (local time)'), {
      target: { value: '2027-03-28T12:00' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Address (slug)').getAttribute('aria-invalid')).toBe('true'),
    );
    const slug = `atelier-${Date.now()}`;
    fireEvent.input(screen.getByLabelText('Address (slug)'), { target: { value: slug } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { level: 1, name: `Atelier · ${chapter.name}` });
    const saved = (await apiAs('organizer').events.list.query({ chapterId })).find(
      (e) => e.title === 'Atelier',
    );
    expect(saved?.status).toBe('draft');
    // 10:00 in Paris on the day summer time starts is 08:00 UTC.
    expect(saved?.startsAt).toBe('2027-03-28T08:00:00.000Z');
  });

  it('checks an attendee in by code on the check-in screen', async () => {
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    renderAt(`${eventsPath}?event=${eventId}&view=checkin`, { as: 'organizer' });
    const input = await screen.findByLabelText('Check-in code');
    fireEvent.input(input, { target: { value: code.toLowerCase() } });
    fireEvent.click(screen.getByRole('button', { name: 'Check in' }));
    await screen.findByText('Door Test is checked in.');
    const counts = await apiAs('viewer').events.counts.query({ chapterId, eventId });
    expect(counts.arrived).toBeGreaterThanOrEqual(1);
    const status = screen.getByText(/arrived \/ \d+ expected/);
    await waitFor(() => expect(status.textContent).toMatch(/^[1-9]\d* arrived/));
    expect(within(document.body).queryByText('Scan a QR code')).toBeNull(); // no BarcodeDetector in jsdom
  });
});
