/**
 * Times as a city reads them. Timestamps are stored and sent in UTC (ISO 8601); every
 * time a person sees is in the city's time zone, with its date. Pure, and the same on the
 * server and in the browser, so a rendered page hydrates to the same text. The zone is a
 * parameter: which city, and so which zone, is configuration (config/city.ts binds it).
 */

const formatters = new Map<string, { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

function formattersOf(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = {
      dateTime: new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      date: new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
    };
    formatters.set(timeZone, f);
  }
  return f;
}

const toDate = (t: string | Date) => (typeof t === 'string' ? new Date(t) : t);

/** "2026-12-03 20:06" for an instant, in the time zone. */
export function dateTimeInZone(timeZone: string, t: string | Date): string {
  return formattersOf(timeZone).dateTime.format(toDate(t));
}

/** "2026-12-03": the date of an instant in the time zone. */
export function dateInZone(timeZone: string, t: string | Date): string {
  return formattersOf(timeZone).date.format(toDate(t));
}

/** Today's date in the time zone (never the UTC date: between 00:00 and 08:00 in Beijing they differ). */
export function todayInZone(timeZone: string, now: Date = new Date()): string {
  return dateInZone(timeZone, now);
}

/** The current year in the time zone (the grant year, the default of a year filter). */
export function yearInZone(timeZone: string, now: Date = new Date()): number {
  return Number(todayInZone(timeZone, now).slice(0, 4));
}
