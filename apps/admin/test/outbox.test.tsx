import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, renderAt } from './support.tsx';

const chapter = inject('chapter');
const outboxPath = `/c/${chapter.slug}/outbox`;
const email = `outbox-${Date.now()}@example.org`;
let messageId = '';

// A real signature on the demo pledge queues a real mail; without SMTP_URL the server's worker
// keeps it in the outbox (status `logged`) within about a second.
beforeAll(async () => {
  const res = await fetch(`${inject('apiUrl')}/api/v1/pledges/quit-chatgpt/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: '<b>Zoé</b>', locale: 'en' }),
  });
  expect(res.status).toBe(201);
  const api = apiAs('viewer');
  const chapterId = (await api.auth.status.query()).memberships.find(
    (m) => m.slug === chapter.slug,
  )?.chapterId;
  await waitFor(
    async () => {
      const { items } = await api.outbox.list.query({ chapterId: chapterId ?? '' });
      const mine = items.find((m) => m.to === email);
      expect(mine?.status).toBe('logged');
      messageId = mine?.id ?? '';
    },
    { timeout: 8000 },
  );
});

describe('outbox page', () => {
  it('lists the mail and shows it to a viewer, HTML sandboxed, without retry', async () => {
    renderAt(outboxPath, { as: 'viewer' });
    await screen.findByRole('heading', { level: 1, name: `Outbox · ${chapter.name}` });
    const table = await screen.findByRole('table');
    const row = within(table).getByText(email).closest('tr') as HTMLElement;
    expect(within(row).getByText('Kept (no mail server)')).toBeInTheDocument();
    expect(screen.getByText(/No mail server is configured/)).toBeVisible();

    fireEvent.click(
      within(row).getByRole('button', { name: new RegExp(`Read the e-mail to ${email}`) }),
    );
    const heading = await screen.findByRole('heading', { level: 2 });
    expect(heading.textContent).toMatch(/confirm|Thank you/i);
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const preview = screen.getByTitle('HTML preview') as HTMLIFrameElement;
    expect(preview.getAttribute('sandbox')).toBe('');
    const srcdoc = preview.getAttribute('srcdoc') ?? '';
    expect(srcdoc).toContain('&lt;b&gt;Zoé&lt;/b&gt;');
    expect(srcdoc).not.toContain('<b>Zoé');
    expect(document.querySelector('pre')?.textContent).toContain('Hello <b>Zoé</b>,');
    expect(screen.queryByRole('button', { name: 'Send again' })).toBeNull();
  });

  it('lets an organizer send a kept mail again', async () => {
    renderAt(`${outboxPath}?message=${messageId}`, { as: 'organizer' });
    fireEvent.click(await screen.findByRole('button', { name: 'Send again' }));
    await screen.findByText('The e-mail is queued again and will be sent in a moment.');
  });

  it('speaks French', async () => {
    renderAt(outboxPath, { as: 'viewer' });
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Français' }));
    await screen.findByRole('heading', { level: 1, name: `Boîte d’envoi · ${chapter.name}` });
    await screen.findByRole('table');
    expect(screen.getByRole('columnheader', { name: 'Destinataire' })).toBeInTheDocument();
    expect(screen.getByLabelText('Statut')).toBeInTheDocument();
  });
});
