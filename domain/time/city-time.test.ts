import { describe, expect, it } from 'vitest';
import { cityDate, cityDateTime, cityToday } from './city-time.ts';

describe('city time', () => {
  it('shows an instant in Beijing time, with its date', () => {
    // A message sent at 20:06 Beijing time is stored as 12:06 UTC.
    expect(cityDateTime('2026-12-03T12:06:41.123Z')).toBe('2026-12-03 20:06');
    expect(cityDateTime(new Date('2026-12-03T12:06:41Z'))).toBe('2026-12-03 20:06');
  });

  it('rolls the date over at 16:00 UTC, midnight in the city', () => {
    expect(cityDate('2026-12-03T15:59:59Z')).toBe('2026-12-03');
    expect(cityDate('2026-12-03T16:00:00Z')).toBe('2026-12-04');
    expect(cityDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
    expect(cityToday(new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-01');
  });
});
