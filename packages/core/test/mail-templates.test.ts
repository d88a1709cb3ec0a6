import { AppError } from '@groundwork/core/errors';
import { escapeHtml, mailLocale, renderMail } from '@groundwork/core/mail';
import { describe, expect, it } from 'vitest';

const confirm = {
  pledgeTitle: 'Quit <script>alert("x")</script> ChatGPT',
  chapterName: 'QuitGPT & Paris',
  confirmUrl: 'https://pledge.example.org/confirm/tok?a=1&b=2',
  name: '<img src=x onerror=alert(1)>',
};
const thanks = {
  pledgeTitle: "J'ai résilié mon abonnement ChatGPT",
  chapterName: 'QuitGPT Paris',
  nextSteps: ['Résiliez le paiement récurrent', 'Gardez une preuve <capture>'],
  shareUrl: 'https://pledge.example.org/p/quit-chatgpt?ref=abc',
};

describe('mail templates', () => {
  it('renders pledge-confirm in English and French', () => {
    const en = renderMail('pledge-confirm', 'en', confirm);
    const fr = renderMail('pledge-confirm', 'fr', confirm);
    expect(en.subject).toBe(
      'Please confirm your signature: Quit <script>alert("x")</script> ChatGPT',
    );
    expect(fr.subject).toBe(
      'Confirmez votre signature\u00a0: Quit <script>alert("x")</script> ChatGPT',
    );
    expect(en.text).toContain('https://pledge.example.org/confirm/tok?a=1&b=2');
    expect(fr.text).toContain('Confirmez votre signature');
    expect(fr.html).toContain('<html lang="fr">');
    expect(en.html).toContain('Confirm my signature');
    expect(fr.html).toContain('Confirmer ma signature');
  });

  it('escapes every value in HTML and keeps it plain in text', () => {
    const { html, text } = renderMail('pledge-confirm', 'en', confirm);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('Quit &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ChatGPT');
    expect(html).toContain('QuitGPT &amp; Paris');
    expect(html).toContain('href="https://pledge.example.org/confirm/tok?a=1&amp;b=2"');
    expect(text).toContain('Hello \u2068<img src=x onerror=alert(1)>\u2069,');
  });

  it('isolates a name so that direction controls in it cannot turn the sentence around', () => {
    const name = 'evil\u202Emoc.elpmaxe';
    for (const template of ['pledge-confirm', 'pledge-thanks'] as const) {
      const data = template === 'pledge-confirm' ? { ...confirm, name } : { ...thanks, name };
      const { text, html } = renderMail(template, 'fr', data);
      expect(text).toContain(`Bonjour \u2068${name}\u2069,`);
      expect(html).toContain(`Bonjour \u2068${name}\u2069,`);
    }
  });

  it('lists the next steps in order with the share link, in both forms', () => {
    const { subject, text, html } = renderMail('pledge-thanks', 'fr', thanks);
    expect(subject).toBe("Merci pour votre signature\u00a0: J'ai résilié mon abonnement ChatGPT");
    expect(text).toContain('1. Résiliez le paiement récurrent\n2. Gardez une preuve <capture>');
    expect(text).toContain(thanks.shareUrl);
    expect(html).toMatch(/<ol[^>]*>.*Résiliez.*Gardez une preuve &lt;capture&gt;.*<\/ol>/s);
    expect(html).toContain('J&#39;ai résilié');
  });

  it('loads nothing remote and keeps the subject on one line', () => {
    const { html, subject } = renderMail('pledge-thanks', 'en', {
      ...thanks,
      pledgeTitle: 'Line one\r\nBcc: someone@evil.test',
    });
    expect(html).not.toMatch(/<img|<script|<link|<iframe|src=/i);
    expect(subject).toBe('Thank you for signing: Line one Bcc: someone@evil.test');
  });

  it('sets the Markdown of a broadcast in the body font, not the default serif of the client', () => {
    const { html } = renderMail('broadcast', 'en', {
      chapterName: 'QuitGPT Paris',
      subject: 'Party',
      body: 'Come **along**.\n\n- bring a friend',
      unsubscribeUrl: 'https://pledge.example.org/unsubscribe/x',
    });
    const block = /<div style="([^"]*)"><p>Come <strong>along<\/strong>\.<\/p>/.exec(html);
    expect(block?.[1]).toMatch(/font-family:[^;]*sans-serif/);
    expect(html).toContain('<li>bring a friend</li>');
  });

  it('falls back to English for other locales', () => {
    expect(mailLocale('fr-CA')).toBe('fr');
    expect(mailLocale('de')).toBe('en');
    expect(renderMail('pledge-thanks', 'de', thanks).subject).toMatch(/^Thank you/);
  });

  it('refuses an unknown template and a javascript: link, naming the field', () => {
    expect(() => renderMail('nope', 'en', {})).toThrow(AppError);
    const error = (() => {
      try {
        renderMail('pledge-thanks', 'en', { ...thanks, shareUrl: 'javascript:alert(1)' });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.fields).toHaveProperty(['data.shareUrl']);
  });

  it('puts a no-break space before every colon of the French mails, text and HTML', () => {
    const unsubscribeUrl = 'https://pledge.example.org/unsubscribe/x';
    const event = {
      eventTitle: 'Soirée',
      chapterName: 'QuitGPT Paris',
      when: 'jeudi 10 décembre 2026 (Europe/Paris)',
      place: 'Café, 12 rue Imaginaire',
      onlineUrl: 'https://meet.example/room',
      code: 'K7P3QX',
      eventUrl: 'https://events.example/e/party',
      attendeeUrl: 'https://events.example/e/party/rsvp/tok',
      cancelUrl: 'https://events.example/e/party/cancel/tok',
      icsUrl: 'https://events.example/e/party.ics',
    };
    const mails = [
      renderMail('pledge-confirm', 'fr', { ...confirm, unsubscribeUrl }),
      renderMail('pledge-thanks', 'fr', { ...thanks, unsubscribeUrl }),
      renderMail('event-rsvp-confirmed', 'fr', event),
      renderMail('my-data-link', 'fr', { chapterName: 'QuitGPT Paris', url: unsubscribeUrl }),
      renderMail('broadcast', 'fr', {
        chapterName: 'QuitGPT Paris',
        subject: 'Soirée',
        body: 'Venez.',
        unsubscribeUrl,
      }),
    ];
    // What a reader sees: the text, and the HTML without its tags, styles and QR code.
    const visible = (html: string) =>
      html.replace(/<(style|svg)[^>]*>.*?<\/\1>/gs, '').replace(/<[^>]*>/g, '');
    for (const mail of mails) {
      for (const words of [mail.subject, mail.text, visible(mail.html)]) {
        expect(words.match(/.:(?!\/\/)/g)?.filter((m) => m[0] !== '\u00a0') ?? []).toEqual([]);
      }
    }
    expect(mails[1]?.text).toContain(`Ne plus recevoir d’e-mails\u00a0: ${unsubscribeUrl}`);
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
