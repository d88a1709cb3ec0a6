import { screen } from '@solidjs/testing-library';
import { expect, it } from 'vitest';
import { renderAt } from './support.tsx';

it('explains where the setup link comes from when there is no token', async () => {
  renderAt('/setup');
  await screen.findByRole('heading', { level: 1, name: 'Create the first account' });
  expect(screen.getByText(/setup link that the server printed/)).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Create my account' })).toBeNull();
});

it("says the instance is set up already instead of showing a spent link's form", async () => {
  // The test server has accounts: any setup link is spent.
  renderAt('/setup?token=not-a-real-token', { locale: 'fr' });
  await screen.findByRole('heading', { level: 1, name: 'Créer le premier compte' });
  await screen.findByText(/Ce Groundwork est déjà installé/);
  expect(screen.getByRole('link', { name: 'Se connecter' })).toHaveAttribute(
    'href',
    '/admin/sign-in',
  );
  expect(screen.queryByRole('button', { name: 'Créer mon compte' })).toBeNull();
  expect(screen.queryByLabelText('Mot de passe')).toBeNull();
});
