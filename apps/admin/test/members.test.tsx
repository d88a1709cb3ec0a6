import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { describe, expect, inject, it } from 'vitest';
import { renderAt } from './support.tsx';

const chapter = inject('chapter');
const accounts = inject('accounts');
const membersPath = `/c/${chapter.slug}/members`;
const title = `Members · ${chapter.name}`;

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

  it('asks before removing and changes a role', async () => {
    renderAt(membersPath, { as: 'owner' });
    await screen.findByRole('table');
    const select = screen.getByLabelText(`Change role of ${accounts.viewer.name}`);
    fireEvent.change(select, { target: { value: 'organizer' } });
    fireEvent.click(
      within(select.parentElement as HTMLElement).getByRole('button', { name: 'Apply' }),
    );
    await screen.findByText(`Role of ${accounts.viewer.name} changed.`);
    // Put it back for the other tests.
    const again = screen.getByLabelText(`Change role of ${accounts.viewer.name}`);
    expect(again).toHaveValue('organizer');
    fireEvent.change(again, { target: { value: 'viewer' } });
    fireEvent.click(
      within(again.parentElement as HTMLElement).getByRole('button', { name: 'Apply' }),
    );
    await screen.findByText(`Role of ${accounts.viewer.name} changed.`);

    fireEvent.click(screen.getByRole('button', { name: `Remove ${accounts.viewer.name}` }));
    const confirm = screen.getByRole('group', {
      name: `Remove ${accounts.viewer.name} from this chapter?`,
    });
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(confirm).getByRole('button', { name: 'Yes, remove' }),
      ),
    );
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: `Remove ${accounts.viewer.name}` })).toBeVisible();
  });
});
