import { renderMail } from '@groundwork/core/mail';
import { describe, expect, it } from 'vitest';

const data = {
  eventTitle: 'Party <script>alert(1)</script>',
  chapterName: 'QuitGPT & Paris',
  when: 'jeudi 10 décembre 2026, 19:00 – 22:00 (Europe/Paris)',
  name: '<img src=x onerror=alert(1)>',
  place: 'Café, 12 rue Imaginaire, 75011 Paris',
  onlineUrl: 'https://meet.example/room?a=1&b=2',
  code: 'K7P3QX',
  eventUrl: 'https://events.example/e/party',
  attendeeUrl: 'https://events.example/e/party/rsvp/tok',
  cancelUrl: 'https://events.example/e/party/cancel/tok',
  icsUrl: 'https://events.example/e/party.ics',
};

const templates = [
  'event-rsvp-confirmed',
  'event-waitlisted',
  'event-promoted',
  'event-reminder',
  'event-changed',
  'event-cancelled',
] as const;

describe('event mail templates', () => {
  it('render in French and English, text and HTML, with every value escaped', () => {
    for (const name of templates) {
      for (const locale of ['fr', 'en'] as const) {
        const mail = renderMail(name, locale, data);
        expect(mail.subject).toContain('Party <script>');
        expect(mail.text).toContain('K7P3QX');
        expect(mail.text).toContain(data.cancelUrl);
        expect(mail.html).toContain(`<html lang="${locale}">`);
        expect(mail.html).not.toContain('<script');
        expect(mail.html).not.toContain('<img');
        expect(mail.html).toContain('QuitGPT &amp; Paris');
        // The check-in code's QR code, drawn on our server: no image from anywhere.
        expect(mail.html).toMatch(/<svg [^>]*role="img"/);
        expect(mail.html).not.toMatch(/<img|src="http/);
      }
    }
    expect(renderMail('event-reminder', 'fr', data).subject).toBe(
      'Rappel\u00a0: Party <script>alert(1)</script>',
    );
    expect(renderMail('event-rsvp-confirmed', 'en', data).text).toContain(
      'Online: https://meet.example/room?a=1&b=2',
    );
  });

  it('says only what a waitlisted person may know when given no details', () => {
    const { text } = renderMail('event-waitlisted', 'en', {
      ...data,
      onlineUrl: undefined,
      code: undefined,
      place: 'Café',
    });
    expect(text).toContain('waitlist');
    expect(text).not.toContain('meet.example');
    expect(text).not.toContain('check-in code');
  });

  it('carries an organizer message as plain paragraphs', () => {
    const mail = renderMail('event-message', 'fr', {
      ...data,
      subject: 'Changement de salle',
      message: 'Premier paragraphe.\n\n<b>Second</b>',
    });
    expect(mail.subject).toBe('Changement de salle');
    expect(mail.html).toContain('&lt;b&gt;Second&lt;/b&gt;');
    expect(mail.text).toContain('Premier paragraphe.');
  });
});
