import { utcToZoned, zonedToUtc } from '@groundwork/core/events';
import { dayStart } from '@groundwork/core/pledges/admin';
import { describe, expect, it } from 'vitest';

// Paris changes on the last Sundays of March (02:00 → 03:00) and October (03:00 → 02:00);
// New York on the first Sunday of November (02:00 → 01:00).
describe('wall-clock times across a change of offset', () => {
  it('converts every minute of a spring-forward night in Paris to the right instant', () => {
    expect(zonedToUtc('2027-03-28T00:59', 'Europe/Paris')).toBe('2027-03-27T23:59:00.000Z');
    expect(zonedToUtc('2027-03-28T01:30', 'Europe/Paris')).toBe('2027-03-28T00:30:00.000Z');
    expect(zonedToUtc('2027-03-28T01:59', 'Europe/Paris')).toBe('2027-03-28T00:59:00.000Z');
    expect(zonedToUtc('2027-03-28T03:00', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z');
    expect(zonedToUtc('2027-03-28T03:30', 'Europe/Paris')).toBe('2027-03-28T01:30:00.000Z');
  });

  it('moves a time the clocks skip forward by the gap', () => {
    const instant = zonedToUtc('2027-03-28T02:30', 'Europe/Paris');
    expect(instant).toBe('2027-03-28T01:30:00.000Z');
    expect(utcToZoned(instant, 'Europe/Paris')).toBe('2027-03-28T03:30');
  });

  it('takes the first of a repeated hour and reads the hours around it right', () => {
    expect(zonedToUtc('2027-11-07T00:30', 'America/New_York')).toBe('2027-11-07T04:30:00.000Z');
    expect(zonedToUtc('2027-11-07T01:30', 'America/New_York')).toBe('2027-11-07T05:30:00.000Z');
    expect(zonedToUtc('2027-11-07T03:00', 'America/New_York')).toBe('2027-11-07T08:00:00.000Z');
    expect(zonedToUtc('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedToUtc('2026-10-25T03:30', 'Europe/Paris')).toBe('2026-10-25T02:30:00.000Z');
  });

  it('round-trips every quarter hour of the days around both 2026 changes in Paris', () => {
    let checked = 0;
    for (const first of ['2026-03-28T00:00:00Z', '2026-10-24T00:00:00Z']) {
      const from = Date.parse(first);
      for (let t = from; t < from + 3 * 24 * 3600e3; t += 15 * 60e3) {
        const iso = new Date(t).toISOString();
        const back = zonedToUtc(utcToZoned(iso, 'Europe/Paris'), 'Europe/Paris');
        // Only the second pass through the repeated hour reads back as the first, an hour early.
        if (back !== iso) expect([iso, Date.parse(iso) - Date.parse(back)]).toEqual([iso, 3600e3]);
        else checked += 1;
      }
    }
    expect(checked).toBe(2 * 3 * 96 - 4);
  });

  it('starts a day at its first minute, also where midnight is skipped', () => {
    expect(dayStart('2027-03-28', 'Europe/Paris').toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(dayStart('2027-03-29', 'Europe/Paris').toISOString()).toBe('2027-03-28T22:00:00.000Z');
    // Santiago springs forward at midnight: 2026-09-06 begins at 01:00 local (04:00 UTC).
    expect(dayStart('2026-09-06', 'America/Santiago').toISOString()).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });
});
