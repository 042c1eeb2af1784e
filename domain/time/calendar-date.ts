/**
 * Calendar dates PostgreSQL and our rules can take: YYYY-MM-DD, years 1900–2100. PostgreSQL
 * refuses the year 0000 outright, and no contract, filing or policy of this platform lies
 * outside these years. The API and forms (app/lib/validation.ts isoDate) and the stored policy
 * record (domain/grants/policy.ts) both check it here.
 */
export const DATE_YEARS = { min: 1900, max: 2100 } as const;

/** True for a YYYY-MM-DD whose year is within DATE_YEARS. */
export function inDateYears(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  return year >= DATE_YEARS.min && year <= DATE_YEARS.max;
}
