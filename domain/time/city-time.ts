/**
 * Times as the city reads them. Timestamps are stored and sent in UTC (ISO 8601); every
 * time a person sees is in the city's time zone, with its date. Pure, and the same on the
 * server and in the browser, so a rendered page hydrates to the same text.
 */

/** The city's time zone (聊城, China Standard Time). */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateOnly = new Intl.DateTimeFormat('sv-SE', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

const toDate = (t: string | Date) => (typeof t === 'string' ? new Date(t) : t);

/** "2026-12-03 20:06" for an instant, in the city's time zone. */
export function cityDateTime(t: string | Date): string {
  return dateTime.format(toDate(t));
}

/** "2026-12-03": the city's date of an instant. */
export function cityDate(t: string | Date): string {
  return dateOnly.format(toDate(t));
}

/** Today's date in the city (deadlines, "effective from", a payment reference). */
export function cityToday(now: Date = new Date()): string {
  return cityDate(now);
}
