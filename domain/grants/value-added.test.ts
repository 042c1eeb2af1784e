import { describe, expect, it } from 'vitest';
import { eligibleAmounts } from './value-added.ts';
import { contract, yuan } from './fixtures.ts';
import { LC_2020_15 } from './policy.ts';

const t = (id: string, amount: string, registeredOn: string, extra: Partial<Parameters<typeof contract>[0]> = {}) =>
  contract({ id, kind: 'transfer', resultId: 'R', amount: yuan(amount), registeredOn, ...extra });

const eligible = (contracts: ReturnType<typeof contract>[]) =>
  Object.fromEntries([...eligibleAmounts(contracts, LC_2020_15)].map(([id, e]) => [id, e.eligibleAmount.toFixed(2)]));

describe('eligibleAmounts', () => {
  it('counts a first transfer and any non-transfer in full', () => {
    expect(eligible([t('t1', '800000.00', '2023-01-01'), contract({ id: 'd', amount: yuan('5.00'), resultId: 'R' })])).toEqual({
      t1: '800000.00',
      d: '5.00',
    });
  });

  it('counts only the value added over the immediately preceding registered transfer, never below 0.00', () => {
    const chain = [t('t1', '800000.00', '2023-01-01'), t('t2', '1200000.00', '2024-01-01'), t('t3', '1000000.00', '2024-06-01'), t('t4', '1000000.01', '2024-07-01')];
    expect(eligible(chain)).toEqual({ t1: '800000.00', t2: '400000.00', t3: '0.00', t4: '0.01' });
    const e = eligibleAmounts(chain, LC_2020_15).get('t3')!;
    expect(e.preceding).toEqual({ contractId: 't2', registrationNo: 'REG-t2', basisAmount: yuan('1200000.00') });
  });

  it('leaves revoked and terminated contracts out, as links too', () => {
    const chain = [t('t1', '800000.00', '2023-01-01'), t('t2', '1200000.00', '2024-01-01', { status: 'terminated' }), t('t3', '1000000.00', '2024-06-01')];
    expect(eligible(chain)).toEqual({ t1: '800000.00', t3: '200000.00' });
  });

  it('does not depend on input order', () => {
    const chain = [t('t1', '800000.00', '2023-01-01'), t('t2', '1200000.00', '2024-01-01'), t('t3', '1000000.00', '2024-06-01')];
    expect(eligible([...chain].reverse())).toEqual(eligible(chain));
  });
});
