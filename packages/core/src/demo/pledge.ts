import type { PledgeInput } from '../pledges/schemas.ts';

/** The demo pledge `quit-chatgpt` (content: shared demo-campaign.md), live at once. */
export const demoPledge: PledgeInput = {
  slug: 'quit-chatgpt',
  status: 'live',
  goal: 20_000,
  defaultLocale: 'fr',
  askPostalCode: true,
  // No confirmation in the demo, so the counter moves as soon as someone signs.
  requiresConfirmation: false,
  countUnconfirmed: true,
  proofOfWork: false,
  // A demo is tried several times from one computer (and a cancellation party signs from one
  // café Wi-Fi): 10 a minute and 30 per 5 minutes per connection instead of the UK petitions
  // defaults (1 and 5) that new pledges get.
  rateLimit: { burst: { points: 10, seconds: 60 }, sustained: { points: 30, seconds: 300 } },
  questions: [
    {
      id: 'why',
      kind: 'multiple',
      required: false,
      label: { fr: 'Pourquoi partez-vous ?', en: 'Why are you leaving?' },
      options: [
        {
          id: 'political-ties',
          label: { fr: "Les liens politiques de l'entreprise", en: "The company's political ties" },
        },
        {
          id: 'immigration-enforcement',
          label: {
            fr: "L'usage de l'IA par les services d'immigration",
            en: 'Use of AI by immigration enforcement',
          },
        },
        {
          id: 'data-protection',
          label: { fr: 'La protection de mes données', en: 'Protection of my data' },
        },
        {
          id: 'quality',
          label: { fr: 'La qualité des réponses a baissé', en: 'The answers got worse' },
        },
        { id: 'price', label: { fr: 'Le prix', en: 'The price' } },
        { id: 'other', label: { fr: 'Autre', en: 'Other' } },
      ],
    },
    {
      id: 'instead',
      kind: 'single',
      required: false,
      label: { fr: "Qu'utiliserez-vous à la place ?", en: 'What will you use instead?' },
      options: [
        {
          id: 'self-hosted',
          label: { fr: 'Un modèle ouvert hébergé chez moi', en: 'An open model I host myself' },
        },
        { id: 'other-service', label: { fr: 'Un autre service', en: 'Another service' } },
        {
          id: 'nothing',
          label: {
            fr: 'Rien, je reviens aux outils classiques',
            en: 'Nothing, back to classic tools',
          },
        },
        { id: 'unsure', label: { fr: 'Je ne sais pas encore', en: 'Not sure yet' } },
      ],
    },
  ],
  translations: {
    fr: {
      title: 'Je résilie mon abonnement ChatGPT',
      body:
        "Nous sommes des milliers à arrêter de payer pour ChatGPT. Nos abonnements financent une entreprise dont les choix politiques et l'usage de nos données nous inquiètent.\n\n" +
        '**Résilier, c’est voter avec son portefeuille.** Signez, résiliez, et dites-le autour de vous.',
      consentText:
        "J'accepte de recevoir des nouvelles de la campagne QuitGPT Paris par e-mail. Je peux me désinscrire à tout moment.",
      shareText: "J'ai résilié mon abonnement ChatGPT. Et vous ?",
      nextSteps: [
        'Ouvrez les paramètres de votre compte, section « Abonnement », et annulez le paiement récurrent.',
        "Vérifiez qu'aucun frais caché ni aucune condition particulière ne s'applique à votre formule.",
        "Si vous le souhaitez, supprimez aussi l'application de vos appareils, ou votre compte.",
        "Gardez une preuve : une capture d'écran ou l'e-mail de confirmation.",
        "Partagez votre décision pour entraîner d'autres personnes.",
      ],
    },
    en: {
      title: "I'm cancelling my ChatGPT subscription",
      body:
        'Thousands of us are no longer paying for ChatGPT. Our subscriptions fund a company whose political choices and handling of our data worry us.\n\n' +
        '**Cancelling is voting with your wallet.** Sign, cancel, and tell others.',
      consentText:
        'I agree to receive news of the QuitGPT Paris campaign by e-mail. I can unsubscribe at any time.',
      shareText: 'I cancelled my ChatGPT subscription. Will you?',
      nextSteps: [
        'Open your account settings, "Subscription" section, and cancel the recurring payment.',
        'Check that no hidden fees or special conditions apply to your plan.',
        'If you wish, also delete the app from your devices, or your account.',
        'Keep a proof: a screenshot or the confirmation e-mail.',
        'Share your decision so others follow.',
      ],
    },
  },
};
