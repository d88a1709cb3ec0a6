// The proof-of-work solver, a separate file so the base widget stays small. Runs as a module
// worker (same-origin pages) or is imported as a module and called on the main thread.
import { solveChallenge } from 'altcha-lib/v1';

/** An ALTCHA v1 challenge as `GET /api/v1/pledges/:slug/challenge` returns it. */
export interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

/**
 * Solves an ALTCHA v1 challenge (SHA-256 over salt + number) and returns the base64 payload
 * the signing route expects in its `altcha` field.
 *
 * @example
 * const altcha = await solve(await (await fetch('/api/v1/pledges/x/challenge')).json());
 */
export async function solve(c: Challenge): Promise<string> {
  const found = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!found) throw new Error('no solution');
  const { algorithm, challenge, salt, signature } = c;
  return btoa(
    JSON.stringify({
      algorithm,
      challenge,
      number: found.number,
      salt,
      signature,
      took: found.took,
    }),
  );
}

if (typeof document === 'undefined') {
  self.onmessage = (e: MessageEvent<Challenge>) =>
    solve(e.data).then(
      (payload) => self.postMessage(payload),
      () => self.postMessage(null),
    );
}
