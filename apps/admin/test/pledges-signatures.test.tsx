/** The signatures of a pledge in the admin: list, filters, detail, export link, statistics. */
import { cleanup, fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signedPledge } from './pledge-fixture.ts';
import { apiAs, renderAt } from './support.tsx';

const chapter = inject('chapter');
const base = `/c/${chapter.slug}/pledges`;
let chapterId = '';
let pledgeId = '';

beforeAll(async () => {
  ({ chapterId, pledgeId } = await signedPledge(
    `admin-signatures-${Date.now()}`,
    'Admin signatures pledge',
  ));
});

describe('a pledge’s signatures', () => {
  it('shows a viewer the signatures, a search, and one signature in detail, read-only', async () => {
    renderAt(`${base}?pledge=${pledgeId}`, { as: 'viewer' });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByText(/3 signatures/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Export CSV' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close signing' })).toBeNull();

    fireEvent.input(screen.getByLabelText('Search name or e-mail'), {
      target: { value: 'AMÉLIE' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.getByText(/1 signature\b/)).toBeInTheDocument());
    fireEvent.click(
      screen.getByRole('link', { name: 'Details of the signature of Amélie Poulain' }),
    );
    const heading = await screen.findByRole('heading', { level: 2, name: /Amélie Poulain/ });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('Why are you leaving?')).toBeInTheDocument();
    expect(screen.getByText('Data protection')).toBeInTheDocument();
    expect(screen.getByText('https://ally.example')).toBeInTheDocument();
  });

  it('keeps the filters in the address: a reload and the way back from a signature keep them', async () => {
    renderAt(`${base}?pledge=${pledgeId}`, { as: 'viewer' });
    await screen.findByRole('table');
    fireEvent.input(screen.getByLabelText('Search name or e-mail'), {
      target: { value: 'amélie' },
    });
    fireEvent.change(screen.getByLabelText('Sort'), { target: { value: 'oldest' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.getByText(/1 signature\b/)).toBeInTheDocument());
    const address = new URLSearchParams(window.location.search);
    expect(address.get('search')).toBe('amélie');
    expect(address.get('sort')).toBe('oldest');
    expect(address.get('pledge')).toBe(pledgeId);

    // The same address opened afresh: the same list, the form showing its filters.
    cleanup();
    renderAt(`${base}?${address}`, { as: 'viewer' });
    await waitFor(() => expect(screen.getByText(/1 signature\b/)).toBeInTheDocument());
    expect(screen.getByLabelText('Search name or e-mail')).toHaveValue('amélie');
    expect(screen.getByLabelText('Sort')).toHaveValue('oldest');

    fireEvent.click(
      screen.getByRole('link', { name: 'Details of the signature of Amélie Poulain' }),
    );
    const back = await screen.findByRole('link', { name: /Back to/ });
    fireEvent.click(back);
    await waitFor(() => expect(screen.getByText(/1 signature\b/)).toBeInTheDocument());
    expect(new URLSearchParams(window.location.search).get('search')).toBe('amélie');
  });

  it('gives an organizer the export link with the filters', async () => {
    renderAt(`${base}?pledge=${pledgeId}`, { as: 'organizer' });
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Source site'), {
      target: { value: 'https://ally.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => {
      const link = screen.getByRole('link', { name: 'Export CSV' });
      const href = new URL(link.getAttribute('href') ?? '', 'http://x');
      expect(href.pathname).toBe(`/admin/api/pledges/${pledgeId}/signatures.csv`);
      expect(href.searchParams.get('chapterId')).toBe(chapterId);
      expect(href.searchParams.get('source')).toBe('https://ally.example');
    });
  });

  it('draws the statistics as SVG bars with a table of the same figures', async () => {
    renderAt(`${base}?pledge=${pledgeId}&view=stats`, { as: 'viewer' });
    const chart = await screen.findByRole('img', { name: /Bar chart of signatures per day/ });
    expect(chart.querySelectorAll('rect')).toHaveLength(30);
    expect(screen.getByText(/3 confirmed, 0 waiting/)).toBeInTheDocument();
    const sources = screen.getByRole('rowheader', { name: 'https://ally.example' }).closest('tr');
    expect(within(sources as HTMLElement).getByText('3')).toBeInTheDocument();
    // Days as the page's language writes them, the ISO day kept for machines.
    const day = chart.closest('section')?.querySelector('table time') as HTMLTimeElement;
    expect(day.dateTime).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(day.textContent).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  });

  it('names the queued mails of the timeline in the admin’s language', async () => {
    const { items } = await apiAs('viewer').pledges.signatures.query({
      chapterId,
      pledgeId,
      search: 'bruno',
    });
    renderAt(`${base}?pledge=${pledgeId}&signature=${items[0]?.id}`, { as: 'viewer' });
    expect(await screen.findByText(/Thank-you e-mail queued/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Français' }));
    expect(await screen.findByText(/E-mail de remerciement en file d’attente/)).toBeInTheDocument();
    expect(screen.queryByText(/pledge-thanks/)).toBeNull();
  });
});
