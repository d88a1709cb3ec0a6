/**
 * Optional proof of work (ALTCHA, v1 payloads: SHA-256 over salt + number), for pledges whose
 * chapter switches it on: costs a bot CPU per signature, costs a person a second, and needs
 * no third party. Each solved challenge is accepted once.
 */
import { createHmac } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { Clock } from '../clock/index.ts';
import { AppError } from '../errors/index.ts';

export interface PowChallenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

export interface ProofOfWork {
  /** A fresh challenge for one signature on `pledgeId`. */
  challenge(pledgeId: string): Promise<PowChallenge>;
  /** Throws a 422 on `altcha` unless `payload` solves a challenge issued for `pledgeId`, once. */
  verify(pledgeId: string, payload: string | null): Promise<void>;
}

const TTL_MS = 10 * 60 * 1000;

/**
 * @example
 * const pow = createProofOfWork(config.secret, clock);
 * const challenge = await pow.challenge(pledge.id);
 */
export function createProofOfWork(secret: string, clock: Clock, maxNumber = 50_000): ProofOfWork {
  const hmacKey = createHmac('sha256', secret).update('altcha').digest('base64url');
  // Solved challenges until they expire: the replay guard (per process).
  const used = new Map<string, number>();
  const sweep = (now: number) => {
    for (const [key, until] of used) if (until < now) used.delete(key);
  };
  const refuse = (message: string) =>
    new AppError('UNPROCESSABLE', message, { fields: { altcha: message } });
  return {
    async challenge(pledgeId) {
      const expires = new Date(clock.now().getTime() + TTL_MS);
      return createChallenge({ hmacKey, maxNumber, expires, params: { pledge: pledgeId } });
    },
    async verify(pledgeId, payload) {
      if (!payload) throw refuse('Please wait for the anti-spam check to finish.');
      let decoded: { salt?: unknown; signature?: unknown };
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
      } catch {
        throw refuse('The anti-spam check failed. Please try again.');
      }
      const salt = typeof decoded.salt === 'string' ? decoded.salt : '';
      const params = new URLSearchParams(salt.split('?')[1] ?? '');
      const ok =
        params.get('pledge') === pledgeId &&
        (await verifySolution(payload, hmacKey, true).catch(() => false));
      const now = clock.now().getTime();
      sweep(now);
      const key = String(decoded.signature);
      if (!ok || used.has(key)) throw refuse('The anti-spam check failed. Please try again.');
      used.set(key, now + TTL_MS);
    },
  };
}
