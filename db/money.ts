import Decimal from 'decimal.js';
import { customType } from 'drizzle-orm/pg-core';

/** numeric(14,2) in PostgreSQL, Decimal in TypeScript; never a JS number. */
export const money = customType<{ data: Decimal; driverData: string }>({
  dataType() {
    return 'numeric(14, 2)';
  },
  toDriver(value) {
    return new Decimal(value).toFixed(2);
  },
  fromDriver(value) {
    return new Decimal(value);
  },
});

/** A rate such as 0.015, stored exactly. */
export const rate = customType<{ data: Decimal; driverData: string }>({
  dataType() {
    return 'numeric(9, 6)';
  },
  toDriver(value) {
    return new Decimal(value).toString();
  },
  fromDriver(value) {
    return new Decimal(value);
  },
});
