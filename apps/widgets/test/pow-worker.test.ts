import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { describe, expect, it } from 'vitest';
import { solve } from '../src/pow-worker.ts';

describe('the proof-of-work solver (pow-worker.js)', () => {
  it('solves an ALTCHA v1 challenge into a payload the server library verifies', async () => {
    const hmacKey = 'test-key';
    const challenge = await createChallenge({ hmacKey, maxNumber: 2000 });
    const payload = await solve(challenge);
    expect(await verifySolution(payload, hmacKey)).toBe(true);
    const decoded = JSON.parse(atob(payload));
    expect(decoded).toMatchObject({ salt: challenge.salt, signature: challenge.signature });
  });

  it('fails when the challenge has no solution in range', async () => {
    const challenge = await createChallenge({ hmacKey: 'k', maxNumber: 10, number: 10 });
    await expect(solve({ ...challenge, maxnumber: 5 })).rejects.toThrow('no solution');
  });
});
