import { render, screen } from '@solidjs/testing-library';
import { expect, it } from 'vitest';
import { App } from '../src/App.tsx';

it('renders the dashboard heading', () => {
  render(() => <App />);
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Groundwork');
});
