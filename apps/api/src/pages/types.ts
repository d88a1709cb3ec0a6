/**
 * The shapes the page templates render. They mirror the public pledge view of
 * `@groundwork/core/pledges` (only the fields a page shows), so templates stay testable alone.
 */
export interface PageQuestion {
  id: string;
  kind: 'single' | 'multiple' | 'text';
  label: string;
  required: boolean;
  options: Array<{ id: string; label: string }>;
}

export interface PagePledge {
  slug: string;
  title: string;
  /** Already-sanitized HTML rendered from the pledge's Markdown. */
  bodyHtml: string;
  goal: number;
  count: number;
  status: 'live' | 'closed' | string;
  locale: string;
  locales: string[];
  questions: PageQuestion[];
  consentText: string;
  nextSteps: string[];
  shareText: string;
  shareUrl: string;
  askPostalCode: boolean;
  requiresConfirmation: boolean;
  proofOfWork: boolean;
  chapter: { slug: string; name: string };
}

/** What a visitor typed, kept to fill the form again after an error. */
export interface FormValues {
  email: string;
  name: string;
  postalCode: string;
  answers: Record<string, string | string[]>;
  consent: boolean;
  ref: string;
}

/** Field path (as the signing service names it, e.g. `answers.why`) → message. */
export type FormErrors = Record<string, string>;

export const emptyForm: FormValues = {
  email: '',
  name: '',
  postalCode: '',
  answers: {},
  consent: false,
  ref: '',
};
