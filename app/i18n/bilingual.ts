import type { Msg } from '#domain/errors.ts';
import { en } from './en.ts';
import { zh, type MessageKey } from './zh.ts';

/*
 * Both dictionaries: server code only (services, and app/lib/validation.ts, which routes call from
 * loaders and actions). Components and route modules' client code never import this (lint checks it).
 */

/** A message in both languages, as errors and field messages carry it. */
export function message(key: MessageKey): Msg {
  return { zh: zh[key], en: en[key] };
}

/** True when `key` is one of our message keys (and not, say, a zod default message). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zh, key);
}
