import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cookieFetch } from './cookies.ts';
import { apiAs, renderAt } from './support.tsx';

const chapter = inject('chapter');
const outboxPath = `/c/${chapter.slug}/outbox`;
const email = `outbox-${Date.now()}@example.org`;
let messageId = '';
let chapterId = '';

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
  chapterId =
    (await api.auth.status.query()).memberships.find((m) => m.slug === chapter.slug)?.chapterId ??
    '';
  await waitFor(
    async () => {
      const { items } = await api.outbox.list.query({ chapterId });
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
    // The frame loads the mail from the server (a CSP of its own keeps the mail's styles),
    // as the signed-in viewer.
    const src = preview.getAttribute('src') ?? '';
    expect(src).toBe(`/admin/api/outbox/${messageId}/preview.html?chapterId=${chapterId}`);
    const url = inject('apiUrl');
    const framed = await cookieFetch(
      url,
      new Map(inject('accounts').viewer.cookies),
    )(`${url}${src}`);
    expect(framed.status).toBe(200);
    const html = await framed.text();
    expect(html).toContain('&lt;b&gt;Zoé&lt;/b&gt;');
    expect(html).not.toContain('<b>Zoé');
    expect(document.querySelector('pre')?.textContent).toContain('Hello \u2068<b>Zoé</b>\u2069,');
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
