import { fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { expect, it } from 'vitest';
import { renderAt } from './support.tsx';

it('explains where the setup link comes from when there is no token', async () => {
  renderAt('/setup');
  await screen.findByRole('heading', { level: 1, name: 'Create the first account' });
  expect(screen.getByText(/setup link that the server printed/)).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Create my account' })).toBeNull();
});

it('checks the fields in the browser, then shows what the server refuses', async () => {
  renderAt('/setup?token=not-a-real-token', { locale: 'fr' });
  await screen.findByRole('heading', { level: 1, name: 'Créer le premier compte' });
  fireEvent.input(screen.getByLabelText('Nom'), { target: { value: 'Late Comer' } });
  fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'late@example' } });
  fireEvent.input(screen.getByLabelText('Mot de passe'), { target: { value: 'short' } });
  fireEvent.click(screen.getByRole('button', { name: 'Créer mon compte' }));
  expect(screen.getByLabelText('E-mail')).toHaveAccessibleDescription(
    'Veuillez saisir une adresse e-mail comme nom@exemple.org.',
  );
  expect(screen.getByLabelText('Mot de passe')).toHaveAccessibleDescription(
    'Au moins 8 caractères. Utilisez au moins 8 caractères.',
  );

  // Valid input, but an account exists already and the token is made up: the server says no.
  fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'late@example.org' } });
  fireEvent.input(screen.getByLabelText('Mot de passe'), {
    target: { value: 'a long enough password' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Créer mon compte' }));
  const email = screen.getByLabelText('E-mail');
  await waitFor(() => expect(email).not.toHaveAttribute('aria-invalid'));
  const alert = screen.getByRole('alert');
  expect(alert).not.toHaveClass('hidden');
  expect(alert).toHaveTextContent(/already set up/);
  expect(document.activeElement).toBe(alert);
});
