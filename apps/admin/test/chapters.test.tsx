import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library';
import { expect, inject, it } from 'vitest';
import { renderAt } from './support.tsx';

it('creates a chapter, edits its settings and switches between chapters', async () => {
  const paris = inject('chapter');
  renderAt('/chapters/new', { as: 'owner' });
  await screen.findByRole('heading', { level: 1, name: 'Create a chapter' });

  fireEvent.input(screen.getByLabelText('Chapter name'), { target: { value: 'QuitGPT Lyon' } });
  fireEvent.input(screen.getByLabelText('Short name (in addresses)'), {
    target: { value: 'Not A Slug' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Create the chapter' }));
  const slug = screen.getByLabelText('Short name (in addresses)');
  expect(slug).toHaveAttribute('aria-invalid', 'true');
  expect(document.activeElement).toBe(slug);

  // A slug that is taken comes back from the server as a field error.
  fireEvent.input(slug, { target: { value: paris.slug } });
  fireEvent.click(screen.getByRole('button', { name: 'Create the chapter' }));
  await waitFor(() => expect(slug).toHaveAccessibleDescription(/Taken/));

  fireEvent.input(slug, { target: { value: 'quitgpt-lyon' } });
  fireEvent.click(screen.getByRole('button', { name: 'Create the chapter' }));
  await screen.findByRole('heading', { level: 1, name: 'Dashboard · QuitGPT Lyon' });
  expect(window.location.pathname).toBe('/admin/c/quitgpt-lyon');

  // Owner of two chapters now: the header has a switcher; settings are the owner's.
  const nav = screen.getByRole('navigation', { name: 'Main' });
  fireEvent.click(within(nav).getByRole('link', { name: 'Chapter settings' }));
  const name = await screen.findByLabelText('Chapter name');
  expect(name).toHaveValue('QuitGPT Lyon');
  fireEvent.input(name, { target: { value: 'QuitGPT Lyon et environs' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save the settings' }));
  await screen.findByText('Saved.');
  // The page re-rendered in place: the navigation follows the new name.
  const navAfter = screen.getByRole('navigation', { name: 'Main' });
  await within(navAfter).findByText('QuitGPT Lyon et environs');
  expect(screen.getByLabelText('Chapter name')).toBe(name);

  fireEvent.change(screen.getByLabelText('Chapter'), { target: { value: paris.slug } });
  fireEvent.click(screen.getByRole('button', { name: 'Open' }));
  await screen.findByRole('heading', { level: 1, name: `Dashboard · ${paris.name}` });
  expect(window.location.pathname).toBe(`/admin/c/${paris.slug}`);
});

it('tells a member of another chapter that the page does not exist', async () => {
  renderAt('/c/quitgpt-lyon/members', { as: 'viewer' });
  await screen.findByRole('heading', { level: 1, name: 'Page not found' });
});
