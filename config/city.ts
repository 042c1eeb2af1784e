/**
 * The city the platform serves, and its time zone. Plain constants, not environment
 * variables: the browser formats times with the same zone as the server (a page must
 * hydrate to the same text), so the zone is part of the build. Every "today", every
 * default date or year and every time a person sees goes through these functions.
 */
import { dateInZone, dateTimeInZone, todayInZone, yearInZone } from '#domain/time/city-time.ts';

/** 聊城 keeps China Standard Time (UTC+8, no daylight saving). */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

/** "2026-12-03 20:06": an instant as the city reads it. */
export const cityDateTime = (t: string | Date): string => dateTimeInZone(CITY_TIME_ZONE, t);

/** "2026-12-03": the city's date of an instant. */
export const cityDate = (t: string | Date): string => dateInZone(CITY_TIME_ZONE, t);

/** Today's date in the city (deadlines, "effective from", a payment reference, default dates). */
export const todayInCity = (now: Date = new Date()): string => todayInZone(CITY_TIME_ZONE, now);

/** This year in the city (the grant year; the bureau's default year). */
export const yearInCity = (now: Date = new Date()): number => yearInZone(CITY_TIME_ZONE, now);
