import { fireEvent, render, screen } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { EmbedSnippet, embedSnippets } from '../src/components/EmbedSnippet.tsx';
import { createI18n, I18nProvider, type Locale } from '../src/i18n/index.tsx';

const origin = 'https://pledge.example.org';

function renderEmbed(locale: Locale = 'en') {
  return render(() => (
    <I18nProvider i18n={createI18n(locale)}>
      <EmbedSnippet slug="quit-chatgpt" origin={origin} />
    </I18nProvider>
  ));
}

describe('EmbedSnippet', () => {
  // Test files share one jsdom per worker: start without another file's widget script.
  beforeEach(() => {
    for (const s of document.querySelectorAll('script[data-groundwork-widget]')) s.remove();
  });

  it('shows both snippets for the chapter origin and a live preview of the real widget', () => {
    renderEmbed();
    const script = screen.getByRole('textbox', { name: 'Script (recommended)' });
    expect(script).toHaveValue(
      `<script src="${origin}/widgets/pledge.js" async></script>\n<groundwork-pledge pledge="quit-chatgpt"></groundwork-pledge>`,
    );
    const iframe = screen.getByRole('textbox', { name: 'Iframe' }) as HTMLTextAreaElement;
    expect(iframe.value).toContain(`<iframe src="${origin}/embed/pledge/quit-chatgpt"`);
    expect(iframe.value).toContain(`e.origin !== '${origin}'`);
    const preview = document.querySelector('groundwork-pledge');
    expect(preview?.getAttribute('pledge')).toBe('quit-chatgpt');
    expect(document.querySelector('script[data-groundwork-widget]')?.getAttribute('src')).toBe(
      `${origin}/widgets/pledge.js`,
    );
  });

  it('puts the chosen options into the snippets and the preview', () => {
    renderEmbed();
    fireEvent.change(screen.getByLabelText('Accent colour'), { target: { value: '#0055aa' } });
    fireEvent.click(screen.getByLabelText('Compact layout (without the text)'));
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'fr' } });
    expect(screen.getByRole('textbox', { name: 'Script (recommended)' })).toHaveValue(
      `<script src="${origin}/widgets/pledge.js" async></script>\n<groundwork-pledge pledge="quit-chatgpt" locale="fr" accent="#0055aa" compact></groundwork-pledge>`,
    );
    const iframe = screen.getByRole('textbox', { name: 'Iframe' }) as HTMLTextAreaElement;
    expect(iframe.value).toContain(
      '/embed/pledge/quit-chatgpt?locale=fr&amp;accent=%230055aa&amp;compact=1',
    );
    const preview = document.querySelector('groundwork-pledge');
    expect(preview?.getAttribute('locale')).toBe('fr');
    expect(preview?.getAttribute('accent')).toBe('#0055aa');
    expect(preview?.hasAttribute('compact')).toBe(true);
  });

  it('warns that a draft cannot be embedded yet', () => {
    render(() => (
      <I18nProvider i18n={createI18n('en')}>
        <EmbedSnippet slug="draft-one" origin={origin} published={false} />
      </I18nProvider>
    ));
    expect(screen.getByText(/not published yet/)).toBeVisible();
  });

  it('speaks French, and escapes what it writes into HTML', () => {
    renderEmbed('fr');
    expect(screen.getByRole('heading', { name: 'Intégrer sur un autre site' })).toBeVisible();
    const { script } = embedSnippets(origin, 'x', {
      accent: '"><script>alert(1)</script>',
      compact: false,
      locale: '',
    });
    expect(script).not.toContain('"><script>alert');
    expect(script).toContain('accent="&quot;>&lt;script>alert(1)&lt;/script>"');
  });
});
