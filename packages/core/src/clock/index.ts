/**
 * The clock and randomness are the edges of the world: everything else reads time through a
 * `Clock` so tests can move it without mocking modules.
 */
import { randomBytes } from 'node:crypto';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export function manualClock(start: Date | string = '2026-01-01T00:00:00.000Z') {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(to: Date | string) {
      current = new Date(to).getTime();
    },
    advance(ms: number) {
      current += ms;
    },
  };
}

/** Timestamps are stored as ISO-8601 UTC text: sortable, and identical on SQLite and PostgreSQL. */
export function isoNow(clock: Clock = systemClock): string {
  return clock.now().toISOString();
}

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** A random id of `length` base32 characters (16 chars = 80 bits), for primary keys. */
export function newId(length = 16): string {
  const bytes = randomBytes(length);
  let id = '';
  for (let i = 0; i < length; i++) id += alphabet[(bytes[i] ?? 0) & 31];
  return id;
}
