// lint-expect: clean
// Of our code only domain/; pure packages and computing Node modules are fine.
import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import { formatMoney } from '#domain/money.ts';
import { todayInZone } from '#domain/time/city-time.ts';

export const line = (zone: string) => `${todayInZone(zone)} ${formatMoney(new Decimal(1))} ${createHash('sha256').digest('hex')}`;
