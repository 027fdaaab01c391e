/**
 * Whether a site is within its business hours at an instant, in the site's own time zone
 * (Intl does the zone arithmetic, daylight saving included).
 */
import type { BusinessHours, DayKey } from '../config.js';

const WEEKDAY: Record<string, DayKey> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock day, date and minute of the day at `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): { day: DayKey; date: string; minute: number } {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    day: WEEKDAY[parts.weekday ?? ''] ?? 'mon',
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** True when `instant` falls in one of the day's ranges ("09:00-17:30", end exclusive) and is no holiday. */
export function isWithinBusinessHours(hours: BusinessHours, instant: Date): boolean {
  const local = localTime(instant, hours.timeZone);
  if (hours.holidays?.includes(local.date)) return false;
  const ranges = hours.weekly[local.day] ?? [];
  return ranges.some((range) => {
    const [start, end] = range.split('-') as [string, string];
    return local.minute >= toMinutes(start) && local.minute < toMinutes(end);
  });
}
