import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { expect, inject, it } from 'vitest';
import { apiAs, renderAt } from './support.tsx';

it('lists the active sessions with this device marked', async () => {
  renderAt('/account', { as: 'owner' });
  await screen.findByRole('heading', { level: 1, name: 'My account' });
  const sessions = await screen.findByRole('table');
  expect(within(sessions).getByText(/this device/)).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Sign out everywhere' })).toBeVisible();
  expect(screen.getByLabelText('Name')).toHaveValue(inject('accounts').owner.name);
  // The way back to the chapters, even with a single chapter (no switcher then).
  fireEvent.click(screen.getByRole('link', { name: 'Groundwork' }));
  await waitFor(() =>
    expect(screen.queryByRole('heading', { level: 1, name: 'My account' })).toBeNull(),
  );
});

it('checks the new password twice before sending, then reports a wrong current one', async () => {
  renderAt('/account', { as: 'organizer' });
  await screen.findByRole('heading', { level: 1, name: 'My account' });
  fireEvent.input(screen.getByLabelText('Current password'), { target: { value: 'wrong one!' } });
  fireEvent.input(screen.getByLabelText('New password'), { target: { value: 'brand new secret' } });
  fireEvent.input(screen.getByLabelText('Repeat the password'), {
    target: { value: 'brand new secreT' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Change the password' }));
  const repeat = screen.getByLabelText('Repeat the password');
  expect(repeat).toHaveAccessibleDescription('The two passwords are different.');
  expect(document.activeElement).toBe(repeat);

  fireEvent.input(repeat, { target: { value: 'brand new secret' } });
  fireEvent.click(screen.getByRole('button', { name: 'Change the password' }));
  // The server names the field that is wrong (data.fields.currentPassword).
  const current = screen.getByLabelText('Current password');
  await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'));
  expect(repeat).not.toHaveAttribute('aria-invalid');
  expect(current).toHaveAccessibleDescription('Wrong password.');
  expect(document.activeElement).toBe(current);
});

it('follows the chapter switcher and the role in the navigation', async () => {
  const chapter = inject('chapter');
  renderAt(`/c/${chapter.slug}`, { as: 'owner' });
  await screen.findByRole('heading', { level: 1, name: `Dashboard · ${chapter.name}` });
  const nav = screen.getByRole('navigation', { name: 'Main' });
  expect(within(nav).getByRole('link', { name: 'Chapter settings' })).toBeVisible();
  expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  fireEvent.click(within(nav).getByRole('link', { name: 'Members' }));
  await screen.findByRole('heading', { level: 1, name: `Members · ${chapter.name}` });
  expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
  expect(document.title).toBe(`Members · ${chapter.name} · Groundwork`);
});

it('sends someone whose session ended back to sign-in, then to the same page', async () => {
  // A fresh account with its own session, so the shared ones stay signed in.
  const owner = apiAs('owner');
  const paris = inject('chapter');
  const status = await owner.auth.status.query();
  const chapterId = status.memberships.find((m) => m.slug === paris.slug)?.chapterId ?? '';
  const invite = await owner.members.invite.mutate({
    chapterId,
    email: 'leaving@example.org',
    role: 'viewer',
  });
  const api = apiAs('nobody');
  await api.auth.acceptInvitation.mutate({
    token: new URL(invite.url, 'http://x').searchParams.get('token') ?? '',
    name: 'Lou Leaving',
    password: 'leaving password 1',
  });

  renderAt('/account', { api });
  await screen.findByRole('heading', { level: 1, name: 'My account' });
  await api.auth.signOut.mutate(); // as if from another tab
  fireEvent.click(screen.getByRole('button', { name: 'Save the profile' }));
  await screen.findByRole('heading', { level: 1, name: 'Sign in' });
  expect(window.location.search).toBe(`?next=${encodeURIComponent('/account')}`);
});
