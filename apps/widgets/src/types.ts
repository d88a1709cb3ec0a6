// The public JSON API's shapes, as the widget sees them (type-only: no server code in the bundle).

export type QuestionKind = 'single' | 'multiple' | 'text';

export interface PublicQuestion {
  id: string;
  kind: QuestionKind;
  label: string;
  required: boolean;
  options: Array<{ id: string; label: string }>;
}

/** `GET /api/v1/pledges/:slug?locale=` */
export interface PublicPledge {
  slug: string;
  title: string;
  bodyHtml: string;
  goal: number;
  count: number;
  status: 'live' | 'closed' | string;
  locale: string;
  locales: string[];
  questions: PublicQuestion[];
  consentText: string | null;
  nextSteps: string[];
  shareText: string;
  shareUrl: string;
  askPostalCode: boolean;
  requiresConfirmation: boolean;
  proofOfWork: boolean;
  chapter: { slug: string; name: string };
}

/** The body of `POST /api/v1/pledges/:slug/signatures`. */
export interface SignatureInput {
  email: string;
  name?: string;
  postalCode?: string;
  answers?: Record<string, string | string[]>;
  consent?: boolean;
  ref?: string;
  source?: string;
  locale?: string;
  website?: string;
  altcha?: string;
}

/** 201 answer of the signing route. */
export interface SignatureResult {
  count: number;
  status: 'confirmed' | 'pending';
  shareUrl: string;
  ref: string;
}

/** `GET /count` and every SSE event of `/stream`. */
export interface CountUpdate {
  count: number;
  goal: number;
}

/** Every error answer of the API. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
