import type { Question } from './pledges.table.ts';

/**
 * One CSV cell per question, from a row's answers (JSON text). Several choices are joined
 * with "; ". With a locale, choices are written as their labels in it; without, as their ids.
 *
 * @example
 * answerCells(pledge.questions, '{"why":["price","privacy"]}') // ['price; privacy'] (ids)
 */
export function answerCells(questions: Question[], json: string, locale?: 'fr' | 'en'): string[] {
  const answers = JSON.parse(json) as Record<string, string | string[]>;
  return questions.map((q) => {
    const raw = answers[q.id];
    if (raw === undefined) return '';
    if (q.kind === 'text' || !locale) return Array.isArray(raw) ? raw.join('; ') : raw;
    return (Array.isArray(raw) ? raw : [raw])
      .map((v) => q.options.find((o) => o.id === v)?.label[locale] ?? v)
      .join('; ');
  });
}
