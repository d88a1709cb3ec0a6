/**
 * Wall-clock times in a time zone and the UTC instants behind them, with nothing but Intl.
 * Times are stored in UTC; the database cannot convert portably, so it happens here (the
 * events' local times, the organizers' calendar days).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `instant` in the zone, read back as if it were UTC (milliseconds). */
function wallAsUtc(instant: number, timeZone: string): number {
  const parts = partsFormatter(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
}

/** Milliseconds the zone is ahead of UTC at `instant` (Paris in winter: 3,600,000). */
function offsetMs(instant: number, timeZone: string): number {
  return wallAsUtc(instant, timeZone) - Math.floor(instant / 1000) * 1000;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The UTC instant of a wall-clock time in a zone. Around a change of offset, the offsets a day
 * before and a day after are the only candidates: in the repeated hour (autumn) both fit and
 * the first is taken; in the hour that does not exist (spring) neither fits and the time moves
 * forward by the gap (02:30 in Paris on the last Sunday of March is 03:30).
 *
 * @example
 * zonedToUtc('2026-07-01T19:00', 'Europe/Paris') // '2026-07-01T17:00:00.000Z'
 */
export function zonedToUtc(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const before = wall - offsetMs(wall - DAY_MS, timeZone);
  const after = wall - offsetMs(wall + DAY_MS, timeZone);
  const fits = [before, after].filter((t) => wallAsUtc(t, timeZone) === wall);
  return new Date(fits.length > 0 ? Math.min(...fits) : before).toISOString();
}

/**
 * An ISO UTC instant as a wall-clock time in a zone, in the form `zonedToUtc` reads.
 *
 * @example
 * utcToZoned('2026-07-01T17:00:00.000Z', 'Europe/Paris') // '2026-07-01T19:00'
 */
export function utcToZoned(iso: string, timeZone: string): string {
  return new Date(wallAsUtc(Date.parse(iso), timeZone)).toISOString().slice(0, 16);
}

/**
 * The local calendar day of an instant.
 *
 * @example
 * localDay(new Date('2026-11-25T23:30:00Z'), 'Europe/Paris') // '2026-11-26'
 */
export function localDay(instant: Date, timeZone: string): string {
  return new Date(wallAsUtc(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The UTC instant at which a local day starts (where midnight is skipped, the first minute
 * that exists).
 *
 * @example
 * dayStart('2026-11-26', 'Europe/Paris').toISOString() // '2026-11-25T23:00:00.000Z'
 */
export function dayStart(day: string, timeZone: string): Date {
  return new Date(zonedToUtc(`${day}T00:00`, timeZone));
}

/**
 * Moves a day by whole days.
 *
 * @example
 * addDays('2026-11-30', 1) // '2026-12-01'
 */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
