import { cleanup, fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { signedPledge, signPublicly } from './pledge-fixture.ts';
import { apiAs, renderAt } from './support.tsx';

const chapter = inject('chapter');
const base = `/c/${chapter.slug}/pledges`;
const slug = `admin-test-${Date.now()}`;
let chapterId = '';
let pledgeId = '';

beforeAll(async () => {
  ({ chapterId, pledgeId } = await signedPledge(slug, 'Admin test pledge'));
});

describe('pledge pages', () => {
  it('lists the pledges with status and count', async () => {
    renderAt(base, { as: 'viewer' });
    await screen.findByRole('heading', { level: 1, name: `Pledges · ${chapter.name}` });
    const row = (await screen.findByRole('link', { name: 'Admin test pledge' })).closest('tr');
    expect(within(row as HTMLElement).getByText('Live')).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText('3 of 100')).toBeInTheDocument();
    // Viewers read only.
    expect(screen.queryByRole('link', { name: 'New pledge' })).toBeNull();
  });

  it('creates a pledge with a live preview rendered by the server, then publishes it', {
    timeout: 60_000,
  }, async () => {
    renderAt(`${base}?new`, { as: 'organizer' });
    await screen.findByRole('heading', { level: 1, name: `New pledge · ${chapter.name}` });
    expect(screen.getByLabelText('Address (slug)')).not.toHaveAccessibleDescription(
      /breaks every link/,
    );
    fireEvent.input(screen.getByLabelText('Address (slug)'), { target: { value: `${slug}-2` } });
    const [frTitle] = screen.getAllByLabelText('Title');
    fireEvent.input(frTitle as HTMLElement, { target: { value: 'Je résilie' } });
    const [frBody] = screen.getAllByLabelText('Text (Markdown)');
    fireEvent.input(frBody as HTMLElement, {
      target: { value: '**Ensemble** <img src=x onerror=alert(1)>' },
    });
    const preview = screen.getByRole('complementary', { name: 'Preview' });
    await waitFor(() => expect(preview.querySelector('strong')?.textContent).toBe('Ensemble'));
    expect(preview.querySelector('img')).toBeNull();
    expect(within(preview).getByRole('heading', { name: 'Je résilie' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Add a question' }));
    fireEvent.input(screen.getByLabelText('Identifier'), { target: { value: 'why' } });
    fireEvent.input(screen.getByLabelText('Label (French)'), { target: { value: 'Pourquoi ?' } });
    fireEvent.input(screen.getByLabelText(/^Options, one per line/), {
      target: { value: 'privacy | Vie privée | Privacy\nprice | Prix | Price' },
    });
    await waitFor(() =>
      expect(within(preview).getByText('Vie privée', { exact: false })).toBeInTheDocument(),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { level: 1, name: `Je résilie · ${chapter.name}` });
    expect(screen.getByText('Draft')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByText('The pledge is live.');
    // Closing stops signing everywhere at once: it asks first, and "Cancel" changes nothing.
    const asked = vi.spyOn(window, 'confirm').mockReturnValueOnce(false);
    fireEvent.click(await screen.findByRole('button', { name: 'Close signing' }));
    expect(asked).toHaveBeenCalledWith(expect.stringMatching(/^Close signing\?/));
    asked.mockRestore();
    expect(screen.getByRole('button', { name: 'Close signing' })).toBeInTheDocument();
  });

  it('shows the server’s field errors next to the fields', async () => {
    renderAt(`${base}?new`, { as: 'organizer' });
    await screen.findByRole('heading', { level: 1, name: `New pledge · ${chapter.name}` });
    fireEvent.input(screen.getByLabelText('Address (slug)'), { target: { value: 'Not A Slug' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const field = screen.getByLabelText('Address (slug)');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByRole('alert')).toHaveTextContent(/Address \(slug\)/);
  });

  it('refuses a goal that is not a whole number, naming the field, and never rounds it', async () => {
    renderAt(`${base}?pledge=${pledgeId}&view=edit`, { as: 'organizer' });
    const goal = await screen.findByLabelText('Goal (signatures)');
    // A published pledge's address is out in the world: the form says what renaming breaks.
    expect(screen.getByLabelText('Address (slug)')).toHaveAccessibleDescription(
      /breaks every link already shared/,
    );
    fireEvent.input(goal, { target: { value: '1.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(goal).toHaveAttribute('aria-invalid', 'true'));
    // The error summary links each message to its field, named by its label.
    const summary = (message: string) => `Goal (signatures): ${message}`;
    expect(screen.getByRole('link', { name: summary('Must be a whole number.') })).toBeVisible();
    expect(screen.queryByText('Saved.')).toBeNull();
    fireEvent.input(goal, { target: { value: '2000000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByRole('link', { name: summary('At most 1,000,000,000.') }),
    ).toBeVisible();
    const { pledge } = await apiAs('viewer').pledges.get.query({ chapterId, pledgeId });
    expect(pledge.goal).toBe(100);
  });

  it('speaks French', async () => {
    renderAt(base, { as: 'viewer' });
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Français' }));
    await screen.findByRole('heading', { level: 1, name: `Engagements · ${chapter.name}` });
    expect(
      await screen.findByRole('columnheader', { name: 'Signatures / objectif' }),
    ).toBeInTheDocument();
  });

  it('says one pending signature and one referrer in good French', async () => {
    const other = await confirmingPledgeWithReferral();
    // The signed-in account's language wins over the one given here: switch as a person would.
    const inFrench = async () => {
      await screen.findByRole('button', { name: 'Sign out' });
      fireEvent.click(screen.getByRole('button', { name: 'Français' }));
      await screen.findByRole('button', { name: 'Se déconnecter' });
    };
    renderAt(base, { as: 'viewer' });
    await inFrench();
    const row = async (title: string) =>
      within((await screen.findByRole('link', { name: title })).closest('tr') as HTMLElement);
    expect((await row(other.title)).getByText(/\(2 non confirmées\)/)).toBeInTheDocument();
    expect((await row('Un seul en attente')).getByText(/\(1 non confirmée\)/)).toBeInTheDocument();
    cleanup();

    renderAt(`${base}?pledge=${other.id}&view=stats`, { as: 'viewer' });
    await inFrench();
    expect(
      // Exact, no-break spaces included (the percent's is narrow or not, by ICU version).
      await screen.findByText('0 confirmée, 2 en attente\u00a0: 0\u00a0% confirmées.', {
        normalizer: (s) => s.replace(/\u202f/g, '\u00a0'),
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`Dora (${other.doraCode})\u00a0: 1`, { normalizer: (s) => s }),
    ).toBeInTheDocument();
  });
});

/**
 * A second pledge that asks for an e-mail confirmation (its signatures stay pending): Dora
 * signs, Eli signs through Dora's share link. Another pledge of the chapter has 1 pending.
 */
async function confirmingPledgeWithReferral() {
  const api = apiAs('organizer');
  const make = async (suffix: string, title: string) => {
    const pledge = await api.pledges.create.mutate({
      chapterId,
      slug: `${slug}-${suffix}`,
      goal: 10,
      defaultLocale: 'fr',
      requiresConfirmation: true,
      rateLimit: { burst: { points: 100, seconds: 1 }, sustained: { points: 100, seconds: 1 } },
      translations: { fr: { title } },
    });
    await api.pledges.publish.mutate({ chapterId, pledgeId: pledge.id });
    return pledge;
  };
  const other = await make('fr', 'Engagement à confirmer');
  await signPublicly(other.slug, { email: 'dora@example.org', name: 'Dora' });
  const { items } = await api.pledges.signatures.query({ chapterId, pledgeId: other.id });
  const doraCode = items[0]?.referralCode ?? '';
  await signPublicly(other.slug, { email: 'eli@example.org', name: 'Eli', ref: doraCode });
  const single = await make('one', 'Un seul en attente');
  await signPublicly(single.slug, { email: 'fanny@example.org' });
  return { id: other.id, title: 'Engagement à confirmer', doraCode };
}
