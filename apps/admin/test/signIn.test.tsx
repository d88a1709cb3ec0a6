import { cleanup, fireEvent, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createI18n, storedLocale } from '../src/i18n/index.tsx';
import { renderAt } from './support.tsx';

describe('sign-in page', () => {
  afterEach(() => localStorage.clear());

  it('shows field errors linked to their fields and focuses the first one', async () => {
    renderAt('/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const email = screen.getByLabelText('E-mail');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Please fill in this field.');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(email);
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('Please correct 2 problems');
    expect(summary).toHaveTextContent('E-mail: Please fill in this field.');
  });

  it('announces a wrong password without saying whether the account exists', async () => {
    renderAt('/sign-in');
    fireEvent.input(await screen.findByLabelText('E-mail'), {
      target: { value: 'owner@example.org' },
    });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'not the password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByText(/password/i, { selector: '[role="alert"] p' });
    expect(alert.textContent).not.toBe('');
    expect(screen.getByRole('alert')).not.toHaveClass('hidden');
    expect(document.activeElement).toBe(screen.getByRole('alert'));
  });

  it('switches to French', async () => {
    renderAt('/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fireEvent.click(screen.getByRole('button', { name: 'Français' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Connexion');
    expect(screen.getByRole('button', { name: 'Français' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByLabelText('Mot de passe')).toBeInTheDocument();
    expect(document.title).toBe('Connexion · Groundwork');
  });

  it('keeps the language chosen in the header after a reload, over the profile’s', async () => {
    const chapter = inject('chapter');
    renderAt(`/c/${chapter.slug}`, { as: 'organizer' });
    await screen.findByRole('heading', { level: 1, name: `Dashboard · ${chapter.name}` });
    fireEvent.click(screen.getByRole('button', { name: 'Français' }));
    expect(storedLocale()).toBe('fr');
    cleanup();
    // A reload: a fresh app whose language comes from what this browser remembers. The
    // organizer's profile says English; the choice made here wins.
    renderAt(`/c/${chapter.slug}`, { as: 'organizer', locale: createI18n().locale() });
    await screen.findByRole('heading', { level: 1, name: `Tableau de bord · ${chapter.name}` });
    await screen.findByRole('button', { name: 'Se déconnecter' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Tableau de bord');
  });

  it('signs in and goes where the guard sent us from', async () => {
    const { organizer } = inject('accounts');
    const chapter = inject('chapter');
    renderAt(`/c/${chapter.slug}/members`);
    // Signed out: the members page sends us to sign-in with next=.
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(window.location.search).toContain(encodeURIComponent(`/c/${chapter.slug}/members`));
    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: organizer.email } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: organizer.password } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { level: 1, name: `Members · ${chapter.name}` });
    await waitFor(() => expect(window.location.pathname).toBe(`/admin/c/${chapter.slug}/members`));
  });
});
