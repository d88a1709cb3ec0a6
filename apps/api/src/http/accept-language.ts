/**
 * Accept-Language, read once for every route: the hosted pages pick their language with it,
 * and the signing API uses it as the signer's language when the body names none.
 */

/**
 * Primary language subtags from an Accept-Language header, best first ("fr-CA;q=0.8" → "fr").
 * `*` and languages with q=0 are left out.
 *
 * @example
 * preferredLanguages('de-DE,en;q=0.9,*;q=0.1') // ['de', 'en']
 */
export function preferredLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return {
        tag: tag.toLowerCase().split('-')[0] ?? '',
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((l) => l.tag);
}
