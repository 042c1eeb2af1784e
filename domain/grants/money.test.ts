import { describe, expect, it } from 'vitest';
import { formatRate, formatExactYuan, isMoney, roundDown, sum, times } from './money.ts';
import { yuan } from './fixtures.ts';

describe('money', () => {
  it('rounds down to the 分, never up', () => {
    expect(roundDown(yuan('2345.67891'), 2).toFixed(2)).toBe('2345.67');
    expect(roundDown(yuan('0.009'), 2).toFixed(2)).toBe('0.00');
    expect(roundDown(yuan('6000'), 2).toFixed(2)).toBe('6000.00');
  });

  it('multiplies and adds exactly beyond 20 significant digits', () => {
    expect(times(yuan('999999999999.99'), yuan('0.012345678')).toString()).toBe('12345677999.99987654322');
    expect(sum([yuan('999999999999.99'), yuan('999999999999.99'), yuan('0.02')]).toFixed(2)).toBe('2000000000000.00');
  });

  it('knows yuan amounts', () => {
    expect(isMoney(yuan('12.34'))).toBe(true);
    expect(isMoney(yuan('12.345'))).toBe(false);
    expect(isMoney(yuan('-0.01'))).toBe(false);
  });

  it('writes amounts and rates for people', () => {
    expect(formatExactYuan(yuan('40000000'))).toBe('40,000,000.00');
    expect(formatExactYuan(yuan('2345.67891'))).toBe('2,345.67891');
    expect(formatExactYuan(yuan('999.5'))).toBe('999.50');
    expect(formatRate(yuan('0.015'))).toBe('1.5%');
    expect(formatRate(yuan('0.001'))).toBe('0.1%');
  });
});
