/**
 * A fetch with a cookie jar, for tests: Node's fetch keeps no cookies, and the API's session is
 * a cookie. It also sends the Origin a browser would send, for the API's CSRF check.
 */
export function cookieFetch(origin: string, jar: Map<string, string> = new Map()): typeof fetch {
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (jar.size > 0) {
      headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    headers.set('origin', origin);
    headers.set('sec-fetch-site', 'same-origin');
    // jsdom's AbortSignal is not the one Node's fetch accepts; tests never abort.
    const { signal: _signal, ...rest } = init ?? {};
    const response = await fetch(input, { ...rest, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (!value || expired) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return wrapped as typeof fetch;
}
