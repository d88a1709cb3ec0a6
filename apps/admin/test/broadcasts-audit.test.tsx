import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cookieFetch } from './cookies.ts';
import { signPublicly } from './pledge-fixture.ts';
import { apiAs, renderAt, testChapterId } from './support.tsx';

const chapter = inject('chapter');
let chapterId = '';
const slug = `audit-test-${Date.now()}`;
const email = `audit-${Date.now()}@example.org`;

// One signer of a pledge of our own, to erase (other test files keep their people).
beforeAll(async () => {
  const api = apiAs('organizer');
  chapterId = await testChapterId();
  const pledge = await api.pledges.create.mutate({
    chapterId,
    slug,
    goal: 10,
    defaultLocale: 'en',
    rateLimit: { burst: { points: 100, seconds: 1 }, sustained: { points: 100, seconds: 1 } },
    translations: { en: { title: 'Audit test pledge', body: 'Hello' } },
  });
  await api.pledges.publish.mutate({ chapterId, pledgeId: pledge.id });
  await signPublicly(slug, { email, name: 'Audit Person' });
});

describe('broadcasts, import and audit pages', () => {
  it('lets an organizer write a broadcast draft and shows its reach and preview', async () => {
    renderAt(`/c/${chapter.slug}/broadcasts?new`, { as: 'organizer' });
    fireEvent.input(await screen.findByLabelText('Subject'), {
      target: { value: 'Party on Saturday' },
    });
    fireEvent.input(screen.getByLabelText('Message (Markdown)'), {
      target: { value: 'Come **along**.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save the draft' }));
    await screen.findByText(/(person|people) will receive it \(current consent only\)/);
    const frame = (await screen.findByTitle('Preview')) as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    // The frame loads the mail from the server, which keeps its inline styles (own CSP).
    const src = frame.getAttribute('src') ?? '';
    expect(src).toMatch(
      new RegExp(`^/admin/api/broadcasts/[^/]+/preview\\.html\\?chapterId=${chapterId}&v=\\d+$`),
    );
    const url = inject('apiUrl');
    const html = await (
      await cookieFetch(url, new Map(inject('accounts').organizer.cookies))(`${url}${src}`)
    ).text();
    expect(html).toContain('Come <strong>along</strong>.');
    expect(html).toContain('style="');
    expect(screen.getByRole('button', { name: 'Send now' })).toBeInTheDocument();
    // An edit not saved yet: sending would send the stored version, so it asks to save first.
    fireEvent.input(screen.getByLabelText('Subject'), { target: { value: 'Party on Sunday' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test to myself' }));
    expect(await screen.findByText(/^Save the draft first/)).toBeInTheDocument();
    const [draft] = await apiAs('organizer').broadcasts.list.query({ chapterId });
    expect(draft).toMatchObject({ subject: 'Party on Saturday', status: 'draft' });
  });

  it('hides sending from viewers', async () => {
    const list = await apiAs('organizer').broadcasts.list.query({ chapterId });
    renderAt(`/c/${chapter.slug}/broadcasts?broadcast=${list[0]?.id}`, { as: 'viewer' });
    await screen.findByText(/(person|people) will receive it/);
    expect(screen.queryByRole('button', { name: 'Send now' })).toBeNull();
  });

  it('shows the audit log to organizers, with the erasures and exports', async () => {
    const api = apiAs('organizer');
    const people = await api.people.list.query({ chapterId, search: email });
    expect(people.items).toHaveLength(1);
    await api.people.erase.mutate({ chapterId, personId: people.items[0]?.id ?? '' });
    renderAt(`/c/${chapter.slug}/audit`, { as: 'organizer' });
    await screen.findByRole('heading', { level: 1, name: `Audit log · ${chapter.name}` });
    await waitFor(() => expect(screen.getAllByRole('row').length).toBeGreaterThan(1));
    // In words, with the stored name beside it (the filter's values).
    const erased = screen.getAllByRole('rowheader', { name: /^Erased a person person\.erased$/ });
    expect(erased.length).toBeGreaterThan(0);
    expect(screen.getByRole('option', { name: 'Erased a person' })).toHaveValue('person.erased');
    // Details in words, and a way to the person concerned (never their e-mail).
    expect(screen.getAllByText('through: admin').length).toBeGreaterThan(0);
    expect(screen.getAllByRole('link', { name: 'The person' })[0]).toHaveAttribute(
      'href',
      expect.stringMatching(/\/admin\/c\/[a-z0-9-]+\/people\?person=\w+$/),
    );
  });

  it('shows the import page with its file field', async () => {
    renderAt(`/c/${chapter.slug}/imports`, { as: 'organizer' });
    expect(await screen.findByLabelText('CSV file')).toBeInTheDocument();
  });
});
