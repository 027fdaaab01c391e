import { describe, expect, it } from 'vitest';
import { isWithinBusinessHours, localTime } from '../../server/relay/business-hours.js';
import { replyMinutesFrom } from '../../server/relay/presence.js';

const tehran = {
  timeZone: 'Asia/Tehran',
  weekly: { sat: ['09:00-17:00'], sun: ['09:00-17:00'], mon: ['09:00-12:30', '13:30-17:00'] },
  holidays: ['2026-03-21'],
};

describe('business hours', () => {
  it('reads the wall clock in the site’s time zone, not the server’s', () => {
    // 05:30 UTC on Saturday 2026-11-21 is 09:00 in Tehran (UTC+3:30, no DST since 2022).
    expect(localTime(new Date('2026-11-21T05:30:00Z'), 'Asia/Tehran')).toEqual({
      day: 'sat',
      date: '2026-11-21',
      minute: 9 * 60,
    });
    expect(isWithinBusinessHours(tehran, new Date('2026-11-21T05:30:00Z'))).toBe(true);
    expect(isWithinBusinessHours(tehran, new Date('2026-11-21T05:29:00Z'))).toBe(false);
  });

  it('treats the end of a range as closed and honours a lunch break', () => {
    // Monday 2026-11-23: 12:30 Tehran = 09:00 UTC.
    expect(isWithinBusinessHours(tehran, new Date('2026-11-23T08:59:00Z'))).toBe(true);
    expect(isWithinBusinessHours(tehran, new Date('2026-11-23T09:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(tehran, new Date('2026-11-23T10:00:00Z'))).toBe(true);
  });

  it('is closed on a day without hours and on a holiday', () => {
    expect(isWithinBusinessHours(tehran, new Date('2026-11-20T08:00:00Z'))).toBe(false); // Friday
    // Nowruz 2026-03-21 is a Saturday: open by the weekly table, closed as a holiday.
    expect(isWithinBusinessHours(tehran, new Date('2026-03-21T08:00:00Z'))).toBe(false);
  });

  it('follows daylight saving in zones that have it', () => {
    const newYork = { timeZone: 'America/New_York', weekly: { mon: ['09:00-17:00'] }, holidays: [] };
    // 09:30 local: 14:30 UTC in winter (EST), 13:30 UTC in summer (EDT).
    expect(isWithinBusinessHours(newYork, new Date('2026-01-05T14:30:00Z'))).toBe(true);
    expect(isWithinBusinessHours(newYork, new Date('2026-01-05T13:30:00Z'))).toBe(false);
    expect(isWithinBusinessHours(newYork, new Date('2026-07-06T13:30:00Z'))).toBe(true);
  });

  it('moves the date across midnight for zones east of UTC', () => {
    expect(localTime(new Date('2026-11-23T21:00:00Z'), 'Asia/Tehran')).toMatchObject({ day: 'tue', date: '2026-11-24' });
  });
});

describe('expected reply time', () => {
  it('is the median first response, rounded up to whole minutes', () => {
    expect(replyMinutesFrom([])).toBeNull();
    expect(replyMinutesFrom([30])).toBe(1);
    expect(replyMinutesFrom([60, 600, 120])).toBe(2);
    expect(replyMinutesFrom([60, 180, 240, 3600])).toBe(4);
  });
});
