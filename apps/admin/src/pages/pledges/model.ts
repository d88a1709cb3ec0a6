import type { Api } from '../../api/client.ts';

export type Pledge = Awaited<ReturnType<Api['pledges']['get']['query']>>['pledge'];
export type PledgeInput = Omit<Parameters<Api['pledges']['create']['mutate']>[0], 'chapterId'>;
export type PledgeSummary = Awaited<ReturnType<Api['pledges']['list']['query']>>[number];
export type Question = PledgeInput['questions'] extends (infer Q)[] | undefined ? Q : never;
export type Locale = 'fr' | 'en';
export const locales: Locale[] = ['fr', 'en'];

/** A question as the form edits it: options as editable lines `id | French | English`. */
export interface QuestionDraft {
  key: number;
  id: string;
  kind: 'single' | 'multiple' | 'text';
  required: boolean;
  label: { fr: string; en: string };
  options: string;
}

let nextKey = 1;

export function questionDrafts(pledge: Pledge | undefined): QuestionDraft[] {
  return (pledge?.questions ?? []).map((q) => ({
    key: nextKey++,
    id: q.id,
    kind: q.kind,
    required: q.required,
    label: { fr: q.label.fr ?? '', en: q.label.en ?? '' },
    options: q.options
      .map((o) => [o.id, o.label.fr ?? '', o.label.en ?? ''].join(' | '))
      .join('\n'),
  }));
}

export function emptyQuestion(): QuestionDraft {
  return {
    key: nextKey++,
    id: '',
    kind: 'single',
    required: false,
    label: { fr: '', en: '' },
    options: '',
  };
}

const lines = (value: string | undefined) =>
  (value ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

// Sent as typed, never rounded: the server refuses 1.5 with a message rather than saving 1.
const numberOf = (value: string | undefined) => {
  const n = Number((value ?? '').trim());
  return Number.isFinite(n) ? n : Number.NaN;
};

/**
 * The procedure's input from the form's flat values. Field names are the input's paths
 * (`translations.fr.title`, `questions.0.label.en`, `rateLimit.burst.points`), so the server's
 * field errors land next to the right field.
 */
export function inputFromValues(values: Record<string, string>, questionCount: number) {
  const translations: PledgeInput['translations'] = {};
  for (const locale of locales) {
    const v = (name: string) => values[`translations.${locale}.${name}`] ?? '';
    const texts = {
      title: v('title'),
      body: v('body'),
      consentText: v('consentText'),
      shareText: v('shareText'),
      nextSteps: lines(v('nextSteps')),
    };
    // A language is offered only when it has content; the default one is always sent, so an
    // empty title there gets the server's "required" message.
    const filled = texts.title || texts.body || texts.nextSteps.length > 0;
    if (filled || values.defaultLocale === locale) translations[locale] = texts;
  }
  const questions: Question[] = [];
  for (let i = 0; i < questionCount; i++) {
    const q = (name: string) => values[`questions.${i}.${name}`] ?? '';
    const kind = (q('kind') || 'single') as QuestionDraft['kind'];
    questions.push({
      id: q('id').trim(),
      kind,
      required: q('required') === 'on',
      label: { fr: q('label.fr'), en: q('label.en') },
      options:
        kind === 'text'
          ? []
          : lines(q('options')).map((line) => {
              const [id = '', fr = '', en = ''] = line.split('|').map((p) => p.trim());
              return { id, label: { fr, en } };
            }),
    });
  }
  const custom = values.customRateLimit === 'on';
  return {
    slug: (values.slug ?? '').trim(),
    goal: numberOf(values.goal),
    defaultLocale: (values.defaultLocale === 'en' ? 'en' : 'fr') as Locale,
    askPostalCode: values.askPostalCode === 'on',
    requiresConfirmation: values.requiresConfirmation === 'on',
    countUnconfirmed: values.countUnconfirmed === 'on',
    proofOfWork: values.proofOfWork === 'on',
    rateLimit: custom
      ? {
          burst: {
            points: numberOf(values['rateLimit.burst.points']),
            seconds: numberOf(values['rateLimit.burst.seconds']),
          },
          sustained: {
            points: numberOf(values['rateLimit.sustained.points']),
            seconds: numberOf(values['rateLimit.sustained.seconds']),
          },
        }
      : null,
    questions,
    translations,
  } satisfies PledgeInput;
}

/** Every named control of a form as flat string values (checked boxes are `on`). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form).entries()) values[name] = String(value);
  return values;
}
