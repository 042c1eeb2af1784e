import { describe, expect, it } from 'vitest';
import { dateInZone, dateTimeInZone, todayInZone, yearInZone } from './city-time.ts';

const BEIJING = 'Asia/Shanghai';

describe('times in a time zone', () => {
  it('shows an instant in Beijing time, with its date', () => {
    // A message sent at 20:06 Beijing time is stored as 12:06 UTC.
    expect(dateTimeInZone(BEIJING, '2026-12-03T12:06:41.123Z')).toBe('2026-12-03 20:06');
    expect(dateTimeInZone(BEIJING, new Date('2026-12-03T12:06:41Z'))).toBe('2026-12-03 20:06');
  });

  it('rolls the date over at 16:00 UTC, midnight in the city', () => {
    expect(dateInZone(BEIJING, '2026-12-03T15:59:59Z')).toBe('2026-12-03');
    expect(dateInZone(BEIJING, '2026-12-03T16:00:00Z')).toBe('2026-12-04');
    expect(dateTimeInZone(BEIJING, '2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(todayInZone(BEIJING, new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-01');
  });

  it('at 01:00 on New Year’s Day in Beijing it is already the new year (17:00 UTC the day before)', () => {
    const now = new Date('2026-12-31T17:00:00Z');
    expect(todayInZone(BEIJING, now)).toBe('2027-01-01');
    expect(yearInZone(BEIJING, now)).toBe(2027);
    expect(now.toISOString().slice(0, 10)).toBe('2026-12-31');
  });

  it('takes the zone as given: the same instant is another date elsewhere', () => {
    const now = new Date('2026-12-31T17:00:00Z');
    expect(todayInZone('UTC', now)).toBe('2026-12-31');
    expect(todayInZone('America/New_York', now)).toBe('2026-12-31');
    expect(dateTimeInZone('Asia/Tokyo', now)).toBe('2027-01-01 02:00');
  });
});
