import type { MessageKey } from './zh.ts';
import { isMessageKey } from './bilingual.ts';

/** The words for a contract's audit action (contract.register → 认定登记); an action without words reads 其他操作. */
export function contractEventKey(action: string): MessageKey {
  const key = `contract.event.${action.replace(/^contract\./, '')}`;
  return isMessageKey(key) ? key : 'contract.event.other';
}
