/**
 * `If-None-Match` as RFC 9110 §13.1.2 reads it: the weak comparison (a `W/` prefix on either
 * side does not matter), and `*` matches any current representation.
 *
 * @example
 * matchesEtag('W/"41-20000", "x"', '"41-20000"') // true
 */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => {
    const t = candidate.trim();
    return t === '*' || t.replace(/^W\//, '') === opaque;
  });
}
