import { dateTimeForTimeZone, DateTimeInput, TimeZone } from '@grafana/data';

/**
 * Minutes east of UTC of the dashboard's (or the browser's) time zone at
 * `at`: the backend reads "since 10:00" and "yesterday" in that zone.
 * Daylight saving time is taken as it is at `at` (the range's end).
 */
export function utcOffsetMinutes(timezone: TimeZone | undefined, at?: DateTimeInput): number {
  try {
    const offset = dateTimeForTimeZone(timezone, at).utcOffset();
    return Number.isFinite(offset) ? offset : 0;
  } catch {
    // An unknown zone name: read questions in UTC rather than fail the query.
    return 0;
  }
}
