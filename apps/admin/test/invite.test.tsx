import { fireEvent, screen } from '@solidjs/testing-library';
import { expect, inject, it } from 'vitest';
import { apiAs, renderAt } from './support.tsx';

const chapter = inject('chapter');

async function inviteLink(email: string): Promise<string> {
  const owner = apiAs('owner');
  const status = await owner.auth.status.query();
  const chapterId = status.memberships.find((m) => m.slug === chapter.slug)?.chapterId ?? '';
  const { url } = await owner.members.invite.mutate({ chapterId, email, role: 'viewer' });
  const parsed = new URL(url, 'http://x');
  return `${parsed.pathname.replace(/^\/admin/, '')}${parsed.search}`;
}

it('creates an account from an invitation and lands in the chapter', async () => {
  renderAt(await inviteLink('invited@example.org'), { locale: 'fr' });
  await screen.findByRole('heading', { level: 1, name: `Rejoindre ${chapter.name}` });
  expect(screen.getByText(/avec le rôle Lecture seule/)).toBeInTheDocument();
  expect(screen.getByLabelText('E-mail')).toHaveValue('invited@example.org');

  fireEvent.click(screen.getByRole('button', { name: 'Créer mon compte et rejoindre' }));
  expect(screen.getByLabelText('Nom')).toHaveAttribute('aria-invalid', 'true');
  expect(document.activeElement).toBe(screen.getByLabelText('Nom'));

  fireEvent.input(screen.getByLabelText('Nom'), { target: { value: 'Inès Invitée' } });
  fireEvent.input(screen.getByLabelText('Mot de passe'), {
    target: { value: 'invited password 1' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Créer mon compte et rejoindre' }));
  await screen.findByRole('heading', { level: 1, name: `Tableau de bord · ${chapter.name}` });
  expect(screen.getByText('Bienvenue, Inès Invitée.')).toBeInTheDocument();
});

it('says so when the invitation link is not valid', async () => {
  renderAt('/invite?token=made-up-token');
  await screen.findByText('This invitation is not valid any more. Ask for a new link.');
});
