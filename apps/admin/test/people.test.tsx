import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signPublicly } from './pledge-fixture.ts';
import { apiAs, renderAt, testChapterId } from './support.tsx';

const chapter = inject('chapter');
const base = `/c/${chapter.slug}/people`;
const slug = `people-test-${Date.now()}`;
let chapterId = '';

// Two signers of a pledge of our own (the demo chapter may have other people too).
beforeAll(async () => {
  const api = apiAs('organizer');
  chapterId = await testChapterId();
  const pledge = await api.pledges.create.mutate({
    chapterId,
    slug,
    goal: 100,
    defaultLocale: 'en',
    rateLimit: { burst: { points: 100, seconds: 1 }, sustained: { points: 100, seconds: 1 } },
    translations: { en: { title: 'People test pledge', body: 'Hello' } },
  });
  await api.pledges.publish.mutate({ chapterId, pledgeId: pledge.id });
  for (const [email, name] of [
    ['people-odile@example.org', 'Odile Peopletest'],
    ['people-paul@example.org', 'Paul Peopletest'],
  ]) {
    await signPublicly(slug, { email, name });
  }
});

describe('people pages', () => {
  it('searches people and opens a person with their timeline; viewers cannot erase', async () => {
    renderAt(base, { as: 'viewer' });
    await screen.findByRole('heading', { level: 1, name: `People · ${chapter.name}` });
    fireEvent.input(screen.getByLabelText('Search (name, e-mail, postal code)'), {
      target: { value: 'peopletest' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.getByText(/^2 people/)).toBeInTheDocument());
    expect(screen.queryByRole('link', { name: 'Export these people (CSV)' })).toBeNull();
    fireEvent.click(screen.getByRole('link', { name: 'Odile Peopletest' }));
    await screen.findByRole('heading', { level: 1, name: `Odile Peopletest · ${chapter.name}` });
    const timeline = screen.getByRole('heading', { level: 2, name: 'Timeline' }).nextElementSibling;
    expect(
      within(timeline as HTMLElement).getByText(/Signed: People test pledge \(confirmed\)/),
    ).toBeInTheDocument();
    // Mails, consents and statuses in words, not as stored codes.
    expect(timeline?.textContent).toContain('E-mail: Thank-you after signing');
    expect(timeline?.textContent).not.toMatch(/pledge-thanks|\(logged\)|\(sent\)/);
    expect(screen.queryByRole('button', { name: 'Erase this person' })).toBeNull();

    // Back from the person: the list as it was filtered (the filters are in the address).
    window.history.back();
    await waitFor(() => expect(screen.getByText(/^2 people/)).toBeInTheDocument());
    expect(new URLSearchParams(window.location.search).get('search')).toBe('peopletest');
    expect(screen.getByLabelText('Search (name, e-mail, postal code)')).toHaveValue('peopletest');
  });

  it('says beside the merge field when no one has that e-mail', async () => {
    const people = await apiAs('organizer').people.list.query({ chapterId, search: 'odile' });
    const odile = people.items.find((p) => p.email === 'people-odile@example.org');
    renderAt(`${base}?person=${odile?.id}`, { as: 'organizer' });
    await screen.findByRole('heading', { level: 1, name: `Odile Peopletest · ${chapter.name}` });
    const field = screen.getByLabelText('E-mail of the duplicate');
    fireEvent.input(field, { target: { value: 'nobody-here@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(field).toHaveAccessibleDescription('Nobody with this e-mail.'));
    expect(field).toHaveAttribute('aria-invalid', 'true');
  });

  it('lets an organizer create a tag, tag the filtered selection, and export it', async () => {
    renderAt(base, { as: 'organizer' });
    await screen.findByRole('heading', { level: 1, name: `People · ${chapter.name}` });
    fireEvent.input(screen.getByLabelText('New tag'), { target: { value: `Stall ${slug}` } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await screen.findByText(`Stall ${slug} (0)`);
    fireEvent.input(screen.getByLabelText('Search (name, e-mail, postal code)'), {
      target: { value: 'peopletest' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.getByText(/^2 people/)).toBeInTheDocument());
    const select = screen.getAllByLabelText('Tag')[1] as HTMLSelectElement;
    const option = within(select).getByText(`Stall ${slug}`) as HTMLOptionElement;
    fireEvent.change(select, { target: { value: option.value } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the tag' }));
    await screen.findByText('2 people changed.');
    // The tags section counts them at once, not after a reload.
    await screen.findByText(`Stall ${slug} (2)`);
    const link = screen.getByRole('link', { name: 'Export these people (CSV)' });
    expect(link.getAttribute('href')).toContain('search=peopletest');
  });
});
