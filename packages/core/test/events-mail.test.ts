import { inflateSync } from 'node:zlib';
import { qrPng } from '@groundwork/core/events';
import {
  createSmtpTransport,
  parseMailbox,
  renderMail,
  withImagesInline,
} from '@groundwork/core/mail';
import { startTestSmtpServer } from '@groundwork/core/mail/testing';
import QRCode from 'qrcode';
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
        expect(mail.html).toContain('QuitGPT &amp; Paris');
        // The check-in code's QR code travels inside the mail: the one image, from nowhere else.
        expect(mail.html.match(/<img [^>]*>/g)).toEqual([
          expect.stringMatching(
            /^<img src="cid:check-in-code@groundwork" width="174" height="174" alt="[^"]*K7P3QX"/,
          ),
        ]);
        expect(mail.images?.map((i) => [i.cid, i.contentType])).toEqual([
          ['check-in-code@groundwork', 'image/png'],
        ]);
        expect(mail.html).not.toMatch(/src="http|<svg/);
      }
    }
    expect(renderMail('event-reminder', 'fr', data).subject).toBe(
      'Rappel\u00a0: Party <script>alert(1)</script>',
    );
    expect(renderMail('event-rsvp-confirmed', 'en', data).text).toContain(
      'Online: https://meet.example/room?a=1&b=2',
    );
  });

  it("draws the QR code as a PNG whose pixels are the code's modules", () => {
    const png = qrPng('K7P3QX');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    const side = png.readUInt32BE(16);
    expect(png.readUInt32BE(20)).toBe(side);
    expect([png[24], png[25]]).toEqual([1, 0]); // 1 bit per pixel, grayscale
    // Inflate the image data and read every module's centre pixel back.
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const rows = inflateSync(png.subarray(41, 41 + idatLength));
    const rowBytes = Math.ceil(side / 8) + 1;
    const dark = (x: number, y: number) =>
      ((rows[y * rowBytes + 1 + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0;
    const qr = QRCode.create('K7P3QX', { errorCorrectionLevel: 'M' });
    const size = qr.modules.size;
    expect(side).toBe((size + 8) * 6);
    for (let my = -4; my < size + 4; my++) {
      for (let mx = -4; mx < size + 4; mx++) {
        const inside = mx >= 0 && my >= 0 && mx < size && my < size;
        const expected = inside && Boolean(qr.modules.get(mx, my));
        expect(dark((mx + 4) * 6 + 3, (my + 4) * 6 + 3)).toBe(expected);
      }
    }
  });

  it('sends the QR code inside the message, and shows it in a preview without cid: links', async () => {
    const mail = renderMail('event-rsvp-confirmed', 'fr', data);
    const smtp = await startTestSmtpServer();
    const transport = createSmtpTransport(smtp.url);
    try {
      const from = parseMailbox('Groundwork <no-reply@events.example>');
      if (!from) throw new Error('bad sender');
      await transport.send({
        ...mail,
        from,
        to: 'dora@example.org',
        headers: {},
        messageId: '<qr-test@events.example>',
      });
      const [received] = smtp.received;
      expect(received?.html).toContain('src="cid:check-in-code@groundwork"');
      expect(received?.images.map((i) => [i.cid, i.contentType])).toEqual([
        ['check-in-code@groundwork', 'image/png'],
      ]);
      expect(received?.images[0]?.content.equals(qrPng('K7P3QX'))).toBe(true);
    } finally {
      transport.close();
      await smtp.close();
    }
    const preview = withImagesInline(mail);
    expect(preview.images).toBeUndefined();
    expect(preview.html).toContain(
      `src="data:image/png;base64,${qrPng('K7P3QX').toString('base64')}"`,
    );
    expect(preview.html).not.toContain('cid:');
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
