import { screen } from '@solidjs/testing-library';
import { beforeAll, expect, inject, it } from 'vitest';
import { apiAs, renderAt, testChapterId } from './support.tsx';

const chapter = inject('chapter');
const slug = `embed-test-${Date.now()}`;
let pledgeId = '';

beforeAll(async () => {
  const pledge = await apiAs('organizer').pledges.create.mutate({
    chapterId: await testChapterId(),
    slug,
    goal: 10,
    defaultLocale: 'en',
    translations: { en: { title: 'Embed test pledge', body: 'Hello' } },
  });
  pledgeId = pledge.id;
});

it('shows the Embed tab of a pledge with its snippets and the real widget as preview', async () => {
  renderAt(`/c/${chapter.slug}/pledges?pledge=${pledgeId}&view=embed`, { as: 'viewer' });
  await screen.findByRole('heading', { level: 2, name: 'Embed on another website' });
  expect(screen.getByRole('link', { name: 'Embed' })).toHaveAttribute('aria-current', 'page');
  const script = screen.getByRole('textbox', { name: 'Script (recommended)' });
  expect((script as HTMLTextAreaElement).value).toContain(
    `<groundwork-pledge pledge="${slug}"></groundwork-pledge>`,
  );
  // Still a draft: the tab says it cannot be embedded yet.
  expect(screen.getByText(/not published yet/)).toBeVisible();
  expect(document.querySelector('groundwork-pledge')?.getAttribute('pledge')).toBe(slug);
});
