import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { describe, expect, inject, it } from 'vitest';
import type { Api } from '../src/api/client.ts';
import { apiAs, renderAt } from './support.tsx';

const chapter = inject('chapter');
const accounts = inject('accounts');
const membersPath = `/c/${chapter.slug}/members`;
const title = `Members · ${chapter.name}`;

async function chapterOf(api: Api) {
  const status = await api.auth.status.query();
  const found = status.memberships.find((m) => m.slug === chapter.slug);
  if (!found) throw new Error('not a member of the demo chapter');
  return found;
}

describe('members page', () => {
  it('shows a viewer the list but no controls', async () => {
    renderAt(membersPath, { as: 'viewer' });
    await screen.findByRole('heading', { level: 1, name: title });
    const table = await screen.findByRole('table');
    expect(within(table).getByText(accounts.owner.email)).toBeInTheDocument();
    expect(screen.getByText('Your role lets you see the members, not change them.')).toBeVisible();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Invite someone' })).toBeNull();
    // Owner-only navigation is hidden too.
    expect(screen.queryByRole('link', { name: 'Chapter settings' })).toBeNull();
  });

  it('lets an organizer manage viewers but not the owner', async () => {
    renderAt(membersPath, { as: 'organizer' });
    await screen.findByRole('table');
    expect(screen.getByRole('button', { name: `Remove ${accounts.viewer.name}` })).toBeVisible();
    expect(screen.queryByRole('button', { name: `Remove ${accounts.owner.name}` })).toBeNull();
    expect(screen.queryByRole('button', { name: `Remove ${accounts.organizer.name}` })).toBeNull();
    const roles = screen.getByLabelText(`Change role of ${accounts.viewer.name}`);
    expect(within(roles).queryByRole('option', { name: 'Owner' })).toBeNull();
  });

  it('lets the owner invite, see the link, and revoke it', async () => {
    renderAt(membersPath, { as: 'owner' });
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Create the invitation link' }));
    const email = screen.getByLabelText('E-mail');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(email);

    fireEvent.input(email, { target: { value: 'newcomer@example.org' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'viewer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create the invitation link' }));
    const link = (await screen.findByLabelText('Invitation link')) as HTMLInputElement;
    expect(link.value).toMatch(/\/admin\/invite\?token=/);
    expect(screen.getByRole('button', { name: 'Copy the link' })).toBeVisible();

    const revoke = await screen.findByRole('button', {
      name: 'Revoke the invitation for newcomer@example.org',
    });
    fireEvent.click(revoke);
    await screen.findByText('Invitation for newcomer@example.org revoked.');
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Revoke the invitation for newcomer@example.org' }),
      ).toBeNull(),
    );
  });

  it('changes a role, asks before removing, and removes', async () => {
    // A member of its own, so the shared accounts keep their roles for tests running alongside.
    const owner = apiAs('owner');
    const { chapterId } = await chapterOf(owner);
    const invite = await owner.members.invite.mutate({
      chapterId,
      email: 'temporary@example.org',
      role: 'viewer',
    });
    const token = new URL(invite.url, 'http://x').searchParams.get('token') ?? '';
    await apiAs('nobody').auth.acceptInvitation.mutate({
      token,
      name: 'Tim Temporary',
      password: 'temporary password 1',
    });

    renderAt(membersPath, { as: 'owner' });
    const select = await screen.findByLabelText('Change role of Tim Temporary');
    fireEvent.change(select, { target: { value: 'organizer' } });
    fireEvent.click(
      within(select.parentElement as HTMLElement).getByRole('button', { name: 'Apply' }),
    );
    await screen.findByText('Role of Tim Temporary changed.');
    expect(screen.getByLabelText('Change role of Tim Temporary')).toHaveValue('organizer');

    fireEvent.click(screen.getByRole('button', { name: 'Remove Tim Temporary' }));
    const confirm = screen.getByRole('group', { name: 'Remove Tim Temporary from this chapter?' });
    const yes = within(confirm).getByRole('button', { name: 'Yes, remove' });
    await waitFor(() => expect(document.activeElement).toBe(yes));
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Remove Tim Temporary' })).toBeVisible();

    fireEvent.click(screen.getByRole('button', { name: 'Remove Tim Temporary' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    await screen.findByText('Tim Temporary was removed.');
    await waitFor(() => expect(screen.queryByText('temporary@example.org')).toBeNull());
  });
});
