import type { EventInput } from '../events/schemas.ts';
import { utcToZoned } from '../events/time.ts';

/**
 * The demo event `mass-cancellation-party` (content: shared demo-campaign.md): 19:00–22:00
 * in Paris, on the day two weeks after `now` (the first start), capacity 80, waitlist on.
 */
export function demoEvent(now: Date): EventInput {
  const day = utcToZoned(
    new Date(now.getTime() + 14 * 24 * 3600_000).toISOString(),
    'Europe/Paris',
  ).slice(0, 10);
  return {
    slug: 'mass-cancellation-party',
    status: 'published',
    defaultLocale: 'fr',
    title: { fr: 'Soirée de résiliation collective', en: 'Mass Cancellation Party' },
    description: {
      fr: 'On se retrouve pour résilier ensemble nos abonnements ChatGPT, s’entraider pas à pas, parler des alternatives (modèles ouverts, auto-hébergement) et prendre une photo de groupe des écrans de confirmation.\n\nApportez votre téléphone ou votre ordinateur. Entrée libre, inscription conseillée.',
      en: 'We meet to cancel our ChatGPT subscriptions together, help each other step by step, talk about alternatives (open models, self-hosting) and take a group photo of the confirmation screens.\n\nBring your phone or laptop. Free entry, registration recommended.',
    },
    timeZone: 'Europe/Paris',
    startsLocal: `${day}T19:00`,
    endsLocal: `${day}T22:00`,
    venueName: 'Café-librairie Les Pages Libres',
    venueAddress: '12 rue Imaginaire, 75011 Paris',
    addressPublic: true,
    onlineUrl: null,
    capacity: 80,
    waitlist: true,
    questions: [],
    reminders: [24],
  };
}
